"""R-16.1 (Art. 16(1)): the supply notice's application deadline is kept at intake, on the Asia/Shanghai day.

docs/decisions/0040. The deadline day itself is the last day an application is registered; the day after, intake
refuses it naming the deadline. The employers' rosters register through the same rules (intake_refusals_many).
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone, translation

from housing.exceptions import InvalidInput
from housing.models import Application
from housing.review.services.intake import intake_refusals_many, register_application
from tests.factories import AllocationRoundFactory, IntakeDataFactory, staff

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_an_application_on_the_day_of_the_deadline_is_registered(clerk):
    round_ = AllocationRoundFactory(application_deadline=timezone.localdate())
    application = register_application(actor=clerk, data=IntakeDataFactory(round=round_))
    assert Application.objects.filter(pk=application.pk).exists()


def test_an_application_the_day_after_the_deadline_is_refused_naming_the_date(clerk, clock):
    deadline = timezone.localdate()
    round_ = AllocationRoundFactory(application_deadline=deadline)
    clock.travel_to(deadline + datetime.timedelta(days=1))
    with pytest.raises(InvalidInput) as refused:
        register_application(actor=clerk, data=IntakeDataFactory(round=round_))
    assert refused.value.field_errors["round"] == [
        f"The application deadline of this round was {deadline.isoformat()} (Art. 16(1))."]
    assert not Application.objects.exists()


def test_at_half_past_eleven_utc_on_the_deadline_it_is_already_the_next_day_in_shenzhen(clerk):
    deadline = timezone.localdate()
    round_ = AllocationRoundFactory(application_deadline=deadline)
    late = datetime.datetime.combine(deadline, datetime.time(23, 30), tzinfo=datetime.timezone.utc)
    with time_machine.travel(late, tick=False):
        assert timezone.localdate() == deadline + datetime.timedelta(days=1)
        with pytest.raises(InvalidInput) as refused:
            register_application(actor=clerk, data=IntakeDataFactory(round=round_))
    assert deadline.isoformat() in refused.value.field_errors["round"][0]


def test_at_half_past_three_pm_utc_on_the_deadline_it_is_still_the_deadline_in_shenzhen(clerk):
    deadline = timezone.localdate()
    round_ = AllocationRoundFactory(application_deadline=deadline)
    # 15:30 UTC is 23:30 in Shenzhen, the last half hour of the deadline day there.
    still = datetime.datetime.combine(deadline, datetime.time(23, 30), tzinfo=SHANGHAI)
    with time_machine.travel(still, tick=False):
        assert register_application(actor=clerk, data=IntakeDataFactory(round=round_)).pk


def test_an_employers_roster_gets_the_same_refusal(clerk, clock):
    deadline = timezone.localdate()
    round_ = AllocationRoundFactory(application_deadline=deadline)
    clock.travel_to(deadline + datetime.timedelta(days=1))
    [errors] = intake_refusals_many([IntakeDataFactory(round=round_, c6=True)])
    assert errors["round"] == [f"The application deadline of this round was {deadline.isoformat()} (Art. 16(1))."]
