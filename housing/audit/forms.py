"""Filters of the audit-record pages (R-6, R-38). A bad value in one field is reported and left out; the others
still filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from departments.models import SignInRecord
from housing.audit.selectors import TRACKED
from housing.models import PersonalDataRead


def _date(label):
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class DatedFilterForm(forms.Form):
    date_from = _date(_("First day"))
    date_to = _date(_("Last day"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The last day comes before the first."))
            cleaned.pop("date_to", None)
        return cleaned

    def filters(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or ("" if isinstance(field, forms.CharField) else None)
                for name, field in self.fields.items()}


class SignInFilterForm(DatedFilterForm):
    username = forms.CharField(label=_("Account (user name)"), required=False, max_length=150)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False,
                                choices=[("", _("All outcomes")), *SignInRecord.Outcome.choices])
    field_order = ["username", "outcome", "date_from", "date_to"]

    def clean_username(self):
        return self.cleaned_data["username"].strip()


class ReferenceFilterForm(DatedFilterForm):
    record = forms.ChoiceField(label=_("Reference data"), required=False)
    field_order = ["record", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [("", _("All reference data"))] + [
            (key, model._meta.verbose_name_plural) for key, model in TRACKED.items()]


class ReadFilterForm(DatedFilterForm):
    username = forms.CharField(label=_("Account (user name)"), required=False, max_length=150)
    kind = forms.ChoiceField(label=_("What was read"), required=False,
                             choices=[("", _("All reads")), *PersonalDataRead.Kind.choices])
    application = forms.CharField(label=_("Application number"), required=False, max_length=40)
    field_order = ["username", "kind", "application", "date_from", "date_to"]

    def clean_username(self):
        return self.cleaned_data["username"].strip()

    def clean_application(self):
        return self.cleaned_data["application"].strip().upper()
