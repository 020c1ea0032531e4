"""Scheduled jobs: uploads staged for an import preview (config/schedule.py runs them; each is idempotent, R-X.6)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.web.staged_uploads import purge_expired_uploads


@shared_task(name="housing.jobs.stock.purge_expired_imports",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def purge_import_uploads() -> int:
    """Stock and rent files uploaded for a preview and never confirmed are deleted after their lifetime."""
    return purge_expired_uploads()
