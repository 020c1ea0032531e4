"""R-14, R-X.6: the real beat sends "verification-overdue" repeatedly and a real worker on Redis runs it: one reminder
to the CCB and one to the agency per overdue request, however many runs."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from housing.models import Reminder
from tests.factories.verification import at_recheck, with_requests
from tests.markers import redis_only
from tests.support.beat import wait_until

pytestmark = [redis_only, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
TASK = "housing.jobs.verification.flag_overdue_requests"


def test_the_overdue_job_run_twice_by_a_real_worker_reminds_once(beat_and_worker):
    application = at_recheck()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=15)):
        requests = with_requests(application)
    with beat_and_worker(["verification-overdue"], every_seconds=0.5) as finished:
        wait_until(lambda: finished.count(TASK) >= 2, what="two runs of the verification-overdue job")
    keys = set(Reminder.objects.values_list("key", flat=True))
    assert keys == {f"verification-overdue:{r.pk}:{to}" for r in requests.values() for to in ("ccb", "agency")}
