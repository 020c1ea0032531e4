"""Scheduled job: the statistics pages' default figures computed ahead, for every scope, so that a page opened
without filters answers from the cache (docs/decisions/0036). Idempotent: running it twice only computes twice."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from departments.permissions import GROUP_UNITS
from housing.groups import groups_of_unit
from housing.statistics import figures
from housing.statistics.scope import Filters, Scope


def default_scopes() -> list[Scope]:
    """Every group (the CCB, the Joint Meeting, discipline inspection), then each responsible unit's groups."""
    scopes = [Scope(groups=None)]
    for unit in GROUP_UNITS:
        if unit != "ccb":
            scopes.append(Scope(groups=frozenset(groups_of_unit(unit))))
    return scopes


def warm_default_figures() -> int:
    today = timezone.localdate()
    filters = Filters(year=today.year)
    for scope in default_scopes():
        figures.numbers(scope, filters, today, refresh=True)
    return len(default_scopes())


@shared_task(name="housing.jobs.statistics.warm_figures",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def warm_figures() -> int:
    return warm_default_figures() if figures.cache_seconds() else 0
