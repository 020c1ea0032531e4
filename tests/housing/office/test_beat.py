"""Done when: Celery beat and a worker run against a real Redis and produce a due reminder exactly once (R-X.6,
R-31). Runs when REDIS_URL is set."""

import datetime

import pytest
from django.utils import timezone

from housing.models import ApplicantNotice, Reminder
from tests.factories.tenancy_min import make_tenancy
from tests.markers import redis_only
from tests.support.beat import wait_until

TASK = "housing.jobs.deadlines.send_renewal_reminders"


@redis_only
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_beat_and_a_worker_raise_the_renewal_reminder_exactly_once(beat_and_worker):
    tenancy = make_tenancy(ends_on=timezone.localdate() + datetime.timedelta(days=45))
    with beat_and_worker(["renewal-reminders"], every_seconds=1) as finished:
        wait_until(lambda: finished.count(TASK) >= 3, timeout=30, what="three runs of the renewal reminders")
    assert Reminder.objects.filter(kind=Reminder.Kind.RENEWAL).count() == 1
    assert Reminder.objects.get().tenancy_id == tenancy.pk
    assert ApplicantNotice.objects.filter(application=tenancy.application, history__event="renewal_reminder").count() == 1
