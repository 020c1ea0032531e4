"""R-X.6: the scheduled jobs run under a real Celery beat and worker on Redis (tests/support/beat.py)."""

import pytest

from config.schedule import BEAT_SCHEDULE, JOB_MODULES
from config.celery import app as celery_app
from tests.markers import redis_only
from tests.support.beat import wait_until


def test_every_scheduled_job_names_a_task_the_worker_knows():
    celery_app.loader.import_default_modules()
    for module in JOB_MODULES:
        __import__(module)
    missing = {name: entry["task"] for name, entry in BEAT_SCHEDULE.items() if entry["task"] not in celery_app.tasks}
    assert missing == {}


@redis_only
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_beat_sends_the_nightly_chain_check_and_the_worker_runs_it(beat_and_worker):
    with beat_and_worker(["verify-history-chains"], every_seconds=0.5) as finished:
        wait_until(lambda: finished.count("housing.tasks.verify_history_chains") >= 2,
                   what="two runs of the history-chain check")
