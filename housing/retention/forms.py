"""The head's form for one retention period (R-X.2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from housing.models import RetentionRule
from housing.retention.rules import MAX_MONTHS, MIN_MONTHS


class RuleForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=RetentionRule.Category.choices)
    months = forms.IntegerField(label=_("Months kept after closing"), min_value=MIN_MONTHS, max_value=MAX_MONTHS)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
