"""R-7.2, R-9.2, R-11.2: a talent unit splits its own quota among employers; R-17.1, R-17.2: above 50 homes for
one employer only with a Joint Meeting decision."""

import pytest
from django.utils import timezone

from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed
from housing.groups import Form
from housing.models import Employer, EmployerQuota, OfficeAction, PlanQuota
from housing.joint_meeting.services import DecisionInput, record_decision
from housing.plan.services import split_employer_quota
from tests.factories import make_credit_code, staff
from tests.factories.plan import add_stock, approved_plan, draft_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_quota(next_year):
    add_stock(Form.PUBLIC_RENTAL, 120)
    plan = approved_plan(next_year, quotas={"org_personnel": (100, 0), "public_affairs": (10, 0)})
    return PlanQuota.objects.get(plan=plan, unit__code="org_personnel")


def split(quota, employer, rental, *, actor=None, decision=None):
    return split_employer_quota(actor=actor or staff("org_personnel", "reviewer"), plan_quota=quota,
                                employer=employer, rental_units=rental, sale_units=0, decision=decision)


def decided(employer, year, homes, minutes="联席会议纪要〔2027〕5号"):
    """R-17.2: the Joint Meeting records the decision itself (housing.joint_meeting)."""
    return record_decision(actor=staff("joint_meeting", "head"), data=DecisionInput(
        kind="employer_quota", minutes_number=minutes, meeting_date=timezone.localdate(), text="同意放宽。",
        employer=employer, year=year, homes=homes))


def test_fifty_homes_to_one_employer_need_no_decision(org_quota, agency):
    share = split(org_quota, agency, 50)
    assert share.total == 50 and share.joint_meeting_decision == "" and share.decision is None
    assert OfficeAction.objects.get(action="split_employer_quota").data["above_cap"] is False


def test_fifty_one_homes_to_one_employer_are_refused_without_a_joint_meeting_decision(org_quota, agency):
    with pytest.raises(InvalidInput) as refused:
        split(org_quota, agency, 51)
    assert "Art. 17" in str(refused.value.field_errors["decision"][0])
    assert not EmployerQuota.objects.exists()


def test_fifty_one_homes_are_accepted_with_the_decision_cited(org_quota, agency, next_year):
    decision = decided(agency, next_year, 60)
    share = split(org_quota, agency, 51, decision=decision)
    assert share.decision == decision and share.joint_meeting_decision == "联席会议纪要〔2027〕5号"
    assert share.joint_meeting_decided_on == timezone.localdate()
    action = OfficeAction.objects.get(action="split_employer_quota")
    assert action.data["above_cap"] is True and "R-17.2" in action.article


def test_the_employers_together_get_at_most_the_units_quota(org_quota, agency, next_year):
    other = Employer.objects.create(name="龙华区测试事业单位", credit_code=make_credit_code(700002),
                                    kind=Employer.Kind.PUBLIC_INSTITUTION)
    decision = decided(other, next_year, 60)
    split(org_quota, agency, 50)
    split(org_quota, other, 50)  # 100 of 100
    with pytest.raises(InvalidInput) as refused:
        split(org_quota, other, 51, decision=decision)
    assert "rental_units" in refused.value.field_errors
    split(org_quota, agency, 40)  # changing a share replaces it
    split(org_quota, other, 60, decision=decision)
    assert sum(e.total for e in EmployerQuota.objects.all()) == 100


def test_an_employer_of_another_group_is_refused(org_quota):
    school = Employer.objects.create(name="龙华区测试中学", credit_code=make_credit_code(700003),
                                     kind=Employer.Kind.ECW_INSTITUTION)
    with pytest.raises(InvalidInput) as refused:
        split(org_quota, school, 1)
    assert "employer" in refused.value.field_errors


@pytest.mark.parametrize("unit,role", [("public_affairs", "head"), ("econ_services", "reviewer"),
                                       ("ccb", "head"), ("org_personnel", "clerk"), ("discipline", "reviewer")])
def test_only_the_quotas_own_talent_unit_splits_it(org_quota, agency, unit, role):
    with pytest.raises(NotPermitted):
        split(org_quota, agency, 1, actor=staff(unit, role))
    assert not EmployerQuota.objects.exists()


def test_a_quota_is_split_only_once_the_plan_is_approved(agency, next_year):
    add_stock(Form.PUBLIC_RENTAL, 10)
    plan = draft_plan(next_year, quotas={"org_personnel": (10, 0)})
    with pytest.raises(StageNotAllowed):
        split(PlanQuota.objects.get(plan=plan), agency, 1)


def test_a_decision_of_another_year_is_refused(org_quota, agency, next_year):
    with pytest.raises(InvalidInput) as refused:
        split(org_quota, agency, 51, decision=decided(agency, next_year - 1, 60))
    assert "decision" in refused.value.field_errors
