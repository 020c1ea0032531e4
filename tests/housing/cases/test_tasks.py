"""CONVENTIONS 10, R-16.d: a transition queues the applicant's notice on commit; a real Celery worker on
Redis writes it; the task is idempotent. Runs when REDIS_URL is set (CI), skipped otherwise."""

import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection, transaction

from config.celery import app as celery_app
from housing.models import ApplicantNotice, ApplicationHistory
from housing.stages import Stage
from housing.cases.tasks import send_applicant_notice
from tests.factories import ApplicationFactory, reload, take
from tests.markers import redis_only

pytestmark = [redis_only, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def finished():
    """(task name, args, return value) of every notice task the worker finished, in order."""
    done = []
    changed = threading.Condition()

    def on_postrun(task=None, args=None, retval=None, **kwargs):
        connection.close()  # the worker thread's own database connection
        if task.name != send_applicant_notice.name:  # the deliveries it queues (tests/housing/cases/test_delivery.py)
            return
        with changed:
            done.append((task.name, tuple(args or ()), retval))
            changed.notify_all()

    def wait_for(count, timeout=20):
        deadline = time.monotonic() + timeout
        with changed:
            while len(done) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"the worker finished {done} within {timeout}s, expected {count} tasks"
                changed.wait(left)
        return done

    task_postrun.connect(on_postrun, weak=False)
    try:
        yield wait_for
    finally:
        task_postrun.disconnect(on_postrun)


@pytest.fixture
def worker():
    celery_app.control.purge()  # nothing left over from earlier runs or earlier tests
    with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30) as w:
        yield w


def test_a_transition_queues_one_notice_that_the_worker_writes_once(allocation_round, finished, worker):
    app = ApplicationFactory(round=allocation_round)
    finished(1)  # intake queued its own notice on commit
    assert ApplicantNotice.objects.filter(application=app).count() == 1

    app = take("return_for_supplement", app, missing=("hukou_booklet",))
    assert app.stage == Stage.RETURNED
    row = ApplicationHistory.objects.filter(application=app).order_by("-seq").first()
    done = finished(2)
    assert done[1] == (send_applicant_notice.name, (row.pk,), True)
    notice = ApplicantNotice.objects.get(history=row)
    assert app.number in notice.message_zh and app.number in notice.message_en
    assert ApplicantNotice.objects.filter(application=app).count() == 2  # intake + this step, one each

    send_applicant_notice.delay(row.pk)  # delivered twice: the second run writes nothing
    done = finished(3)
    assert done[2] == (send_applicant_notice.name, (row.pk,), False)
    assert ApplicantNotice.objects.filter(application=app).count() == 2


def test_a_transition_rolled_back_later_in_the_request_queues_nothing(allocation_round, finished, worker):
    """The notice is queued on commit, not when the step runs: a request that fails afterwards tells nobody."""
    app = ApplicationFactory(round=allocation_round)
    finished(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        take("pass_formal_review", app)
        raise RuntimeError("the request failed after the step")
    assert reload(app).stage == Stage.SUBMITTED

    marker = ApplicationFactory(round=allocation_round)  # committed later: its notice is the next message
    done = finished(2)
    intake_row = ApplicationHistory.objects.get(application=app)
    marker_row = ApplicationHistory.objects.get(application=marker)
    assert [d[1] for d in done] == [(intake_row.pk,), (marker_row.pk,)]
    assert ApplicantNotice.objects.count() == 2
