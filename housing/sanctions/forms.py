"""The form of a register entry (R-35, R-36, R-37)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.web.forms import DateInput
from housing.models import Application
from housing.rules.sanctions import R36_1, R36_2, R37

GROUND_CHOICES = [
    (R36_1, _("Art. 36: not eligible, lied or bribed — fine 30,000.00 yuan, barred 10 years")),
    (R36_2, _("Art. 36: eligible, but lied or bribed — fine 10,000.00 yuan, barred 3 years")),
    (R37, _("Art. 37: employer misconduct — barred 3 years, no fine in the measures")),
]


class SanctionForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=GROUND_CHOICES, widget=forms.RadioSelect)
    application = forms.CharField(
        label=_("Application refused"), required=False, max_length=24,
        help_text=_("The application number, where the entry follows its refusal; the ban then counts from the "
                    "day of the refusal."))
    decided_on = forms.DateField(label=_("Date of the refusal or decision"), required=False, widget=DateInput,
                                 help_text=_("YYYY-MM-DD. Not needed when the application is named."))
    name = forms.CharField(label=_("Name of the person or employer"), required=False, max_length=200,
                           help_text=_("Taken from the application when left empty."))
    id_number = forms.CharField(label=_("Resident ID number (person)"), required=False, max_length=18)
    credit_code = forms.CharField(label=_("Unified social credit code (employer)"), required=False, max_length=18)
    facts = forms.CharField(label=_("Facts, as published"), widget=forms.Textarea(attrs={"rows": 4}))

    def clean_application(self):
        number = self.cleaned_data["application"].strip()
        if not number:
            return None
        try:
            return Application.objects.select_related("employer").get(number=number)
        except Application.DoesNotExist:
            raise forms.ValidationError(_("No application has this number."))
