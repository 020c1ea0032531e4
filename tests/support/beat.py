"""A real Celery beat and a real worker, in this process, against the Redis broker (R-X.6).

The beat is Celery's own ``beat.Service`` with its in-memory scheduler, running the named entries of
config/schedule.py every ``every_seconds`` instead of their crontab; the worker is Celery's test worker
(threads of this process, so it uses the test database). Tests using them need REDIS_URL
(``tests.markers.redis_only``) and ``pytest.mark.django_db(transaction=True)``: the worker's own
connection sees only committed rows.

    def test_x(beat_and_worker):
        with beat_and_worker(["renewal-reminders"], every_seconds=1):
            wait_until(lambda: Reminder.objects.count() == 1)
"""

import contextlib
import threading
import time

import pytest
from celery import beat
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection

from config.celery import app as celery_app
from config.schedule import schedule_for_tests


def wait_until(predicate, *, timeout: float = 20.0, interval: float = 0.1, what: str = "the condition"):
    """Poll ``predicate`` until it is truthy; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not come true within {timeout}s")
        time.sleep(interval)


class FinishedTasks:
    """Names of the tasks the worker finished, in order (thread-safe)."""

    def __init__(self):
        self.names: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, task=None, **kwargs):
        connection.close()  # the worker thread's own database connection
        with self._lock:
            self.names.append(task.name)

    def count(self, name: str) -> int:
        with self._lock:
            return self.names.count(name)


@contextlib.contextmanager
def running_beat(names: list[str], every_seconds: float = 1.0):
    """Celery beat sending the named schedule entries every ``every_seconds`` until the block ends."""
    saved = celery_app.conf.beat_schedule
    celery_app.conf.beat_schedule = schedule_for_tests(names, every_seconds)
    service = beat.Service(app=celery_app, max_interval=min(every_seconds, 0.5),
                           scheduler_cls="celery.beat:Scheduler")
    thread = threading.Thread(target=service.start, name="test-beat", daemon=True)
    thread.start()
    try:
        yield service
    finally:
        service.stop()
        thread.join(10)
        celery_app.conf.beat_schedule = saved


@pytest.fixture
def beat_and_worker():
    """A context-manager factory: ``with beat_and_worker([...], every_seconds=1) as finished:`` runs a worker and a
    beat for the block; ``finished.count(task_name)`` tells how many runs of a task the worker completed."""

    @contextlib.contextmanager
    def run(names: list[str], every_seconds: float = 1.0):
        finished = FinishedTasks()
        task_postrun.connect(finished, weak=False)
        celery_app.control.purge()  # nothing left over from earlier runs
        try:
            with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30):
                with running_beat(names, every_seconds):
                    yield finished
        finally:
            task_postrun.disconnect(finished)

    return run
