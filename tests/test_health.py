"""GET /health/ (config/health.py, docs/decisions/0026): the database, the cache, the broker and the periodic jobs,
200 or 503, within about two seconds even when the broker is down, naming no host, address or record."""

import datetime
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from config import job_runs
from config.celery import app
from config.schedule import BEAT_SCHEDULE

pytestmark = pytest.mark.django_db

# Nothing listens on port 1 of this machine.
BROKER_DOWN = "redis://127.0.0.1:1/0"


def record_all(at: datetime.datetime) -> None:
    for entry in BEAT_SCHEDULE.values():
        cache.set(job_runs.finished_key(entry["task"]), at, timeout=None)


def get() -> tuple[int, dict, float]:
    started = time.monotonic()
    response = Client().get("/health/")
    return response.status_code, response.json(), time.monotonic() - started


def test_a_healthy_portal_answers_200_without_sign_in():
    record_all(timezone.now())
    status, body, _ = get()
    assert status == 200, body
    assert body["status"] == "ok"
    assert (body["database"], body["cache"], body["broker"]) == ("ok", "ok", "ok")
    assert set(body["jobs"]) == set(BEAT_SCHEDULE)
    assert all(job["status"] == "ok" and job["last_finished"] for job in body["jobs"].values())


def test_the_answer_names_no_host_address_or_secret():
    record_all(timezone.now())
    text = Client().get("/health/").content.decode()
    database = settings.DATABASES["default"]
    for secret in (settings.SECRET_KEY, settings.CELERY_BROKER_URL, str(database.get("NAME")),
                   database.get("HOST") or "127.0.0.1", "redis://", "postgres"):
        assert secret not in text


@override_settings(CELERY_BROKER_URL=BROKER_DOWN)
def test_a_broker_that_does_not_answer_is_a_503_within_two_seconds():
    record_all(timezone.now())
    status, body, elapsed = get()
    assert status == 503
    assert body["status"] == "failed" and body["broker"] == "failed"
    assert body["database"] == "ok" and body["cache"] == "ok"
    assert elapsed < 2.0


def test_a_job_that_missed_its_night_is_stale():
    record_all(timezone.now())
    task = BEAT_SCHEDULE["verify-history-chains"]["task"]
    cache.set(job_runs.finished_key(task), timezone.now() - datetime.timedelta(days=3), timeout=None)
    status, body, _ = get()
    assert status == 503
    assert body["jobs"]["verify-history-chains"]["status"] == "stale"
    assert body["jobs"]["rent-arrears"]["status"] == "ok"


def test_a_job_never_recorded_counts_from_when_the_watch_started():
    cache.set(job_runs.WATCH_KEY, timezone.now(), timeout=None)
    status, body, _ = get()
    hourly = body["jobs"]["import-uploads"]
    assert hourly == {"last_finished": None, "status": "ok"} and status == 200
    cache.set(job_runs.WATCH_KEY, timezone.now() - datetime.timedelta(days=40), timeout=None)
    status, body, _ = get()
    assert status == 503 and all(job["status"] == "stale" for job in body["jobs"].values())


def test_a_periodic_job_records_when_it_finished():
    app.loader.import_default_modules()  # as a worker does at start
    task = app.tasks["housing.jobs.stock.purge_expired_imports"]
    before = timezone.now()
    task.apply()
    assert job_runs.last_finished([task.name])[task.name] >= before
    notice = app.tasks["housing.tasks.send_applicant_notice"]
    notice.apply(args=[0])
    assert cache.get(job_runs.finished_key(notice.name)) is None  # only the periodic jobs are watched


@override_settings(SECURE_SSL_REDIRECT=True)
def test_a_monitor_on_the_server_asks_over_plain_http():
    record_all(timezone.now())
    assert Client().get("/health/").status_code == 200
    assert Client().get("/accounts/login/").status_code == 301
