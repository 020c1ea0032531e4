"""Scheduled jobs: subsidies (config/schedule.py runs them; each is idempotent, R-X.6)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from housing.subsidies.services import prepare_batch_by_schedule


@shared_task(name="housing.jobs.subsidies.prepare_monthly_batch",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def prepare_monthly_batch() -> int:
    """R-8.2: the current month's batch, prepared if missing; run twice, it pays no one twice.
    Returns how many payments this run added."""
    prepared = prepare_batch_by_schedule(month=timezone.localdate())
    return prepared.added if prepared else 0
