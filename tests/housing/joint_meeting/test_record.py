"""R-5, R-7.3, R-17.2: the Joint Meeting records its own decisions, and only it; a decision is kept as recorded, a
correction supersedes it with a reason."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from departments.models import Role, UnitCode
from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import Group
from housing.joint_meeting.selectors import employer_cap, quota_decision_in_force
from housing.joint_meeting.services import DecisionInput, record_decision
from housing.models import DecisionRecordedError, JointMeetingDecision, OfficeAction
from tests.factories import ApplicationFactory, staff
from tests.housing.joint_meeting.conftest import Kind, decide_quota, provide, quota_input

pytestmark = pytest.mark.django_db

YEAR = 2027
EVERY_OTHER_ACCOUNT = [(unit, role) for unit in UnitCode.values for role in (Role.CLERK, Role.REVIEWER, Role.HEAD)
                       if (unit, role) != ("joint_meeting", Role.HEAD)]


def test_the_joint_meeting_records_a_quota_above_the_cap_and_the_log_names_it(jm, agency):
    decision = record_decision(actor=jm, data=quota_input(agency, YEAR, 80))
    assert (decision.kind, decision.employer, decision.year, decision.homes) == (Kind.EMPLOYER_QUOTA, agency, YEAR, 80)
    assert decision.recorded_by == jm and decision.minutes_number == "龙华联席会议纪要〔2027〕3号"
    action = OfficeAction.objects.get(action="record_joint_meeting_decision")
    assert action.actor == jm and action.article == "R-17.2" and action.data["homes"] == 80
    assert agency.name in action.summary


def test_the_joint_meeting_records_a_case_by_case_provision_for_a_talent(jm, talent):
    decision = provide(talent)
    assert decision.application == talent and decision.kind == Kind.CASE_BY_CASE
    assert OfficeAction.objects.get(action="record_joint_meeting_decision").article == "R-7.3"


def test_the_joint_meeting_records_another_major_matter(jm):
    decision = record_decision(actor=jm, data=DecisionInput(
        kind=Kind.OTHER, minutes_number="纪要1号", meeting_date=timezone.localdate(), text="同意。",
        subject="年度部署"))
    assert decision.subject == "年度部署" and decision.employer is None and decision.application is None


@pytest.mark.parametrize("unit,role", EVERY_OTHER_ACCOUNT)
def test_no_other_unit_or_role_records_a_decision(agency, unit, role):
    with pytest.raises(NotPermitted):
        record_decision(actor=staff(unit, role), data=quota_input(agency, YEAR, 80))
    assert not JointMeetingDecision.objects.exists()
    assert not OfficeAction.objects.exists()


def test_an_account_without_a_unit_records_nothing(agency):
    with pytest.raises(NotPermitted):
        record_decision(actor=staff(None, Role.SYSADMIN, is_superuser=True, is_staff=True),
                        data=quota_input(agency, YEAR, 80))


@pytest.mark.parametrize("change,field", [
    ({"homes": 50}, "homes"),  # a decision is needed only above the cap
    ({"homes": None}, "homes"),
    ({"employer": None}, "employer"),
    ({"year": None}, "year"),
    ({"year": 2013}, "year"),
    ({"minutes_number": "  "}, "minutes_number"),
    ({"text": ""}, "text"),
    ({"meeting_date": None}, "meeting_date"),
])
def test_a_quota_decision_without_its_subject_is_refused(jm, agency, change, field):
    data = quota_input(agency, YEAR, 80)
    with pytest.raises(InvalidInput) as refused:
        record_decision(actor=jm, data=DecisionInput(**{**data.__dict__, **change}))
    assert field in refused.value.field_errors
    assert not JointMeetingDecision.objects.exists()


def test_a_meeting_in_the_future_is_refused(jm, agency):
    data = quota_input(agency, YEAR, 80)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        record_decision(actor=jm, data=DecisionInput(**{**data.__dict__, "meeting_date": tomorrow}))
    assert "meeting_date" in refused.value.field_errors


def test_a_provision_is_for_an_existing_application_of_a_talent_of_agencies_and_institutions(jm):
    family = ApplicationFactory(group=Group.NO_HOUSING)
    for number, message in (("HX-NONE", "No application"), (family.number, "Art. 7(3)"), ("", "number")):
        with pytest.raises(InvalidInput) as refused:
            record_decision(actor=jm, data=DecisionInput(
                kind=Kind.CASE_BY_CASE, minutes_number="纪要", meeting_date=timezone.localdate(), text="同意。",
                application_number=number))
        assert message in refused.value.field_errors["application_number"][0]
    assert not JointMeetingDecision.objects.exists()


def test_another_matter_needs_its_subject(jm):
    with pytest.raises(InvalidInput) as refused:
        record_decision(actor=jm, data=DecisionInput(kind=Kind.OTHER, minutes_number="纪要",
                                                     meeting_date=timezone.localdate(), text="同意。"))
    assert "subject" in refused.value.field_errors


# --- kept as recorded -----------------------------------------------------------------------------------------

def test_a_recorded_decision_is_never_changed_or_removed(agency):
    decision = decide_quota(agency, YEAR, 80)
    decision.homes = 120
    with pytest.raises(DecisionRecordedError):
        decision.save()
    with pytest.raises(DecisionRecordedError):
        decision.delete()
    with pytest.raises(DecisionRecordedError):
        JointMeetingDecision.objects.filter(pk=decision.pk).update(homes=120)
    with pytest.raises(DecisionRecordedError):
        JointMeetingDecision.objects.filter(pk=decision.pk).delete()
    assert JointMeetingDecision.objects.get(pk=decision.pk).homes == 80


def test_a_second_decision_on_one_employer_and_year_is_refused_while_one_is_in_force(agency):
    decide_quota(agency, YEAR, 80)
    with pytest.raises(InvalidInput) as refused:
        decide_quota(agency, YEAR, 90, minutes="纪要9号")
    assert "record a correction" in refused.value.field_errors["employer"][0]
    decide_quota(agency, YEAR + 1, 90, minutes="纪要9号")  # another year is another decision


def test_a_correction_supersedes_the_earlier_decision_which_stays_on_record(jm, agency):
    first = decide_quota(agency, YEAR, 80)
    corrected = record_decision(actor=jm, data=quota_input(agency, YEAR, 70, minutes="纪要5号"), supersedes=first,
                                correction_reason="套数有误")
    assert corrected.supersedes == first and corrected.correction_reason == "套数有误"
    assert quota_decision_in_force(employer_id=agency.pk, year=YEAR) == corrected
    assert employer_cap(employer_id=agency.pk, year=YEAR, policy_cap=50) == 70
    assert JointMeetingDecision.objects.get(pk=first.pk).homes == 80  # still there, as recorded
    action = OfficeAction.objects.get(action="supersede_joint_meeting_decision")
    assert action.data["supersedes"] == first.pk


def test_a_correction_needs_its_reason_its_kind_and_a_decision_in_force(jm, agency, talent):
    first = decide_quota(agency, YEAR, 80)
    with pytest.raises(InvalidInput) as refused:
        record_decision(actor=jm, data=quota_input(agency, YEAR, 70, minutes="纪要5号"), supersedes=first)
    assert "correction_reason" in refused.value.field_errors
    with pytest.raises(InvalidInput) as refused:
        record_decision(actor=jm, data=DecisionInput(
            kind=Kind.CASE_BY_CASE, minutes_number="纪要6号", meeting_date=timezone.localdate(), text="同意。",
            application_number=talent.number), supersedes=first, correction_reason="改")
    assert "kind" in refused.value.field_errors
    record_decision(actor=jm, data=quota_input(agency, YEAR, 70, minutes="纪要5号"), supersedes=first,
                    correction_reason="套数有误")
    with pytest.raises(InvalidInput, match="already superseded"):
        record_decision(actor=jm, data=quota_input(agency, YEAR, 60, minutes="纪要7号"), supersedes=first,
                        correction_reason="再改")


def test_the_database_refuses_a_quota_decision_without_its_employer(jm):
    with pytest.raises(IntegrityError), transaction.atomic():
        JointMeetingDecision.objects.create(kind=Kind.EMPLOYER_QUOTA, minutes_number="纪要", text="同意。",
                                            meeting_date=timezone.localdate(), year=YEAR, homes=80, recorded_by=jm)
