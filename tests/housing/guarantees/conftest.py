import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from housing.groups import Form, Group
from housing.guarantees.register import link_members
from housing.models import HouseholdMember
from housing.stages import Stage
from housing.subsidies import start as subsidy_start
from tests.factories import ApplicationFactory, advance, reload
from tests.factories.applications import MemberFactory
from tests.factories.staff import actor_for, staff
from tests.support.language import english  # noqa: F401 - autouse: these tests read messages in English


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture
def head(db):
    return staff("ccb", "head")


def household(relation: str, id_number: str) -> list[dict]:
    """A household where ``id_number`` is the applicant, the spouse (a co-applicant) or a child (a member who does
    not apply)."""
    if relation == "applicant":
        return [MemberFactory(id_number=id_number)]
    applicant = MemberFactory(marital_status="married" if relation == "spouse" else "single")
    if relation == "spouse":
        return [applicant, MemberFactory(relation="spouse", marital_status="married", id_number=id_number)]
    return [applicant, MemberFactory(relation="child", applying=False, id_number=id_number)]


def plant(application, relation: str, id_number: str) -> None:
    """Old data: the person already sits on ``application`` (an import from before the register, say), written
    behind intake's back and linked as the nightly job would link it."""
    member = application.members.get(relation="applicant")
    if relation == "applicant":
        HouseholdMember.objects.filter(pk=member.pk).update(id_number=id_number)
        type(application).objects.filter(pk=application.pk).update(applicant_id_number=id_number)
    else:
        HouseholdMember.objects.create(application=application, relation=relation, applying=relation == "spouse",
                                       name="旧数据", id_number=id_number)
    link_members(application.members.all())


def open_application(**kwargs):
    return ApplicationFactory(**kwargs)


def home_let(**kwargs):
    return advance(ApplicationFactory(group=Group.NO_HOUSING, form=Form.PUBLIC_RENTAL, **kwargs), Stage.FILED)


def home_bought(**kwargs):
    return advance(ApplicationFactory(group=Group.LOW_INCOME_NO_HOUSING, form=Form.ECONOMIC_HOUSING, **kwargs),
                   Stage.FILED)


def subsidy_running(**kwargs):
    app = advance(ApplicationFactory(group=Group.ENTERPRISE_TALENT, form=Form.SUBSIDY, **kwargs), Stage.ANNOUNCED)
    subsidy_start.start_subsidy(actor=actor_for("start_subsidy", app.group), application=app,
                                expected_version=app.version, start_month=timezone.localdate().replace(day=1))
    return reload(app)


HOLDERS = {"open application": open_application, "home let": home_let, "home bought": home_bought,
           "subsidy": subsidy_running}
