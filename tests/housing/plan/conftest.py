"""Fixtures of the annual-cycle tests (SPEC §4)."""

import datetime

import pytest
from django.utils import timezone

from housing.groups import Form
from housing.models import Employer
from tests.factories import make_credit_code, staff
from tests.factories.plan import add_stock, draft_plan
from tests.support.language import english  # noqa: F401 - autouse: these tests read messages in English


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A moment of ``day`` in Asia/Shanghai."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def jm_head(db):
    return staff("joint_meeting", "head")


@pytest.fixture
def stock(db):
    """100 public rental and 20 economic housing homes available."""
    add_stock(Form.PUBLIC_RENTAL, 100)
    add_stock(Form.ECONOMIC_HOUSING, 20)


@pytest.fixture
def next_year():
    return timezone.localdate().year + 1


@pytest.fixture
def agency(db):
    return Employer.objects.create(name="深圳市龙华区测试局", credit_code=make_credit_code(700001),
                                   kind=Employer.Kind.AGENCY)


@pytest.fixture
def draft(db, stock, next_year):
    return draft_plan(next_year)
