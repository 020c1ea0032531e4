"""Scheduled jobs: deadlines (config/schedule.py runs them; each is idempotent, R-X.6).

Thin: each calls one service, which does nothing for work already done (docs/decisions/0019)."""

from celery import shared_task

from housing.tenancy.services import renewals
from housing.office import reminders


@shared_task(name="housing.jobs.deadlines.send_renewal_reminders")
def send_renewal_reminders() -> int:
    """R-31: from 3 months before a lease ends, one reminder to the CCB and one notice to the tenant."""
    return renewals.send_renewal_reminders()


@shared_task(name="housing.jobs.deadlines.end_unrenewed_leases")
def end_unrenewed_leases() -> int:
    """R-31, R-34: a lease that ended with no renewal passed: notice of termination, 30 days to move out."""
    return renewals.end_unrenewed_leases()


@shared_task(name="housing.jobs.deadlines.flag_ended_notice_periods")
def flag_ended_notice_periods() -> int:
    """R-16.7: a public notice whose period ended, for the CCB to announce."""
    return reminders.flag_ended_notice_periods()
