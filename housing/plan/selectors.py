"""Reads of the annual cycle (SPEC §4): demand by unit, the stock a plan can give out, plans and their quotas."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import Http404

from departments.models import Unit
from departments.permissions import DISCIPLINE, GROUP_UNITS, TALENT_UNITS, CCB
from housing.groups import ALLOWED_FORMS, EMPLOYER_KINDS, RESPONSIBLE_UNIT, TALENT_GROUPS, Form, Group, groups_of_unit
from housing.models import (
    AllocationRound, DemandDeadlineMiss, DemandReport, Employer, EmployerQuota, HousingUnit, PlanQuota, RankingEntry,
    SupplyPlan, UnitType,
)

HOME_FORMS = (Form.PUBLIC_RENTAL, Form.ECONOMIC_HOUSING)


def forms_of_unit(unit_code: str) -> set[str]:
    """The forms of guarantee the unit's applicant groups may receive (SPEC §3)."""
    return {f for g in groups_of_unit(unit_code) for f in ALLOWED_FORMS[g]}


def employer_kinds_of_unit(unit_code: str) -> set[str]:
    """R-21.1: the kinds of employer the unit's talent groups cover (R-7.2, R-9.2, R-11.2: whom it may give quota)."""
    return set().union(*(EMPLOYER_KINDS.get(g, set()) for g in groups_of_unit(unit_code)))


def employers_for_quota(quota: PlanQuota):
    return Employer.objects.filter(kind__in=employer_kinds_of_unit(quota.unit.code)).order_by("name")


def available_stock() -> dict[tuple[str, str], int]:
    """(project form, unit type) -> homes available now (R-15.3: the plan is drafted from the available stock)."""
    rows = (HousingUnit.objects.filter(status=HousingUnit.Status.AVAILABLE)
            .values("building__project__form", "unit_type").annotate(n=Count("id")).order_by())
    return {(r["building__project__form"], r["unit_type"]): r["n"] for r in rows}


def available_stock_totals(stock: dict | None = None) -> dict[str, int]:
    stock = available_stock() if stock is None else stock
    totals = {form: 0 for form in HOME_FORMS}
    for (form, _type), n in stock.items():
        totals[form] = totals.get(form, 0) + n
    return totals


def stock_table() -> list[dict]:
    """One row per form: the available homes by unit type and in total, for the plan page."""
    stock = available_stock()
    return [{"form": form, "label": Form(form).label,
             "by_type": [stock.get((form, t), 0) for t in UnitType.values],
             "total": sum(stock.get((form, t), 0) for t in UnitType.values)} for form in HOME_FORMS]


@dataclass
class UnitDemand:
    unit: Unit
    groups: list[str]
    reports: list[DemandReport] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        reported = {r.group for r in self.reports}
        return [g for g in self.groups if g not in reported]

    @property
    def missing_labels(self) -> list[str]:
        return [Group(g).label for g in self.missing]

    @property
    def any_late(self) -> bool:
        return any(r.late for r in self.reports)


def demand_by_unit(year: int, *, unit_codes=GROUP_UNITS) -> list[UnitDemand]:
    """Every unit that reports demand, its groups and its reports for ``year`` (two queries)."""
    units = list(Unit.objects.filter(code__in=unit_codes).order_by("code"))
    reports = DemandReport.objects.filter(year=year, unit__in=units).select_related("submitted_by")
    by_unit: dict[int, list[DemandReport]] = {}
    for report in reports:
        by_unit.setdefault(report.unit_id, []).append(report)
    return [UnitDemand(unit=u, groups=sorted(groups_of_unit(u.code)), reports=by_unit.get(u.pk, [])) for u in units]


def report_years() -> set[int]:
    return set(DemandReport.objects.values_list("year", flat=True).distinct())


def demand_totals(year: int) -> dict[str, int]:
    reports = DemandReport.objects.filter(year=year)
    return {
        "rental_households": sum(r.rental_households for r in reports),
        "sale_households": sum(r.sale_households for r in reports),
        "subsidy_households": sum(r.subsidy_households for r in reports),
    }


