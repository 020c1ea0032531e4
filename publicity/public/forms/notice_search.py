"""Search within a public notice or announcement (R-16.4a): GET, nothing stored."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class NoticeSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name as published"), required=False, max_length=20,
        help_text=_("Part of the masked name shown in the list, for example 张 or 张*三."),
    )
    employer = forms.CharField(label=_("Employer"), required=False, max_length=100)
    rank_from = forms.IntegerField(label=_("Rank from"), required=False, min_value=1, max_value=1_000_000)
    rank_to = forms.IntegerField(label=_("Rank to"), required=False, min_value=1, max_value=1_000_000)

    FIELDS = ("name", "employer", "rank_from", "rank_to")

    def clean(self):
        data = super().clean()
        low, high = data.get("rank_from"), data.get("rank_to")
        if low is not None and high is not None and low > high:
            raise ValidationError(_("The first rank must not be greater than the last one."))
        return data

    def is_search(self) -> bool:
        return any((self.data.get(f) or "").strip() for f in self.FIELDS)

    def filters(self) -> dict:
        """The filters to apply; none while the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {f: self.cleaned_data[f] for f in self.FIELDS if self.cleaned_data[f] not in (None, "")}
