"""Selection day (R-16.8a, R-16.8c, R-17, R-16.8d, SPEC §13) through the services, as the CCB's clerks would."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from housing.exceptions import EmployerQuotaReached, InvalidInput, NotEntitled, NotPermitted, UnitTaken
from housing.groups import Form, Group
from housing.rules.dates import add_years
from housing.models import (
    Contract, EmployerQuota, GiveUp, HousingUnit, OfficeAction, PlanQuota, Selection, SelectionNotice, SupplyPlan,
    Tenancy, UnitType,
)
from housing.selection.selectors import entitled_unit_types, homes_for
from housing.selection import services as selection_day
from housing.selection import contracts
from housing.selection.services import employer_quota_refusal
from housing.joint_meeting.services import DecisionInput, record_decision
from housing.stages import Stage
from publicity.models import PublicNotice
from publicity.online.selectors import applicant_status
from tests.factories import AllocationRoundFactory, ApplicationFactory, EmployerDataFactory, IntakeDataFactory, advance, reload, staff, take
from tests.factories.selection import announced, homes, household, reload_unit, selection_clerk, set_policy, with_notices
from tests.factories.workflow import wait_out_announcement
from housing.review.services.intake import register_application

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def round_():
    return AllocationRoundFactory(groups=[Group.NO_HOUSING, Group.INSTITUTION_TALENT])


# --- notices (R-16.8a) -------------------------------------------------------------------------------

def test_notices_go_out_in_announced_rank_order_and_show_in_the_status_lookup(round_):
    third, first, second = announced(round_, ranks=(3, 1, 2))
    notices = selection_day.issue_selection_notices(actor=selection_clerk(), round_id=round_.pk,
                                                    group=Group.NO_HOUSING, selection_date=TODAY() + datetime.timedelta(days=5),
                                                    place="龙华区住房保障服务大厅")
    assert [n.application_id for n in notices] == [first.pk, second.pk, third.pk]
    assert [n.order for n in notices] == [1, 2, 3]
    assert reload(first).stage == Stage.SELECTION
    status = applicant_status(second.number, second.applicant_id_number, second.lookup_code)
    assert (status.selection_order, status.selection_place) == (2, "龙华区住房保障服务大厅")
    assert status.selection_date == TODAY() + datetime.timedelta(days=5)


def test_no_notice_during_the_announcement_period(round_):
    app = announced(round_)[0]
    notice = PublicNotice.objects.get(entries=app, announced_at__isnull=False)
    # Announced 6 days ago: the 7-day announcement period (SPEC §13) runs until today.
    PublicNotice.objects.filter(pk=notice.pk).update(announced_at=timezone.now() - datetime.timedelta(days=6))
    with pytest.raises(InvalidInput, match="announcement period"):
        contracts.issue_selection_notice(actor=selection_clerk(), application=app, expected_version=app.version)
    assert reload(app).stage == Stage.ANNOUNCED
    # On the day after the period: allowed.
    PublicNotice.objects.filter(pk=notice.pk).update(announced_at=timezone.now() - datetime.timedelta(days=7))
    assert contracts.issue_selection_notice(actor=selection_clerk(), application=app,
                                        expected_version=app.version).stage == Stage.SELECTION


def test_a_single_notice_cannot_jump_the_rank(round_):
    first, second = announced(round_, ranks=(1, 2))
    with pytest.raises(InvalidInput, match=first.number):
        contracts.issue_selection_notice(actor=selection_clerk(), application=second, expected_version=second.version)
    contracts.issue_selection_notice(actor=selection_clerk(), application=first, expected_version=first.version)
    second = reload(second)
    contracts.issue_selection_notice(actor=selection_clerk(), application=second, expected_version=second.version)
    assert list(SelectionNotice.objects.order_by("order").values_list("application_id", flat=True)) == [first.pk,
                                                                                                        second.pk]


def test_another_unit_may_not_issue_notices(round_):
    announced(round_)
    with pytest.raises(NotPermitted):
        selection_day.issue_selection_notices(actor=staff("social_construction", "clerk"), round_id=round_.pk,
                                              group=Group.NO_HOUSING, selection_date=TODAY(), place="x")
    assert not SelectionNotice.objects.exists()


# --- entitlement (R-16.8c, SPEC §13) -----------------------------------------------------------------

BY_SIZE = {"1": ["studio", "one_bedroom"], "2": ["one_bedroom", "two_bedroom"], "3": ["two_bedroom", "three_bedroom"]}


@pytest.mark.parametrize("size,types", [
    (1, ["studio", "one_bedroom"]),
    (2, ["one_bedroom", "two_bedroom"]),
    (3, ["two_bedroom", "three_bedroom"]),
    (4, ["two_bedroom", "three_bedroom"]),  # the largest size listed covers larger households
    (7, ["two_bedroom", "three_bedroom"]),
])
def test_entitled_unit_types_by_household_size(size, types):
    assert entitled_unit_types(BY_SIZE, size) == types


def test_the_session_offers_only_homes_the_household_may_choose(round_):
    app = with_notices(round_, sizes=[2])[0]
    studio, = homes(1, unit_type=UnitType.STUDIO)
    two, = homes(1, unit_type=UnitType.TWO_BEDROOM)
    three, = homes(1, unit_type=UnitType.THREE_BEDROOM)
    sale, = homes(1, unit_type=UnitType.TWO_BEDROOM, form=Form.ECONOMIC_HOUSING)
    assert list(homes_for(app)) == [two]
    with pytest.raises(NotEntitled):
        selection_day.choose_home(actor=selection_clerk(), application=app, expected_version=app.version, unit=three)
    with pytest.raises(NotEntitled):
        selection_day.choose_home(actor=selection_clerk(), application=app, expected_version=app.version, unit=sale)
    assert reload_unit(three).status == HousingUnit.Status.AVAILABLE
    assert {studio.pk, three.pk} & set(Selection.objects.values_list("unit_id", flat=True)) == set()


# --- the choice (R-16.8c) ----------------------------------------------------------------------------

def test_a_choice_reserves_the_home_and_a_second_household_is_told_it_is_taken(round_):
    first, second = with_notices(round_, ranks=(1, 2))
    home, = homes(1)
    first = selection_day.choose_home(actor=selection_clerk(), application=first, expected_version=first.version,
                                      unit=home)
    assert first.stage == Stage.UNIT_SELECTED
    selection = Selection.objects.get(application=first)
    assert (selection.unit_id, selection.holds, selection.unit_designation) == (home.pk, True, str(home))
    assert selection.sign_by == TODAY() + datetime.timedelta(days=7)
    assert reload_unit(home).status == HousingUnit.Status.RESERVED
    with pytest.raises(UnitTaken, match="taken"):
        selection_day.choose_home(actor=selection_clerk(), application=second, expected_version=second.version,
                                  unit=home)
    assert reload(second).stage == Stage.SELECTION
    assert OfficeAction.objects.filter(action="reserve_home", object_id=str(home.pk)).count() == 1


def test_the_step_without_a_home_is_refused(round_):
    app = with_notices(round_)[0]
    with pytest.raises(InvalidInput, match="from the stock"):
        contracts.record_selection(actor=selection_clerk(), application=app, expected_version=app.version)


# --- give-ups (SPEC §13) -----------------------------------------------------------------------------

def test_a_no_show_gives_up_and_the_next_household_moves_up(round_):
    first, second = with_notices(round_, ranks=(1, 2))
    homes(2)  # a home was there to choose (docs/decisions/0040: without one nothing is given up)
    session = selection_day.open_session(actor=selection_clerk(), round_id=round_.pk, group=Group.NO_HOUSING)
    assert selection_day.call_next(actor=selection_clerk(), session=session) == first
    session.refresh_from_db()
    selection_day.record_no_show(actor=selection_clerk(), session=session, application=first,
                                 expected_version=first.version, note="未到场")
    assert reload(first).stage == Stage.GAVE_UP
    assert GiveUp.objects.get(application=first).kind == GiveUp.Kind.NO_SHOW
    session.refresh_from_db()
    assert selection_day.call_next(actor=selection_clerk(), session=session) == second


def test_calling_again_before_the_household_called_is_dealt_with_is_refused(round_):
    with_notices(round_, ranks=(1, 2))
    session = selection_day.open_session(actor=selection_clerk(), round_id=round_.pk, group=Group.NO_HOUSING)
    selection_day.call_next(actor=selection_clerk(), session=session)
    with pytest.raises(InvalidInput, match="neither chosen"):
        selection_day.call_next(actor=selection_clerk(), session=session)


def test_unsigned_choices_become_give_ups_once_and_the_home_returns(round_):
    late, on_time = with_notices(round_, ranks=(1, 2))
    home_a, home_b = homes(2)
    selection_day.choose_home(actor=selection_clerk(), application=late, expected_version=late.version, unit=home_a,
                              selected_on=TODAY() - datetime.timedelta(days=8))  # sign by yesterday
    selection_day.choose_home(actor=selection_clerk(), application=on_time, expected_version=on_time.version,
                              unit=home_b, selected_on=TODAY() - datetime.timedelta(days=7))  # sign by today
    assert selection_day.record_unsigned_give_ups() == [late.number]
    assert selection_day.record_unsigned_give_ups() == []  # idempotent
    assert reload(late).stage == Stage.GAVE_UP
    assert GiveUp.objects.filter(application=late, kind=GiveUp.Kind.NOT_SIGNED).count() == 1
    assert Selection.objects.get(application=late).holds is False
    assert reload_unit(home_a).status == HousingUnit.Status.AVAILABLE
    assert reload(on_time).stage == Stage.UNIT_SELECTED
    assert reload_unit(home_b).status == HousingUnit.Status.RESERVED
    # The freed home can be chosen again: the partial unique constraint counts holding selections only.
    assert OfficeAction.objects.filter(action="release_home", object_id=str(home_a.pk)).count() == 1
    # The deadline acted, not an account (departments.permissions.SCHEDULED_JOB, decision 0016).
    give_up = GiveUp.objects.get(application=late)
    assert give_up.recorded_by is None
    assert late.history.order_by("-seq").first().actor_name == "scheduled-job"


def test_the_job_task_is_thin_and_idempotent(round_):
    from housing.selection.jobs import record_unsigned_give_ups
    late = with_notices(round_)[0]
    home, = homes(1)
    selection_day.choose_home(actor=selection_clerk(), application=late, expected_version=late.version, unit=home,
                              selected_on=TODAY() - datetime.timedelta(days=30))
    assert record_unsigned_give_ups() == [late.number]
    assert record_unsigned_give_ups() == []


def _give_ups(id_number: str, count: int):
    for _ in range(count):
        app = ApplicationFactory(members=[dict(household(1)[0], id_number=id_number)])
        app = advance(app, Stage.SELECTION)
        take("give_up", app)


@pytest.mark.parametrize("count,refused", [(2, False), (3, True)])
def test_the_give_up_limit_at_intake(count, refused):
    person = household(1)[0]
    _give_ups(person["id_number"], count)
    data = IntakeDataFactory(members=[dict(person)])
    if refused:
        with pytest.raises(InvalidInput) as exc:
            register_application(actor=staff("ccb", "clerk"), data=data)
        assert "give-ups" in " ".join(exc.value.field_errors["members"])
    else:
        assert register_application(actor=staff("ccb", "clerk"), data=data).stage == Stage.SUBMITTED


# --- employer quota (R-17) ---------------------------------------------------------------------------

@pytest.mark.parametrize("already,cap,quota,refused", [
    (49, 50, None, False),   # the 50th home
    (50, 50, None, True),    # the 51st without a decision
    (79, 80, None, False),   # the 80th under a Joint Meeting decision for 80
    (80, 80, None, True),    # the 81st
    (59, 80, 60, False),
    (60, 80, 60, True),  # never above the employer's quota
    (10, 50, 10, True),
])
def test_employer_quota_rule(already, cap, quota, refused):
    assert (employer_quota_refusal(already=already, cap=cap, quota=quota, decided=cap != 50) is not None) is refused


def _talent_quota(round_, employer, *, total: int, decided_homes: int | None = None):
    """The employer's share of the round's plan; ``decided_homes``: a Joint Meeting decision for it that year."""
    plan = round_.supply_plan or SupplyPlan.objects.get(year=round_.year)
    if round_.supply_plan_id is None:
        type(round_).objects.filter(pk=round_.pk).update(supply_plan=plan)
    from departments.models import Unit
    plan_quota, _ = PlanQuota.objects.get_or_create(plan=plan, unit=Unit.objects.get(code="org_personnel"),
                                                    defaults={"rental_units": 100})
    decision = None
    if decided_homes:
        decision = record_decision(actor=staff("joint_meeting", "head"), data=DecisionInput(
            kind="employer_quota", minutes_number="联席会议纪要〔2026〕5号", meeting_date=timezone.localdate(),
            text="同意放宽。", employer=employer, year=plan.year, homes=decided_homes))
    return EmployerQuota.objects.create(plan_quota=plan_quota, employer=employer, rental_units=total,
                                        decision=decision, recorded_by=staff("org_personnel", "head"))


def _same_employer_talents(round_, n):
    first = announced(round_, Group.INSTITUTION_TALENT)[0]
    employer = first.employer
    others = []
    for _ in range(n - 1):
        app = ApplicationFactory(round=round_, group=Group.INSTITUTION_TALENT,
                                 employer=EmployerDataFactory(name=employer.name, credit_code=employer.credit_code,
                                                              kind=employer.kind))
        app = advance(app, Stage.ANNOUNCED)
        wait_out_announcement(app)
        others.append(reload(app))
    apps = [first] + others
    for app in apps:
        take("issue_selection_notice", reload(app))
    return [reload(a) for a in apps], employer


@pytest.mark.parametrize("decided_homes,refused", [(None, True), (3, False)])
def test_the_home_above_the_cap_needs_a_joint_meeting_decision(round_, decided_homes, refused):
    set_policy(employer_quota_cap=2)  # the cap is a policy parameter (R-17.1: 50 shipped)
    apps, employer = _same_employer_talents(round_, 3)
    _talent_quota(round_, employer, total=5, decided_homes=decided_homes)
    units = homes(3)
    for app, unit in zip(apps[:2], units):
        selection_day.choose_home(actor=selection_clerk(), application=app, expected_version=app.version, unit=unit)
    third = apps[2]
    if refused:
        with pytest.raises(EmployerQuotaReached, match=r"Art\. 17"):
            selection_day.choose_home(actor=selection_clerk(), application=third, expected_version=third.version,
                                      unit=units[2])
        assert reload_unit(units[2]).status == HousingUnit.Status.AVAILABLE
    else:
        assert selection_day.choose_home(actor=selection_clerk(), application=third, expected_version=third.version,
                                         unit=units[2]).stage == Stage.UNIT_SELECTED


def test_no_employer_exceeds_its_quota(round_):
    apps, employer = _same_employer_talents(round_, 2)
    _talent_quota(round_, employer, total=1)
    a, b = homes(2)
    selection_day.choose_home(actor=selection_clerk(), application=apps[0], expected_version=apps[0].version, unit=a)
    with pytest.raises(EmployerQuotaReached, match="quota of 1"):
        selection_day.choose_home(actor=selection_clerk(), application=apps[1], expected_version=apps[1].version,
                                  unit=b)


# --- contract and filing (R-16.8d, R-30) -------------------------------------------------------------

def _signed(app, **overrides):
    today = TODAY()
    kwargs = dict(number=f"HT-{app.number}", signed_on=today, term_start=today,
                  term_end=add_years(today, 3) - datetime.timedelta(days=1))
    kwargs.update(overrides)
    return contracts.sign_contract(actor=selection_clerk(), application=app, expected_version=app.version, **kwargs)


def test_the_contract_takes_owner_and_rent_from_the_home_and_filing_lets_it(round_):
    app = with_notices(round_)[0]
    home, = homes(1)
    app = selection_day.choose_home(actor=selection_clerk(), application=app, expected_version=app.version, unit=home)
    app = _signed(app)
    contract = Contract.objects.get(application=app)
    assert (contract.unit_id, contract.monthly_rent, contract.property_owner) == (
        home.pk, Decimal("1200.00"), home.building.project.property_owner)
    assert contract.signatory == app.applicant_name
    app = contracts.file_contract(actor=selection_clerk(), application=app, expected_version=app.version,
                              filing_number="LHBA-2026-00001", filed_on=TODAY())
    assert app.stage == Stage.FILED
    assert reload_unit(home).status == HousingUnit.Status.LET
    tenancy = Tenancy.objects.get(contract=contract)
    assert (tenancy.unit_id, tenancy.application_id, tenancy.starts_on, tenancy.ends_on, tenancy.monthly_rent) == (
        home.pk, app.pk, contract.term_start, contract.term_end, Decimal("1200.00"))


def test_filing_a_sale_sells_the_home_and_starts_no_tenancy():
    round_ = AllocationRoundFactory(groups=[Group.LOW_INCOME_NO_HOUSING])
    app = with_notices(round_, Group.LOW_INCOME_NO_HOUSING)[0]
    home, = homes(1, form=Form.ECONOMIC_HOUSING)
    app = selection_day.choose_home(actor=selection_clerk(), application=app, expected_version=app.version, unit=home)
    app = _signed(app, term_end=None)
    assert Contract.objects.get(application=app).price == Decimal("600000.00")
    contracts.file_contract(actor=selection_clerk(), application=app, expected_version=app.version,
                        filing_number="LHBA-S-1", filed_on=TODAY())
    assert reload_unit(home).status == HousingUnit.Status.SOLD
    assert not Tenancy.objects.exists()


def test_a_talent_lease_runs_at_most_three_years_and_the_employer_may_sign(round_):
    app = with_notices(round_, Group.INSTITUTION_TALENT)[0]
    home, = homes(1)
    app = selection_day.choose_home(actor=selection_clerk(), application=app, expected_version=app.version, unit=home)
    today = TODAY()
    with pytest.raises(InvalidInput) as exc:
        _signed(app, term_end=add_years(today, 3) + datetime.timedelta(days=1))
    assert "Art. 30" in exc.value.field_errors["term_end"][0]
    app = _signed(reload(app), term_end=add_years(today, 3), signed_by_employer=True)
    contract = Contract.objects.get(application=app)
    assert (contract.signed_by_employer, contract.signatory) == (True, app.employer.name)


def test_a_signature_after_the_signing_day_is_refused(round_):
    app = with_notices(round_)[0]
    home, = homes(1)
    app = selection_day.choose_home(actor=selection_clerk(), application=app, expected_version=app.version,
                                    unit=home, selected_on=TODAY() - datetime.timedelta(days=8))
    with pytest.raises(InvalidInput) as exc:
        _signed(app)
    assert "弃签" in exc.value.field_errors["signed_on"][0]
    assert not Contract.objects.exists()


# --- permissions -------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit_code,role", [("social_construction", "clerk"), ("discipline", "clerk"),
                                            ("ccb", "reviewer"), ("finance", "clerk")])
def test_only_ccb_operators_run_selection(round_, unit_code, role):
    app = with_notices(round_)[0]
    home, = homes(1)
    actor = staff(unit_code, role)
    with pytest.raises(NotPermitted):
        selection_day.open_session(actor=actor, round_id=round_.pk, group=Group.NO_HOUSING)
    with pytest.raises(NotPermitted):
        selection_day.choose_home(actor=actor, application=app, expected_version=app.version, unit=home)
    with pytest.raises(NotPermitted):
        selection_day.record_give_up(actor=actor, application=app, expected_version=app.version,
                                     kind=GiveUp.Kind.NO_SHOW)
    assert reload(app).stage == Stage.SELECTION
    assert reload_unit(home).status == HousingUnit.Status.AVAILABLE


def test_the_demo_seed_issues_notices_once():
    from housing.demo.accounts import DEMO_ROUND_NAME
    from housing.demo.selection import seed
    round_ = AllocationRoundFactory(name=DEMO_ROUND_NAME, groups=[Group.NO_HOUSING])
    app = ApplicationFactory(round=round_, group=Group.NO_HOUSING)
    app = advance(app, Stage.ANNOUNCED)  # announced today: the seed lets the period run
    assert seed(users={"ccb_clerk": selection_clerk()}) == 1
    assert seed(users={"ccb_clerk": selection_clerk()}) == 0
    assert reload(app).stage == Stage.SELECTION
    assert homes_for(reload(app)).exists()
