"""Scheduled jobs: plan (config/schedule.py runs them; each is idempotent, R-X.6)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.plan.services import flag_late_demand_reports as flag_late_demand_reports_service


@shared_task(name="housing.jobs.plan.flag_late_demand_reports",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def flag_late_demand_reports() -> dict:
    """R-15.1, R-15.2 (entry "demand-report-deadline", daily): remind in October; flag, once, the units that had not
    reported by the last 31 October that has passed."""
    return flag_late_demand_reports_service()