def deadline_misses():
    """R-15.2: the units flagged to discipline inspection, newest year first."""
    return DemandDeadlineMiss.objects.select_related("unit").order_by("-year", "unit__code")


def sees_every_unit(user) -> bool:
    """The CCB drafts the plan from every unit's demand (R-12.1); discipline reads everything (R-6); the Joint
    Meeting and Finance read the plan area. A group unit other than the CCB reads its own reports."""
    unit = user.unit.code if getattr(user, "unit_id", None) else None
    return unit not in GROUP_UNITS or unit == CCB or unit == DISCIPLINE


def plans():
    return SupplyPlan.objects.annotate(quota_count=Count("quotas")).order_by("-year")


def get_plan_or_404(year: int) -> SupplyPlan:
    plan = (SupplyPlan.objects.select_related("drafted_by", "confirmed_by", "approved_by")
            .prefetch_related(Prefetch("quotas", queryset=PlanQuota.objects.select_related("unit")
                                       .prefetch_related(Prefetch("employer_quotas",
                                                                  queryset=EmployerQuota.objects
                                                                  .select_related("employer")))))
            .filter(year=year).first())
    if plan is None:
        raise Http404
    return plan


def get_quota_or_404(plan: SupplyPlan, unit_code: str) -> PlanQuota:
    for quota in plan.quotas.all():
        if quota.unit.code == unit_code:
            return quota
    raise Http404


def approved_plan_of_year(year: int) -> SupplyPlan | None:
    """R-15.4: the plan that may open rounds of ``year``."""
    return SupplyPlan.objects.filter(year=year, status=SupplyPlan.Status.APPROVED).first()


@dataclass(frozen=True)
class RankingQuotas:
    """What the approved supply plan leaves a unit to propose in a ranking (R-15.3, R-16.3, R-17).

    ``total``: the homes of the unit's quota in the plan; ``used``: ranked applications for a home of the unit's
    groups already sent on a proposed list under the same plan; ``employer_quotas``: for a talent unit that split its
    quota among employers (R-7.2, R-9.2, R-11.2), each employer's homes by credit code (an employer outside the
    split gets none); None when the unit has not split it, and each queue is then cut at the policy's cap.
    """

    plan: SupplyPlan
    unit: Unit
    total: int
    used: int
    employer_quotas: dict[str, int] | None

    @property
    def remaining(self) -> int:
        return max(self.total - self.used, 0)


def ranking_quotas(*, round: AllocationRound, group: str) -> RankingQuotas | None:
    """The named read of the ranking (housing.ranking.services): the quotas of the round's approved plan for the
    unit responsible for ``group``. None for a round opened without a plan, whose quotas are entered by hand."""
    plan = round.supply_plan
    if plan is None:
        return None
    unit = Unit.objects.get(code=RESPONSIBLE_UNIT[group])
    quota = PlanQuota.objects.filter(plan=plan, unit=unit).first()
    used = RankingEntry.objects.filter(
        ranking__round__supply_plan=plan, ranking__group__in=groups_of_unit(unit.code),
        ranking__proposed_at__isnull=False, rank__isnull=False, within_quota=True,
        application__form__in=HOME_FORMS).count()
    employer_quotas = None
    if quota is not None and group in TALENT_GROUPS:
        split = {code: rental + sale for code, rental, sale in EmployerQuota.objects.filter(plan_quota=quota)
                 .values_list("employer__credit_code", "rental_units", "sale_units")}
        employer_quotas = split or None
    return RankingQuotas(plan=plan, unit=unit, total=quota.total if quota else 0, used=used,
                         employer_quotas=employer_quotas)


def is_talent_unit(unit_code: str | None) -> bool:
    return unit_code in TALENT_UNITS


def days_until(day: datetime.date, today: datetime.date) -> int:
    return (day - today).days
