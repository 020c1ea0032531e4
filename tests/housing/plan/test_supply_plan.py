"""R-15.3, R-15.4: the supply plan drafted from the available stock, confirmed, approved; only then a round opens."""

import datetime

import pytest
from django.utils import timezone, translation

from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed, StalePlan
from housing.groups import Form, Group
from housing.models import AllocationRound, OfficeAction, PlanQuota, SupplyPlan
from housing.plan.selectors import available_stock, available_stock_totals
from housing.plan.services import confirm_supply_plan, draft_supply_plan, record_plan_approval, set_plan_quota
from housing.plan.rounds import open_round_with_supply_notice
from tests.factories import AllocationRoundFactory, staff
from tests.factories.plan import add_stock, approve, approved_plan, confirm, reload_plan

pytestmark = pytest.mark.django_db


def quota(plan, unit_code="ccb", rental=0, sale=0, types=(), actor=None, version=None):
    plan = reload_plan(plan)
    return set_plan_quota(actor=actor or staff("ccb", "clerk"), plan=plan, unit_code=unit_code, rental_units=rental,
                          sale_units=sale, unit_types=list(types),
                          expected_version=plan.version if version is None else version)


def test_the_available_stock_counts_only_available_homes_by_form_and_type(stock):
    add_stock(Form.PUBLIC_RENTAL, 3, unit_type="studio")
    home = add_stock(Form.PUBLIC_RENTAL, 1, unit_type="studio")[0]
    home.send_to_repair()
    home.save()
    assert available_stock()[(Form.PUBLIC_RENTAL, "studio")] == 3
    assert available_stock_totals() == {Form.PUBLIC_RENTAL: 103, Form.ECONOMIC_HOUSING: 20}


def test_quotas_up_to_the_available_stock_are_saved_and_one_more_home_is_refused_naming_the_form(draft):
    quota(draft, "ccb", rental=60, sale=20, types=["two_bedroom", "studio"])
    saved = quota(draft, "org_personnel", rental=40)  # 100 of 100 public rental homes
    assert saved.rental_units == 40
    assert PlanQuota.objects.get(plan=draft, unit__code="ccb").unit_types == ["studio", "two_bedroom"]
    with pytest.raises(InvalidInput) as refused, translation.override("en"):
        quota(draft, "econ_services", rental=1)
    assert "Public rental housing" in str(refused.value.field_errors["rental_units"][0])
    assert "101" in str(refused.value.field_errors["rental_units"][0])
    with pytest.raises(InvalidInput) as refused, translation.override("en"):
        quota(draft, "ccb", rental=60, sale=21)
    assert "Economic housing" in str(refused.value.field_errors["sale_units"][0])
    assert not PlanQuota.objects.filter(unit__code="econ_services").exists()
    assert PlanQuota.objects.get(plan=draft, unit__code="ccb").sale_units == 20


def test_a_unit_gets_only_the_forms_its_groups_may_receive(draft):
    with pytest.raises(InvalidInput) as refused:
        quota(draft, "org_personnel", sale=1)  # C4: public rental or a subsidy, never economic housing
    assert "sale_units" in refused.value.field_errors
    with pytest.raises(InvalidInput):
        quota(draft, "finance", rental=1)


def test_a_quota_edit_from_a_stale_page_is_refused(draft):
    version = draft.version
    quota(draft, "ccb", rental=10)
    with pytest.raises(StalePlan):
        quota(draft, "ccb", rental=20, version=version)


@pytest.mark.parametrize("unit,role", [("ccb", "reviewer"), ("org_personnel", "head"), ("discipline", "reviewer"),
                                       ("joint_meeting", "head")])
def test_only_a_ccb_clerk_or_head_drafts_the_plan_and_its_quotas(draft, unit, role, next_year):
    with pytest.raises(NotPermitted):
        draft_supply_plan(actor=staff(unit, role), year=next_year + 1)
    with pytest.raises(NotPermitted):
        quota(draft, "ccb", rental=1, actor=staff(unit, role))


def test_a_year_has_one_plan(draft, next_year):
    with pytest.raises(InvalidInput):
        draft_supply_plan(actor=staff("ccb", "clerk"), year=next_year)


