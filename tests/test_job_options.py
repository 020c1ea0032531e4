"""How the worker treats the portal's tasks (config/settings.py CELERY_*, docs/decisions/0026): every task is
idempotent, so one whose worker died is handed out again; each has time limits under the broker's visibility
timeout; the periodic jobs retry a lost database connection with backoff."""

from django.db import InterfaceError, OperationalError

from config.celery import app
from config.schedule import BEAT_SCHEDULE

# kombu's Redis transport hands a message not acknowledged within this time to another worker.
REDIS_VISIBILITY_TIMEOUT = 3600


def test_a_task_of_a_lost_worker_is_handed_out_again():
    assert app.conf.task_acks_late is True and app.conf.task_reject_on_worker_lost is True


def test_every_task_has_time_limits_under_the_visibility_timeout():
    soft, hard = app.conf.task_soft_time_limit, app.conf.task_time_limit
    assert 0 < soft < hard < REDIS_VISIBILITY_TIMEOUT


def test_every_periodic_job_retries_a_lost_database_connection_with_backoff():
    app.loader.import_default_modules()
    for entry in BEAT_SCHEDULE.values():
        task = app.tasks[entry["task"]]
        assert {OperationalError, InterfaceError} <= set(task.autoretry_for), task.name
        assert task.retry_backoff and 0 < task.max_retries <= 5, task.name
