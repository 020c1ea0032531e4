from django import forms
from django.utils.translation import gettext_lazy as _

from departments.models import UnitCode
from departments.permissions import DUTIES


class AuditFilterForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False, choices=[("", _("All units"))] + list(UnitCode.choices))
    event = forms.ChoiceField(label=_("Step"), required=False)
    actor = forms.CharField(label=_("Login of the staff member"), required=False, max_length=150)
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, step_labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        events = ["intake", *DUTIES, "document_uploaded", "objection_recorded", "objection_decided"]
        self.fields["event"].choices = [("", _("All steps"))] + [(e, step_labels.get(e, e)) for e in events]
