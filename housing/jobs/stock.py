"""Scheduled jobs: the housing stock (config/schedule.py runs them; each is idempotent, R-X.6)."""

from celery import shared_task

from housing.services.stock import purge_expired_imports


@shared_task(name="housing.jobs.stock.purge_expired_imports")
def purge_stock_import_uploads() -> int:
    """Uploaded stock files left unconfirmed past their lifetime are deleted (decision 0015)."""
    return purge_expired_imports()
