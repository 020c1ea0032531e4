"""The head's form that resolves a flagged set (R-3.2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.models import FlaggedSet


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=FlaggedSet.Outcome.choices, widget=forms.RadioSelect)
    kept = forms.ChoiceField(label=_("Application kept"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             required=False)

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = {a.number: a for a in applications}
        self.fields["kept"].choices = [("", "—")] + [(a.number, a.number) for a in applications]

    def kept_application(self):
        return self.applications.get(self.cleaned_data.get("kept") or "")
