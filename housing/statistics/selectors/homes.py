"""Homes by status and project (R-16.8b), and what the rounds allocated against the approved plan's quotas of each
unit and employer (R-15.3, R-15.4, R-7.2, R-9.2, R-11.2, R-17)."""

from django.db.models import Count, Q, Sum

from housing.groups import RESPONSIBLE_UNIT, Form
from housing.models import AllocationRound, Application, EmployerQuota, HousingUnit, PlanQuota, StageCount, SupplyPlan
from housing.stages import Stage
from housing.statistics.scope import Filters, Scope, groups_shown

# A home is allocated once it is chosen (R-16.8c): chosen, contract signed, contract filed.
ALLOCATED = (Stage.UNIT_SELECTED, Stage.CONTRACTED, Stage.FILED)


def homes_by_project() -> dict[tuple[str, str], int]:
    """(project, status) -> homes. Homes belong to no applicant group: only readers of every group see them."""
    rows = (HousingUnit.objects.values("building__project__name", "status").order_by()
            .annotate(n=Count("id")))
    return {(r["building__project__name"], r["status"]): r["n"] for r in rows}


def plan_of_year(filters: Filters) -> SupplyPlan | None:
    """The year's supply plan once approved (R-15.4): a draft is no plan to measure against."""
    return SupplyPlan.objects.filter(year=filters.year, status=SupplyPlan.Status.APPROVED).first()


def _plan_rounds(plan: SupplyPlan, filters: Filters) -> list[int]:
    if filters.round_id:
        return [filters.round_id]
    return list(AllocationRound.objects.filter(Q(supply_plan=plan) | Q(year=plan.year)).values_list("pk", flat=True))


def _units_shown(scope: Scope, filters: Filters) -> set[str] | None:
    groups = groups_shown(scope, filters)
    return None if groups is None else {RESPONSIBLE_UNIT[g] for g in groups}


def unit_allocations(scope: Scope, filters: Filters) -> list[dict]:
    """Per unit with a quota in the year's approved plan: its quota and the homes its groups were allocated, rented
    and sold (from the stage counts)."""
    plan = plan_of_year(filters)
    if plan is None:
        return []
    units = _units_shown(scope, filters)
    quotas = PlanQuota.objects.filter(plan=plan).select_related("unit")
    if units is not None:
        quotas = quotas.filter(unit__code__in=units)
    counts = StageCount.objects.filter(round_id__in=_plan_rounds(plan, filters), stage__in=ALLOCATED).exclude(
        form=Form.SUBSIDY)
    groups = groups_shown(scope, filters)
    if groups is not None:
        counts = counts.filter(group__in=groups)
    allocated: dict[tuple[str, str], int] = {}
    for row in counts.values("group", "form").order_by().annotate(n=Sum("count")):
        key = (RESPONSIBLE_UNIT[row["group"]], row["form"])
        allocated[key] = allocated.get(key, 0) + row["n"]
    return [{"unit": q.unit.code, "rental_quota": q.rental_units, "sale_quota": q.sale_units,
             "rental": allocated.get((q.unit.code, Form.PUBLIC_RENTAL), 0),
             "sale": allocated.get((q.unit.code, Form.ECONOMIC_HOUSING), 0)} for q in quotas]


def employer_allocations(scope: Scope, filters: Filters) -> list[dict]:
    """Per employer with a quota in the year's approved plan: its quota and the homes its talents were allocated."""
    plan = plan_of_year(filters)
    if plan is None:
        return []
    units = _units_shown(scope, filters)
    quotas = EmployerQuota.objects.filter(plan_quota__plan=plan)
    if units is not None:
        quotas = quotas.filter(plan_quota__unit__code__in=units)
    quotas = list(quotas.values("employer_id", "employer__name").order_by("employer__name")
                  .annotate(quota=Sum("rental_units") + Sum("sale_units")))
    applications = Application.objects.filter(round_id__in=_plan_rounds(plan, filters), stage__in=ALLOCATED,
                                              employer_id__in=[q["employer_id"] for q in quotas])
    groups = groups_shown(scope, filters)
    if groups is not None:
        applications = applications.filter(group__in=groups)
    allocated = dict(applications.values("employer_id").order_by().annotate(n=Count("id"))
                     .values_list("employer_id", "n"))
    return [{"employer": q["employer__name"], "quota": q["quota"], "allocated": allocated.get(q["employer_id"], 0)}
            for q in quotas]
