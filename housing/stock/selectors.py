"""What the stock pages read (R-16.8b): homes with their project and building, counts, one home's history.

The CCB keeps the stock and discipline inspection reads it (OFFICE_READERS["stock"], R-6); anyone else reads
nothing here, so these selectors refuse instead of returning an empty list.
"""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from departments.permissions import can_read_area
from housing.exceptions import NotPermitted
from housing.models import Building, Contract, HousingProject, HousingUnit, OfficeAction, Selection, UnitType


def _require_read(user) -> None:
    if not can_read_area(user, "stock"):
        raise NotPermitted(article="R-16.8b")


def homes_visible_to(user, *, project=None, building=None, unit_type="", status="", form="") -> QuerySet:
    _require_read(user)
    homes = HousingUnit.objects.select_related("building__project").order_by(
        "building__project__name", "building__name", "number")
    if project:
        homes = homes.filter(building__project=project)
    if building:
        homes = homes.filter(building=building)
    if unit_type:
        homes = homes.filter(unit_type=unit_type)
    if status:
        homes = homes.filter(status=status)
    if form:
        homes = homes.filter(building__project__form=form)
    return homes


@dataclass(frozen=True)
class StockCounts:
    total: int
    by_status: list[tuple[str, str, int]]  # (value, label, count), every status shown, zeros too
    by_type: list[tuple[str, str, int]]


def stock_counts(homes: QuerySet) -> StockCounts:
    """Counts of the filtered homes by status and by unit type: two grouped queries."""
    statuses = dict(homes.order_by().values_list("status").annotate(n=Count("id")))
    types = dict(homes.order_by().values_list("unit_type").annotate(n=Count("id")))
    return StockCounts(
        total=sum(statuses.values()),
        by_status=[(v, label, statuses.get(v, 0)) for v, label in HousingUnit.Status.choices],
        by_type=[(v, label, types.get(v, 0)) for v, label in UnitType.choices],
    )


def projects_for_filter(user) -> QuerySet:
    _require_read(user)
    return HousingProject.objects.all()


def buildings_for_filter(user, project=None) -> QuerySet:
    _require_read(user)
    buildings = Building.objects.select_related("project")
    return buildings.filter(project=project) if project else buildings


@dataclass
class HomeHistory:
    home: HousingUnit
    selections: list
    contracts: list
    actions: list


def home_for_user_or_404(user, pk: int) -> HomeHistory:
    _require_read(user)
    home = get_object_or_404(HousingUnit.objects.select_related("building__project"), pk=pk)
    selections = list(Selection.objects.filter(unit=home).select_related("application", "recorded_by")
                      .order_by("-selected_on", "-id"))
    contracts = list(Contract.objects.filter(unit=home).select_related("application").order_by("-signed_on", "-id"))
    actions = list(OfficeAction.objects.filter(object_type=HousingUnit._meta.model_name, object_id=str(home.pk)))
    return HomeHistory(home=home, selections=selections, contracts=contracts, actions=actions)
