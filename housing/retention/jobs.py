"""The nightly purge of personal data past its retention period (config/schedule.py "retention-purge")."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.retention.purge import purge_past_retention


# The name is part of the queue's contract: never change it (tests/test_task_names.py).
@shared_task(name="housing.jobs.retention.purge_past_retention",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def purge_past_retention_job() -> int:
    """R-X.2: idempotent; returns how many records were purged."""
    return sum(r.items for r in purge_past_retention())
