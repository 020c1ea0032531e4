"""Scheduled jobs of the verification with the agencies (config/schedule.py runs them; each is idempotent, R-X.6)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.verification.exchange import purge_expired_answer_files
from housing.verification.overdue import flag_overdue_requests


@shared_task(name="housing.jobs.verification.flag_overdue_requests",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def flag_overdue_verification_requests() -> int:
    """R-14: a request past its deadline, once, to the CCB and to the agency asked."""
    return flag_overdue_requests()


@shared_task(name="housing.jobs.verification.purge_expired_answer_files",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def purge_answer_files() -> int:
    """Answers files uploaded for a preview and never confirmed are deleted after their lifetime."""
    return purge_expired_answer_files()
