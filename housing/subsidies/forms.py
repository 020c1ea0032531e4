"""Forms of the subsidy pages (R-8.2, R-32)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MonthField(forms.DateField):
    """A month as YYYY-MM (an <input type="month">), cleaned to its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


class PrepareBatchForm(forms.Form):
    month = MonthField(label=_("Month to pay"), initial=this_month, help_text=_("YYYY-MM"))


class BatchActionForm(forms.Form):
    """R-16.e pattern: the batch's version when the page was rendered."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ExportForm(forms.Form):
    fmt = forms.ChoiceField(label=_("File format"), choices=[("xlsx", "xlsx"), ("csv", "csv")], initial="xlsx",
                            widget=forms.RadioSelect)


class SubsidyChangeForm(forms.Form):
    from_month = MonthField(label=_("From month"), initial=this_month, help_text=_("YYYY-MM"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("In plain words, e.g. the holder's written notice (Art. 32)."))


class BankDetailsForm(forms.Form):
    bank_name = forms.CharField(label=_("Bank"), max_length=100)
    bank_account = forms.CharField(label=_("Bank account"), max_length=40)
    # R-16.e: the account the form was rendered with (empty when none was recorded).
    expected_account = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
