"""Intake (R-12.2, R-16.2): numbering, identity data (R-X.3), and bad input that changes nothing (R-X.5)."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from stdnum.cn import ric

from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import Form, Group
from housing.models import (
    Application, ApplicationHistory, ApplicationNumberSequence, Employer, HouseholdMember, StageCount,
)
from housing.review.services.intake import register_application
from housing.stages import Stage
from tests.factories import (
    AllocationRoundFactory, ApplicationFactory, EmployerDataFactory, IntakeDataFactory, MemberFactory,
    make_credit_code, make_id_number, staff, with_wrong_check_digit,
)

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"^LH-(\d{4})-(C[1-6])-(\d{6})$")


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture
def round_2026(db):
    return AllocationRoundFactory(year=2026)


def stored():
    return (Application.objects.count(), HouseholdMember.objects.count(), ApplicationHistory.objects.count(),
            Employer.objects.count(), sum(StageCount.objects.values_list("count", flat=True)))


def refused(clerk, data) -> dict:
    """Register ``data``; it must be refused with nothing stored. Returns the field errors."""
    before = stored()
    with pytest.raises(InvalidInput) as info:
        register_application(actor=clerk, data=data)
    assert stored() == before
    return info.value.field_errors


# --- numbers ------------------------------------------------------------------------------------------
def test_numbers_are_sequential_per_year_and_group(clerk, round_2026):
    c3 = [ApplicationFactory(round=round_2026, c3=True, actor=clerk).number for _ in range(3)]
    c1 = ApplicationFactory(round=round_2026, c1=True, actor=clerk).number
    assert c3 == ["LH-2026-C3-000001", "LH-2026-C3-000002", "LH-2026-C3-000003"]
    assert c1 == "LH-2026-C1-000001"
    later = AllocationRoundFactory(year=2027)
    assert ApplicationFactory(round=later, c3=True).number == "LH-2027-C3-000001"
    assert all(NUMBER.match(n) for n in [*c3, c1])


def test_a_refused_intake_uses_no_number(clerk, round_2026):
    assert ApplicationFactory(round=round_2026, c6=True).number == "LH-2026-C6-000001"
    data = IntakeDataFactory.build(round=round_2026, c6=True)
    data.members[0]["id_number"] = with_wrong_check_digit(data.members[0]["id_number"])
    refused(clerk, data)
    assert ApplicationFactory(round=round_2026, c6=True).number == "LH-2026-C6-000002"  # no gap


def test_a_registered_application_keeps_the_household_and_its_first_history_row(clerk, round_2026):
    app = ApplicationFactory(round=round_2026, c4=True, with_spouse=True, actor=clerk)
    assert app.stage == Stage.SUBMITTED and app.version == 1 and app.household_size == 2
    applicant, spouse = HouseholdMember.objects.filter(application=app).order_by("id")
    assert (applicant.relation, spouse.relation) == ("applicant", "spouse")
    assert (app.applicant_name, app.applicant_id_number) == (applicant.name, applicant.id_number)
    assert app.employer.kind == Employer.Kind.PUBLIC_INSTITUTION
    [row] = ApplicationHistory.objects.filter(application=app)
    assert (row.event, row.actor, row.to_stage) == ("intake", clerk, Stage.SUBMITTED)
    assert StageCount.objects.get(round=round_2026, group=app.group, stage=Stage.SUBMITTED).count == 1


def test_only_a_ccb_clerk_or_head_registers(round_2026):
    data = IntakeDataFactory.build(round=round_2026)
    for actor in (staff("ccb", "reviewer"), staff("org_personnel", "clerk"), staff(None, "sysadmin"),
                  staff("discipline", "head")):
        before = stored()
        with pytest.raises(NotPermitted):
            register_application(actor=actor, data=data)
        assert stored() == before
    assert register_application(actor=staff("ccb", "head"), data=data).stage == Stage.SUBMITTED


# --- identity data (R-X.3) ----------------------------------------------------------------------------
@pytest.mark.parametrize("region,birth", [
    ("440309", datetime.date(1990, 5, 17)),  # Longhua: the code exists since 2016, the person is older
    ("440306", datetime.date(1985, 3, 2)),   # Bao'an district code (1992-) on an older person
    ("440321", datetime.date(1980, 1, 1)),   # the retired Bao'an county code
])
def test_an_id_keeps_the_region_code_it_was_issued_with(clerk, round_2026, region, birth):
    data = IntakeDataFactory.build(round=round_2026)
    data.members[0]["id_number"] = make_id_number(birth=birth, order=7, region=region)
    app = register_application(actor=clerk, data=data)
    assert app.applicant_id_number.startswith(region)


def test_a_lower_case_x_check_digit_is_accepted_and_stored_upper_case(clerk, round_2026):
    number = next(make_id_number(birth=datetime.date(1991, 1, 1), order=n) for n in range(1000)
                  if make_id_number(birth=datetime.date(1991, 1, 1), order=n).endswith("X"))
    data = IntakeDataFactory.build(round=round_2026)
    data.members[0]["id_number"] = number.lower()
    assert register_application(actor=clerk, data=data).applicant_id_number == number


def _bad_ids():
    good = make_id_number(birth=datetime.date(1990, 2, 3), order=11)
    body = "44030919900230" + "012"  # 30 February
    return [
        pytest.param(with_wrong_check_digit(good), "check digit", id="check-digit"),
        pytest.param(body + ric.calc_check_digit(body + "0"), "birth date", id="no-such-date"),
        pytest.param(good[:17], "18 characters", id="17-characters"),
        pytest.param(good + "1", "18 characters", id="19-characters"),
        pytest.param("44030919900203A11" + "5", "17 digits", id="letter-inside"),
        pytest.param(make_id_number(birth=timezone.localdate() + datetime.timedelta(days=400), order=1),
                     "future", id="born-in-the-future"),
        pytest.param("", "18 characters", id="empty"),
    ]


@pytest.mark.parametrize("member", [0, 1], ids=["applicant", "spouse"])
@pytest.mark.parametrize("id_number,says", _bad_ids())
def test_a_bad_id_number_is_refused_naming_the_member(clerk, round_2026, member, id_number, says):
    data = IntakeDataFactory.build(round=round_2026, with_spouse=True)
    data.members[member]["id_number"] = id_number
    with translation.override("en"):  # the service words its messages in the language of the request
        errors = refused(clerk, data)
    assert list(errors) == [f"members.{member}.id_number"]
    assert says in errors[f"members.{member}.id_number"][0]


def test_the_same_person_twice_in_a_household_is_refused(clerk, round_2026):
    data = IntakeDataFactory.build(round=round_2026, with_spouse=True)
    data.members[1]["id_number"] = data.members[0]["id_number"]
    assert list(refused(clerk, data)) == ["members.1.id_number"]


@pytest.mark.parametrize("group", [Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT])
def test_a_bad_credit_code_is_refused(clerk, round_2026, group):
    data = IntakeDataFactory.build(round=round_2026, group=group)
    data.employer.credit_code = with_wrong_check_digit(make_credit_code(424242))
    assert list(refused(clerk, data)) == ["employer.credit_code"]
    data.employer.credit_code = make_credit_code(424242)[:17]
    assert list(refused(clerk, data)) == ["employer.credit_code"]


@pytest.mark.parametrize("group,wrong_kind", [
    (Group.INSTITUTION_TALENT, Employer.Kind.ENTERPRISE),
    (Group.INSTITUTION_TALENT, Employer.Kind.ECW_INSTITUTION),  # Art. 39(1): education/culture/health is C5
    (Group.ECW_TALENT, Employer.Kind.PUBLIC_INSTITUTION),
    (Group.ENTERPRISE_TALENT, Employer.Kind.AGENCY),
])
def test_an_employer_of_the_wrong_kind_for_the_group_is_refused(clerk, round_2026, group, wrong_kind):
    data = IntakeDataFactory.build(round=round_2026, group=group)
    data.employer = EmployerDataFactory(kind=wrong_kind)
    assert list(refused(clerk, data)) == ["employer.kind"]


def test_a_talent_application_without_an_employer_is_refused(clerk, round_2026):
    data = IntakeDataFactory.build(round=round_2026, c5=True)
    data.employer = None
    assert list(refused(clerk, data)) == ["employer"]


@pytest.mark.parametrize("form,refused_form", [(Form.SUBSIDY, True), (Form.PUBLIC_RENTAL, False)])
def test_a_leading_talent_may_rent_but_gets_no_subsidy(clerk, round_2026, form, refused_form):
    """R-3.1: leading and outstanding talents receive no housing subsidy under these measures."""
    data = IntakeDataFactory.build(round=round_2026, c5=True, form=form)
    data.facts["leading_talent"] = True
    if refused_form:
        with translation.override("en"):
            errors = refused(clerk, data)
        assert list(errors) == ["form"] and "Art. 3" in errors["form"][0]
    else:
        assert register_application(actor=clerk, data=data).leading_talent is True


@pytest.mark.parametrize("group,form", [
    (Group.LOW_INCOME_NO_HOUSING, Form.PUBLIC_RENTAL),
    (Group.LOW_INCOME_NO_HOUSING, Form.SUBSIDY),
    (Group.NO_HOUSING, Form.SUBSIDY),
    (Group.NO_HOUSING, Form.ECONOMIC_HOUSING),
    (Group.INSTITUTION_TALENT, Form.ECONOMIC_HOUSING),
    (Group.MINIMUM_ALLOWANCE, Form.ECONOMIC_HOUSING),
])
def test_a_form_the_group_may_not_receive_is_refused(clerk, round_2026, group, form):
    """R-4, SPEC §3."""
    data = IntakeDataFactory.build(round=round_2026, group=group, form=form)
    assert list(refused(clerk, data)) == ["form"]


def test_a_household_with_two_applicants_is_refused(clerk, round_2026):
    data = IntakeDataFactory.build(round=round_2026)
    data.members.append(MemberFactory(relation="applicant"))
    assert list(refused(clerk, data)) == ["members"]


def test_a_household_without_an_applicant_is_refused(clerk, round_2026):
    data = IntakeDataFactory.build(round=round_2026)
    data.members[0]["relation"] = "spouse"
    assert list(refused(clerk, data)) == ["members"]


def test_a_person_who_joined_the_hukou_cannot_be_the_applicant(clerk, round_2026):
    """R-HH.4."""
    data = IntakeDataFactory.build(round=round_2026)
    data.members[0]["hukou_by_joining"] = True
    assert list(refused(clerk, data)) == ["members.0.hukou_by_joining"]


def test_a_member_without_a_name_is_refused(clerk, round_2026):
    data = IntakeDataFactory.build(round=round_2026, with_spouse=True)
    data.members[1]["name"] = "  "
    assert list(refused(clerk, data)) == ["members.1.name"]


def test_a_closed_round_takes_no_applications(clerk):
    closed = AllocationRoundFactory(closed=True)
    data = IntakeDataFactory.build(round=closed)
    assert list(refused(clerk, data)) == ["round"]


def test_a_group_the_supply_notice_does_not_invite_is_refused(clerk):
    """R-16.1: the round's supply notice names the groups it invites."""
    families = AllocationRoundFactory(groups=[Group.LOW_INCOME_NO_HOUSING, Group.NO_HOUSING])
    assert list(refused(clerk, IntakeDataFactory.build(round=families, c4=True))) == ["group"]
    assert ApplicationFactory(round=families, c3=True).stage == Stage.SUBMITTED


def test_every_mistake_is_reported_at_once(clerk):
    closed = AllocationRoundFactory(closed=True, groups=[Group.NO_HOUSING])
    data = IntakeDataFactory.build(round=closed, c6=True)
    data.form = Form.ECONOMIC_HOUSING
    data.members[0]["id_number"] = "123"
    data.employer.credit_code = "X"
    data.employer.kind = Employer.Kind.AGENCY
    errors = refused(clerk, data)
    assert set(errors) == {"round", "group", "form", "members.0.id_number", "employer.credit_code", "employer.kind"}


def test_nothing_half_applies_when_saving_fails_after_validation(clerk, round_2026, monkeypatch):
    """R-X.5: the whole intake is one transaction."""
    import housing.review.services.intake as intake

    def broken(**kwargs):
        raise RuntimeError("history store unavailable")

    monkeypatch.setattr(intake, "append_history", broken)
    before = stored()
    sequences = list(ApplicationNumberSequence.objects.values_list("group", "last"))
    with pytest.raises(RuntimeError):
        register_application(actor=clerk, data=IntakeDataFactory.build(round=round_2026, c6=True))
    assert stored() == before
    assert list(ApplicationNumberSequence.objects.values_list("group", "last")) == sequences
