"""The filters of a statistics page: year, round, and a group within the reader's scope."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from housing.groups import Group
from housing.models import AllocationRound, SupplyPlan
from housing.statistics.scope import Filters, Scope


def _years() -> list[int]:
    years = set(AllocationRound.objects.values_list("year", flat=True).distinct())
    years |= set(SupplyPlan.objects.values_list("year", flat=True))
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


class StatisticsFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    round = forms.ModelChoiceField(label=_("Round"), queryset=AllocationRound.objects.all(), required=False,
                                   empty_label=_("All rounds of the year"))
    # Every group is a valid value; the view refuses one outside the reader's scope (a 403, not a quiet empty page).
    group = forms.ChoiceField(label=_("Applicant group"), required=False, choices=[("", ""), *Group.choices])

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in _years()]
        self.fields["group"].widget.choices = [("", _("All my groups") if scope.groups is not None
                                                else _("All groups")),
                                               *[(g, Group(g).label) for g in scope.group_list]]

    def filters(self) -> Filters:
        """The valid filters only: a bad value in one field does not drop the others."""
        data = getattr(self, "cleaned_data", {})
        round_ = data.get("round")
        return Filters(year=data.get("year") or timezone.localdate().year, round_id=round_.pk if round_ else None,
                       group=data.get("group") or None)
