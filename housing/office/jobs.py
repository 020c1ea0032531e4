"""Scheduled jobs of the office: deadlines that concern no one chapter (config/schedule.py runs them; each is
idempotent, R-X.6)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.office import reminders


@shared_task(name="housing.jobs.deadlines.flag_ended_notice_periods",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def flag_ended_notice_periods() -> int:
    """R-16.7: a public notice whose period ended, for the CCB to announce."""
    return reminders.flag_ended_notice_periods()
