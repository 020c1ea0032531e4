"""GET /health/: whether the portal can work, for monitoring (docs/operations.md, docs/decisions/0026).

Answers 200 when the database, the cache and the broker answer and every periodic job of BEAT_SCHEDULE finished
within its period, 503 otherwise, as JSON. No sign-in is needed, so the answer names only states and times:
never a host, an address, an error text or any record of the portal. The broker is given BROKER_TIMEOUT seconds,
so a broker that is down still leaves the answer within about two seconds.
"""

import datetime
import logging

from celery.schedules import maybe_schedule
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from kombu import Connection

from config import job_runs

logger = logging.getLogger(__name__)

BROKER_TIMEOUT = 1.0
# A job may run up to its hard time limit and be retried (30 s, 1 and 2 minutes) before it finishes.
GRACE = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + datetime.timedelta(minutes=30)
OK, FAILED, STALE, UNKNOWN = "ok", "failed", "stale", "unknown"


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK


def cache_answers() -> str:
    key = "health:probe"
    cache.set(key, 1, timeout=30)
    return OK if cache.get(key) == 1 else FAILED


def broker() -> str:
    options = {**getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}), "socket_timeout": BROKER_TIMEOUT}
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT, transport_options=options) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT)
    return OK


def checked(name: str, check) -> str:
    try:
        return check()
    except Exception:  # the state is the answer; the reason goes to the log only
        logger.exception("Health check: %s does not answer", name)
        return FAILED


def job_states() -> dict:
    """For each entry of the beat schedule: when its task last finished, and whether that is recent enough: the
    run due after it (or after the watch started, for a job never recorded) is not overdue by more than GRACE."""
    schedule = settings.CELERY_BEAT_SCHEDULE
    try:
        finished = job_runs.last_finished({entry["task"] for entry in schedule.values()})
        since = job_runs.watch_started()
    except Exception:
        logger.exception("Health check: the job records cannot be read")
        return {name: {"last_finished": None, "status": UNKNOWN} for name in schedule}
    states = {}
    for name, entry in schedule.items():
        last = finished[entry["task"]]
        overdue = -maybe_schedule(entry["schedule"]).remaining_estimate(last or since)
        states[name] = {
            "last_finished": timezone.localtime(last).isoformat(timespec="seconds") if last else None,
            "status": STALE if overdue > GRACE else OK,
        }
    return states


@login_not_required
@require_safe
def health(request):
    now = timezone.now()
    body = {
        "database": checked("the database", database),
        "cache": checked("the cache", cache_answers),
        "broker": checked("the broker", broker),
        "jobs": job_states(),
    }
    healthy = all(body[part] == OK for part in ("database", "cache", "broker")) and all(
        job["status"] == OK for job in body["jobs"].values())
    body = {"status": OK if healthy else FAILED, **body,
            "checked_at": timezone.localtime(now).isoformat(timespec="seconds")}
    return JsonResponse(body, status=200 if healthy else 503)
