"""The exports' background work: building a long list, and deleting files past their time (R-6, R-38, R-X.6).

Both are idempotent (housing.exports.build); database errors that pass (a restart, a dropped connection) are
retried with backoff like the other jobs.
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.exports import build


# The names are part of the queue's contract: never change them (tests/test_task_names.py).
@shared_task(name="housing.tasks.build_export", autoretry_for=(OperationalError, InterfaceError),
             retry_backoff=True, max_retries=3)
def build_export(job_id: int) -> str:
    return build.build_export(job_id)


@shared_task(name="housing.jobs.exports.purge_expired_exports",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def purge_expired_exports() -> int:
    """Exports past their time are deleted (config/schedule.py "export-files")."""
    return build.purge_expired_exports()
