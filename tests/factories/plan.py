"""The annual cycle, built through the services as the units, the CCB and the Joint Meeting would (SPEC §4)."""

import datetime
import itertools

from django.utils import timezone

from departments.permissions import GROUP_UNITS
from housing.groups import Form
from housing.models import Building, HousingProject, HousingUnit, SupplyPlan, UnitType
from housing.plan.services import confirm_supply_plan, draft_supply_plan, record_plan_approval, set_plan_quota
from tests.factories.staff import staff

_serial = itertools.count(1)


def plan_clerk():
    return staff("ccb", "clerk")


def plan_head():
    """Records the Joint Meeting's confirmation and the Management Committee's approval (R-5, R-15.4)."""
    return staff("joint_meeting", "head")


def reload_plan(plan: SupplyPlan) -> SupplyPlan:
    """A fresh copy (refresh_from_db cannot reload the protected FSM field)."""
    return SupplyPlan.objects.get(pk=plan.pk)


def draft_plan(year: int, *, quotas: dict | None = None) -> SupplyPlan:
    """A draft plan with ``quotas`` = {unit_code: (rental, sale[, unit_types])}; the stock must carry them."""
    plan = draft_supply_plan(actor=plan_clerk(), year=year)
    for unit_code, numbers in (quotas or {}).items():
        rental, sale, *types = numbers
        set_plan_quota(actor=plan_clerk(), plan=plan, unit_code=unit_code, rental_units=rental, sale_units=sale,
                       unit_types=types[0] if types else [], expected_version=plan.version)
        plan = reload_plan(plan)
    return plan


def confirm(plan: SupplyPlan, *, on: datetime.date | None = None) -> SupplyPlan:
    return confirm_supply_plan(actor=plan_head(), plan=plan, reference=f"联席会议纪要〔{plan.year}〕1号",
                               confirmed_on=on or timezone.localdate(), expected_version=plan.version)


def approve(plan: SupplyPlan, *, on: datetime.date | None = None) -> SupplyPlan:
    return record_plan_approval(actor=plan_head(), plan=plan, reference=f"管委会批复〔{plan.year}〕1号",
                                approved_on=on or timezone.localdate(), expected_version=plan.version)


def approved_plan(year: int, *, quotas: dict | None = None) -> SupplyPlan:
    """The approved plan of ``year`` (R-15.4): the existing one if the year has one, else drafted, confirmed and
    approved now. An approved plan without quotas opens subsidy-only rounds (docs/decisions/0014)."""
    existing = SupplyPlan.objects.filter(year=year).first()
    if existing is not None and existing.status == SupplyPlan.Status.APPROVED:
        return existing
    plan = existing or draft_plan(year, quotas=quotas)
    if plan.status == SupplyPlan.Status.DRAFT:
        plan = confirm(plan)
    return approve(plan)


def approved_plan_with_homes(year: int, *, homes_per_unit: int = 20) -> SupplyPlan:
    """The approved plan of ``year`` giving each of the five group units ``homes_per_unit`` homes of the forms its
    groups receive (R-15.3), with the available stock to carry them; the existing approved plan if there is one."""
    existing = SupplyPlan.objects.filter(year=year, status=SupplyPlan.Status.APPROVED).first()
    if existing is not None:
        return existing
    add_stock(Form.PUBLIC_RENTAL, homes_per_unit * len(GROUP_UNITS))
    add_stock(Form.ECONOMIC_HOUSING, homes_per_unit)
    quotas = {code: (homes_per_unit, homes_per_unit if code == "ccb" else 0) for code in GROUP_UNITS}
    return approved_plan(year, quotas=quotas)


def add_stock(form: str, count: int, *, unit_type: str = UnitType.ONE_BEDROOM) -> list[HousingUnit]:
    """``count`` available homes of a project of ``form`` (rows only: the stock has its own services)."""
    n = next(_serial)
    project = HousingProject.objects.create(name=f"测试项目{n}", property_owner="深圳市龙华区住房保障运营有限公司",
                                            form=form)
    building = Building.objects.create(project=project, name="1栋")
    homes = HousingUnit.objects.bulk_create(
        HousingUnit(building=building, number=f"{i + 1:04d}", unit_type=unit_type, area="50.00", floor=1 + i // 10)
        for i in range(count))
    return homes
