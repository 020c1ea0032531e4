"""Scheduled jobs: selection (config/schedule.py runs them; each is idempotent, R-X.6)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.selection.services import record_unsigned_give_ups as record_unsigned_give_ups_service


@shared_task(name="housing.jobs.selection.record_unsigned_give_ups",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def record_unsigned_give_ups() -> list[str]:
    """SPEC §13 (entry "unsigned-selections", daily): every choice not signed by its day becomes a give-up (弃签)
    and its home goes back to the stock; a second run finds nothing left to do."""
    return record_unsigned_give_ups_service()
