"""The messaging's periodic job (config/schedule.py): thin and idempotent."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.messaging.services import requeue_stale_messages


# R-16.d: a notice whose delivery task was lost still reaches the applicant.
@shared_task(name="housing.jobs.messaging.requeue_stale_messages", autoretry_for=(OperationalError, InterfaceError),
             retry_backoff=30, max_retries=3)
def requeue_stale() -> int:
    return len(requeue_stale_messages())