def test_confirmed_then_approved_with_references_and_dates_and_each_step_recorded(draft, jm_head):
    quota(draft, "ccb", rental=10)
    today = timezone.localdate()
    draft = reload_plan(draft)
    confirmed = confirm_supply_plan(actor=jm_head, plan=draft, reference="纪要〔2027〕1号", confirmed_on=today,
                                    expected_version=draft.version)
    assert confirmed.status == SupplyPlan.Status.CONFIRMED and confirmed.joint_meeting_reference == "纪要〔2027〕1号"
    approved = record_plan_approval(actor=staff("ccb", "head"), plan=confirmed, reference="批复〔2027〕3号",
                                    approved_on=today, expected_version=confirmed.version)
    assert approved.status == SupplyPlan.Status.APPROVED and approved.approved_on == today
    assert list(OfficeAction.objects.filter(object_type="supplyplan").order_by("id").values_list("action", flat=True)) \
        == ["draft_supply_plan", "set_plan_quota", "confirm_supply_plan", "record_plan_approval"]


def test_the_decisions_need_a_reference_and_a_date_not_in_the_future(draft, jm_head):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        confirm_supply_plan(actor=jm_head, plan=draft, reference=" ", confirmed_on=tomorrow,
                            expected_version=draft.version)
    assert set(refused.value.field_errors) == {"reference", "decided_on"}
    assert reload_plan(draft).status == SupplyPlan.Status.DRAFT
    confirmed = confirm(draft)
    with pytest.raises(InvalidInput) as refused:
        record_plan_approval(actor=jm_head, plan=confirmed, reference="批复",
                             approved_on=confirmed.confirmed_on - datetime.timedelta(days=1),
                             expected_version=confirmed.version)
    assert "decided_on" in refused.value.field_errors


def test_no_step_is_skipped_and_quotas_are_frozen_once_confirmed(draft, jm_head):
    with pytest.raises(StageNotAllowed):
        approve(draft)
    confirmed = confirm(draft)
    with pytest.raises(StageNotAllowed):
        quota(confirmed, "ccb", rental=1)
    with pytest.raises(StageNotAllowed):
        confirm(confirmed)
    approved = approve(confirmed)
    with pytest.raises(StageNotAllowed):
        quota(approved, "ccb", rental=1)


def test_a_stale_confirmation_is_refused(draft, jm_head):
    stale = draft.version
    quota(draft, "ccb", rental=1)
    with pytest.raises(StalePlan):
        confirm_supply_plan(actor=jm_head, plan=draft, reference="x", confirmed_on=timezone.localdate(),
                            expected_version=stale)


@pytest.mark.parametrize("unit,role", [("ccb", "clerk"), ("ccb", "reviewer"), ("joint_meeting", "clerk"),
                                       ("org_personnel", "head"), ("discipline", "head")])
def test_only_the_joint_meeting_or_a_ccb_head_records_the_decisions(draft, unit, role):
    actor = staff(unit, role)
    with pytest.raises(NotPermitted):
        confirm_supply_plan(actor=actor, plan=draft, reference="x", confirmed_on=timezone.localdate(),
                            expected_version=draft.version)
    confirmed = confirm(draft)
    with pytest.raises(NotPermitted):
        record_plan_approval(actor=actor, plan=confirmed, reference="x", approved_on=timezone.localdate(),
                             expected_version=confirmed.version)


def open_round(year):
    return open_round_with_supply_notice(
        actor=staff("ccb", "clerk"), year=year, name="", title="供应公告", body="面向全部保障对象。",
        groups=[Group.NO_HOUSING], application_deadline=timezone.localdate() + datetime.timedelta(days=30))


def test_only_an_approved_plan_of_the_rounds_year_opens_a_round(draft, next_year):
    with pytest.raises(InvalidInput) as refused:
        open_round(next_year)  # a draft
    assert "Art. 15" in str(refused.value.field_errors["year"][0])
    confirmed = confirm(draft)
    with pytest.raises(InvalidInput):
        open_round(next_year)  # confirmed, not yet approved
    approved_plan(next_year + 1)
    with pytest.raises(InvalidInput):
        open_round(next_year)  # another year's plan does not count
    assert not AllocationRound.objects.exists()
    approved = approve(confirmed)
    round_ = open_round(next_year)
    assert round_.supply_plan == approved


def test_the_round_factory_opens_rounds_under_the_approved_plan_of_their_year():
    first = AllocationRoundFactory(year=2030)
    second = AllocationRoundFactory(year=2030)
    assert first.supply_plan == second.supply_plan and first.supply_plan.status == SupplyPlan.Status.APPROVED
