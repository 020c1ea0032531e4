"""Fixtures of the Joint Meeting's decisions (R-5, R-7.3, R-17.2)."""

import pytest
from django.utils import timezone

from housing.groups import Group
from housing.joint_meeting.services import DecisionInput, record_decision
from housing.models import Employer, JointMeetingDecision
from tests.factories import ApplicationFactory, make_credit_code, staff
from tests.support.language import english  # noqa: F401 - autouse: these tests read messages in English

Kind = JointMeetingDecision.Kind
MINUTES = "龙华联席会议纪要〔2027〕3号"


@pytest.fixture
def jm(db):
    return staff("joint_meeting", "head")


@pytest.fixture
def agency(db):
    return Employer.objects.create(name="深圳市龙华区测试局", credit_code=make_credit_code(710001),
                                   kind=Employer.Kind.AGENCY)


@pytest.fixture
def enterprise(db):
    return Employer.objects.create(name="深圳市测试科技有限公司", credit_code=make_credit_code(710002),
                                   kind=Employer.Kind.ENTERPRISE)


@pytest.fixture
def talent(db):
    """An application of a talent of agencies and public institutions (C4), declared a leading talent."""
    return ApplicationFactory(group=Group.INSTITUTION_TALENT, facts={
        "talent_degree": "master", "degree_full_time": True, "contact_phone": "13800138000", "leading_talent": True})


def quota_input(employer, year, homes, *, minutes=MINUTES, **extra) -> DecisionInput:
    return DecisionInput(kind=Kind.EMPLOYER_QUOTA, minutes_number=minutes, meeting_date=timezone.localdate(),
                         text="同意放宽该单位本年度配额。", employer=employer, year=year, homes=homes, **extra)


def decide_quota(employer, year, homes, *, minutes=MINUTES) -> JointMeetingDecision:
    return record_decision(actor=staff("joint_meeting", "head"), data=quota_input(employer, year, homes,
                                                                                   minutes=minutes))


def provide(application, *, minutes="龙华联席会议纪要〔2027〕4号") -> JointMeetingDecision:
    return record_decision(actor=staff("joint_meeting", "head"), data=DecisionInput(
        kind=Kind.CASE_BY_CASE, minutes_number=minutes, meeting_date=timezone.localdate(),
        text="一人一策：按高层次人才办理。", application_number=application.number))
