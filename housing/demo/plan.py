"""Demo: the annual cycle behind the demo round (SPEC §4), through the real services.

    seed(users=users)                    # before the demo round opens: demand reports, the approved plan
    seed_employer_quotas(users=users)    # once employers exist: the talent units split their quotas

``users`` is what housing.demo.accounts.ensure_demo_accounts() returns. Both are idempotent: what exists is
left as it is.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from housing.demo.accounts import DEMO_YEAR
from housing.groups import Group
from housing.models import DemandReport, Employer, SupplyPlan, UnitType
from housing.plan.selectors import available_stock_totals
from housing.groups import EMPLOYER_KINDS
from housing.plan.services import (
    confirm_supply_plan,
    draft_supply_plan,
    record_plan_approval,
    set_plan_quota,
    split_employer_quota,
    submit_demand_report,
)

# Who reports which group, and the demo figures (rental, sale, subsidy). Demo figures only.
DEMO_DEMAND = (
    ("ccb_clerk", Group.LOW_INCOME_NO_HOUSING, (0, 60, 0), False),
    ("ccb_clerk", Group.NO_HOUSING, (180, 0, 0), False),
    ("social_reviewer", Group.MINIMUM_ALLOWANCE, (40, 0, 55), False),
    ("org_reviewer", Group.INSTITUTION_TALENT, (60, 0, 90), False),
    ("public_reviewer", Group.ECW_TALENT, (50, 0, 70), False),
    ("econ_reviewer", Group.ENTERPRISE_TALENT, (90, 0, 160), True),  # handed in after 31 October: marked late
)
# Share of the available public rental homes per unit; economic housing goes to the CCB (C1 only, SPEC §3).
RENTAL_SHARE = {"ccb": 0.40, "social_construction": 0.12, "org_personnel": 0.16, "public_affairs": 0.12,
                "econ_services": 0.20}
UNIT_TYPES = {"ccb": list(UnitType.values), "social_construction": [UnitType.ONE_BEDROOM, UnitType.TWO_BEDROOM]}
TALENT_TYPES = [UnitType.STUDIO, UnitType.ONE_BEDROOM, UnitType.TWO_BEDROOM]


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


@transaction.atomic
def seed(*, users: dict, year: int = DEMO_YEAR) -> SupplyPlan:
    """The demand reports for ``year`` (handed in during October of the year before, one late) and the plan of
    ``year``, drafted from the stock available now, confirmed by the Joint Meeting and approved."""
    for username, group, (rental, sale, subsidy), late in DEMO_DEMAND:
        actor = users[username]
        if DemandReport.objects.filter(unit=actor.unit, year=year, group=group).exists():
            continue
        day = datetime.date(year - 1, 11, 6) if late else datetime.date(year - 1, 10, 20)
        submit_demand_report(actor=actor, group=group, year=year, rental_households=rental, sale_households=sale,
                             subsidy_households=subsidy, note="演示数据", at=_at(day))
    plan = SupplyPlan.objects.filter(year=year).first()
    if plan is None:
        plan = draft_supply_plan(actor=users["ccb_clerk"], year=year, note="演示数据：按现有可供房源编制。")
        stock = available_stock_totals()
        for unit_code, share in RENTAL_SHARE.items():
            rental = int(stock["public_rental"] * share)
            sale = stock["economic_housing"] if unit_code == "ccb" else 0
            plan = set_plan_quota(actor=users["ccb_clerk"], plan=plan, unit_code=unit_code, rental_units=rental,
                                  sale_units=sale, unit_types=UNIT_TYPES.get(unit_code, TALENT_TYPES),
                                  expected_version=plan.version).plan
    today = timezone.localdate()
    start = min(datetime.date(year, 1, 20), today)
    if plan.status == SupplyPlan.Status.DRAFT:
        plan = confirm_supply_plan(actor=users["joint_meeting"], plan=plan, reference=f"龙华联席会议纪要〔{year}〕1号",
                                   confirmed_on=start, expected_version=plan.version)
    if plan.status == SupplyPlan.Status.CONFIRMED:
        plan = record_plan_approval(actor=users["joint_meeting"], plan=plan,
                                    reference=f"龙华管委会批复〔{year}〕3号",
                                    approved_on=min(start + datetime.timedelta(days=10), today),
                                    expected_version=plan.version)
    return plan


@transaction.atomic
def seed_employer_quotas(*, users: dict, year: int = DEMO_YEAR, per_unit: int = 2) -> int:
    """Each talent unit gives its first employers a share of its public rental quota (R-7.2, R-9.2, R-11.2)."""
    plan = SupplyPlan.objects.filter(year=year, status=SupplyPlan.Status.APPROVED).first()
    if plan is None:
        return 0
    made = 0
    for username, group in (("org_head", Group.INSTITUTION_TALENT), ("public_head", Group.ECW_TALENT),
                            ("econ_head", Group.ENTERPRISE_TALENT)):
        actor = users[username]
        quota = plan.quotas.filter(unit=actor.unit).first()
        if quota is None or quota.employer_quotas.exists():
            continue
        employers = list(Employer.objects.filter(kind__in=EMPLOYER_KINDS[group]).order_by("id")[:per_unit])
        each = min(quota.rental_units // max(len(employers), 1), 50)  # within the cap, no decision needed
        for employer in employers:
            if each:
                split_employer_quota(actor=actor, plan_quota=quota, employer=employer, rental_units=each,
                                     sale_units=0)
                made += 1
    return made
