"""R-14, R-X.6: a request past its deadline raises one reminder to the CCB and one to the agency, however often the
job runs; shown in the CCB's work queue and in the agency's queue. An answered request, or one whose recheck is
concluded, raises nothing."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from housing.models import Reminder
from housing.stages import Stage
from housing.verification.overdue import flag_overdue_requests
from tests.factories import advance, staff
from tests.factories.verification import answer_all, at_recheck, with_requests

pytestmark = pytest.mark.django_db


def opened_days_ago(days: int, application=None):
    application = application or at_recheck()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days)):
        return with_requests(application)


def test_one_reminder_to_the_ccb_and_one_to_the_agency_per_overdue_request():
    requests = opened_days_ago(11)
    assert flag_overdue_requests() == 5
    assert flag_overdue_requests() == 0
    assert Reminder.objects.filter(kind=Reminder.Kind.VERIFICATION_OVERDUE).count() == 10
    planning = requests["verify_planning_land"]
    to_ccb = Reminder.objects.get(key=f"verification-overdue:{planning.pk}:ccb")
    assert to_ccb.unit.code == "ccb" and to_ccb.application_id == planning.application_id
    to_agency = Reminder.objects.get(key=f"verification-overdue:{planning.pk}:agency")
    assert to_agency.unit.code == "verify_planning_land" and to_agency.application_id is None


def test_the_last_day_is_not_late_yet():
    opened_days_ago(10)  # due today
    assert flag_overdue_requests() == 0
    assert flag_overdue_requests(today=timezone.localdate() + datetime.timedelta(days=1)) == 5


def test_answered_or_concluded_requests_are_not_flagged():
    requests = opened_days_ago(11)
    answer_all(requests["verify_planning_land"])
    assert flag_overdue_requests() == 4
    concluded = at_recheck()
    opened_days_ago(11, concluded)
    advance(concluded, Stage.RECHECKED)
    assert flag_overdue_requests() == 0


def test_shown_in_both_queues(client):
    requests = opened_days_ago(11)
    flag_overdue_requests()
    number = requests["verify_public_security"].application.number
    client.force_login(staff("ccb", "clerk"))
    client.cookies["django_language"] = "en"
    work = client.get(reverse("housing:work_queue")).content.decode()
    assert "Verification request past its deadline" in work and number in work
    client.force_login(staff("verify_public_security", "clerk"))
    client.cookies["django_language"] = "en"
    queue = client.get(reverse("housing:verification_queue")).content.decode()
    assert "Past the deadline" in queue and "Overdue" in queue
    assert number not in queue  # the agency is not told the application number
