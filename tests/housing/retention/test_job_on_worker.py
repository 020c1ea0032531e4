"""R-X.2: the nightly purge runs on a real Celery worker from its beat entry (config/schedule.py "retention-purge");
run again, it purges nothing more."""

import datetime

import pytest
from django.utils import timezone

from housing.models import PurgedApplication, PurgeRecord
from housing.stages import Stage
from tests.housing.retention.conftest import ended, shanghai
from tests.markers import redis_only
from tests.support.beat import beat_and_worker, wait_until  # noqa: F401 - beat_and_worker is a fixture

TASK = "housing.jobs.retention.purge_past_retention"


@redis_only
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_scheduled_purge_runs_on_a_real_worker_and_purges_once(beat_and_worker, media, clerk):
    long_ago = timezone.localdate() - datetime.timedelta(days=6 * 366)
    app = ended(Stage.WITHDRAWN, shanghai(long_ago), clerk)
    with beat_and_worker(["retention-purge"], every_seconds=1) as finished:
        wait_until(lambda: finished.count(TASK) >= 2, timeout=60, what="two runs of the purge")
    assert PurgedApplication.objects.get().application_id == app.pk
    runs = PurgeRecord.objects.filter(category="closed_case_files").order_by("created_at")
    assert runs.count() >= 2 and runs[0].items == 1 and {r.items for r in runs[1:]} == {0}
