"""Every periodic job of the portal, in one place (R-X.6: deadlines are kept by the system)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # R-X.1: detect tampering with the case history every night.
    "verify-history-chains": {
        "task": "housing.tasks.verify_history_chains",
        "schedule": crontab(hour=2, minute=15),
    },
}
