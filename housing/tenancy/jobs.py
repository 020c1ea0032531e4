"""Scheduled jobs: tenancy (config/schedule.py runs them; each is idempotent, R-X.6)."""

from celery import shared_task

from housing.tenancy.services import exits, ledger as tenancy


@shared_task(name="housing.jobs.tenancy.detect_arrears")
def detect_arrears() -> int:
    """R-33(2): 2 consecutive or 6 unpaid months → a violation and a reminder, once per finding."""
    return tenancy.detect_arrears()


@shared_task(name="housing.jobs.tenancy.flag_move_out_overstays")
def flag_move_out_overstays() -> int:
    """R-34: households still in the home after the move-out deadline, flagged once."""
    return exits.flag_move_out_overstays()
