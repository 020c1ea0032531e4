"""Scheduled jobs: tenancy (config/schedule.py runs them; each is idempotent, R-X.6)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from housing.tenancy.services import exits, renewals
from housing.tenancy.services import ledger as tenancy


@shared_task(name="housing.jobs.tenancy.detect_arrears",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def detect_arrears() -> int:
    """R-33(2): 2 consecutive or 6 unpaid months → a violation and a reminder, once per finding."""
    return tenancy.detect_arrears()


@shared_task(name="housing.jobs.tenancy.flag_move_out_overstays",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def flag_move_out_overstays() -> int:
    """R-34: households still in the home after the move-out deadline, flagged once."""
    return exits.flag_move_out_overstays()


# The names of the two jobs below are those of their first module (housing.jobs.deadlines): beat entries and
# queued messages carry them.
@shared_task(name="housing.jobs.deadlines.send_renewal_reminders",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def send_renewal_reminders() -> int:
    """R-31: from 3 months before a lease ends, one reminder to the CCB and one notice to the tenant."""
    return renewals.send_renewal_reminders()


@shared_task(name="housing.jobs.deadlines.end_unrenewed_leases",
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=30, max_retries=3)
def end_unrenewed_leases() -> int:
    """R-31, R-34: a lease that ended with no renewal passed: notice of termination, 30 days to move out."""
    return renewals.end_unrenewed_leases()
