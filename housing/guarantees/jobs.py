"""The nightly search for flagged sets (config/schedule.py runs it; idempotent, R-X.6)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.guarantees.flagging import find_flagged_sets


@shared_task(name="housing.jobs.guarantees.find_flagged_sets",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def find_flagged_sets_job() -> int:
    """R-3.2: persons on two applications or guarantees at once, for a head of the CCB to resolve."""
    return find_flagged_sets()
