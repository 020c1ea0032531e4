"""When each periodic job last finished, kept in the shared cache (docs/decisions/0026).

The worker records a job as it succeeds (config/celery.py, Celery's task_success signal); the health check
(config/health.py) reads the records and says whether each nightly job ran within its period. The cache is the
one store the web processes and the workers share without a migration: a flush or an eviction forgets the
records, and the health check then counts from the moment it noticed (``watch_started``).
"""

import datetime

from django.core.cache import cache
from django.utils import timezone

from config.schedule import BEAT_SCHEDULE

PERIODIC_TASKS = frozenset(entry["task"] for entry in BEAT_SCHEDULE.values())
WATCH_KEY = "jobs:watch-started"


def finished_key(task_name: str) -> str:
    return f"jobs:finished:{task_name}"


def record_finished(task_name: str) -> None:
    """The job ``task_name`` finished now; other tasks (an applicant's notice) are not recorded."""
    if task_name in PERIODIC_TASKS:
        cache.set(finished_key(task_name), timezone.now(), timeout=None)


def last_finished(task_names) -> dict[str, datetime.datetime | None]:
    found = cache.get_many([finished_key(name) for name in task_names])
    return {name: found.get(finished_key(name)) for name in task_names}


def watch_started() -> datetime.datetime:
    """Since when records are kept: the first time anyone asked, kept until the cache forgets it."""
    cache.add(WATCH_KEY, timezone.now(), timeout=None)
    return cache.get(WATCH_KEY) or timezone.now()
