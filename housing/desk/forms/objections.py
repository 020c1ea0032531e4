"""Recording and deciding objections (R-16.6)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.web.forms import VersionedForm


class RecordObjectionForm(VersionedForm):
    objector_name = forms.CharField(label=_("Objector's real name"), max_length=100)
    objector_contact = forms.CharField(label=_("Objector's contact"), max_length=100,
                                       help_text=_("Telephone or address, to send the answer to."))
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea)


class DecideObjectionForm(VersionedForm):
    upheld = forms.TypedChoiceField(
        label=_("Decision"), widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        choices=[("yes", _("Upheld: the entry is removed from the list")),
                 ("no", _("Not upheld: the entry stays on the list"))],
    )
    reason = forms.CharField(label=_("Reason of the decision"), widget=forms.Textarea)
    answer = forms.CharField(label=_("Answer to the objector"), widget=forms.Textarea)
    investigation_notes = forms.CharField(label=_("Investigation notes"), widget=forms.Textarea, required=False)
