"""Every periodic job of the portal, in one place (R-X.6: deadlines are kept by the system).

Every job is idempotent: running it twice on a day changes nothing more than running it once, so a
beat that restarts, or two beats by mistake, do no harm. Times are Asia/Shanghai (CELERY_TIMEZONE).
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # R-X.1: detect tampering with the case history every night.
    "verify-history-chains": {
        "task": "housing.tasks.verify_history_chains",
        "schedule": crontab(hour=2, minute=15),
    },
    # R-X.1: detect tampering with the staff-action log every night (docs/decisions/0042).
    "verify-staff-action-chain": {
        "task": "housing.jobs.audit.verify_staff_action_chain",
        "schedule": crontab(hour=2, minute=25),
    },
    # remind units before 31 October; flag to discipline inspection those that missed it.
    "demand-report-deadline": {
        "task": "housing.jobs.plan.flag_late_demand_reports",
        "schedule": crontab(hour=1, minute=0),
    },
    # SPEC §13: a choice not signed in time is a give-up; the home goes back to the stock.
    "unsigned-selections": {
        "task": "housing.jobs.selection.record_unsigned_give_ups",
        "schedule": crontab(hour=0, minute=30),
    },
    # the month's subsidy batch, prepared for Finance to review.
    "subsidy-batch": {
        "task": "housing.jobs.subsidies.prepare_monthly_batch",
        "schedule": crontab(hour=3, minute=0, day_of_month="1-5"),
    },
    # R-33(2): 2 consecutive months or 6 in total unpaid.
    "rent-arrears": {
        "task": "housing.jobs.tenancy.detect_arrears",
        "schedule": crontab(hour=4, minute=0),
    },
    # 30 days (+ at most 60) to move out; after that, overstay.
    "move-out-deadlines": {
        "task": "housing.jobs.tenancy.flag_move_out_overstays",
        "schedule": crontab(hour=4, minute=15),
    },
    # reminder 3 months before the lease ends.
    "renewal-reminders": {
        "task": "housing.jobs.deadlines.send_renewal_reminders",
        "schedule": crontab(hour=5, minute=0),
    },
    # not renewed by the end of the lease: the home is taken back.
    "lease-ends": {
        "task": "housing.jobs.deadlines.end_unrenewed_leases",
        "schedule": crontab(hour=5, minute=15),
    },
    # R-16.d: messages whose delivery task was lost are queued again (docs/decisions/0031).
    "messages-requeue": {
        "task": "housing.jobs.messaging.requeue_stale_messages",
        "schedule": crontab(minute="*/15"),
    },
    # Stock and rent files uploaded for a preview and never confirmed are deleted after their lifetime
    # (housing/web/staged_uploads.py; decisions 0015, 0018).
    "import-uploads": {
        "task": "housing.jobs.stock.purge_expired_imports",
        "schedule": crontab(minute=40),
    },
    # verification requests past their deadline, to the CCB and the agency (decision 0034).
    "verification-overdue": {
        "task": "housing.jobs.verification.flag_overdue_requests",
        "schedule": crontab(hour=1, minute=30),
    },
    # Answers files of the agencies uploaded for a preview and never confirmed (decision 0034).
    "verification-answer-files": {
        "task": "housing.jobs.verification.purge_expired_answer_files",
        "schedule": crontab(minute=45),
    },
    # persons on two applications or guarantees at once, as flagged sets for a head of the CCB.
    "one-guarantee-flagged-sets": {
        "task": "housing.jobs.guarantees.find_flagged_sets",
        "schedule": crontab(hour=2, minute=45),
    },
    # notice periods that ended, for the CCB to announce.
    "notice-periods-ended": {
        "task": "housing.jobs.deadlines.flag_ended_notice_periods",
        "schedule": crontab(hour=0, minute=15),
    },
    # exported lists are deleted once their time is up (decision 0037).
    "export-files": {
        "task": "housing.jobs.exports.purge_expired_exports",
        "schedule": crontab(minute=50),
    },
    # the statistics pages' default figures, ahead of the readers (docs/decisions/0036; kept 10 minutes)
    "statistics-figures": {
        "task": "housing.jobs.statistics.warm_figures",
        "schedule": crontab(minute="*/5"),
    },
    # R-X.2: personal data past its retention period is purged, after the night's chain check (decision 0043).
    "retention-purge": {
        "task": "housing.jobs.retention.purge_past_retention",
        "schedule": crontab(hour=3, minute=30),
    },
}

# The modules that define the jobs above (the worker imports them at start).
JOB_MODULES = ("housing.cases.tasks", "housing.office.jobs", "housing.plan.jobs", "housing.selection.jobs",
               "housing.messaging.tasks", "housing.messaging.jobs",
               "housing.stock.jobs", "housing.subsidies.jobs", "housing.tenancy.jobs",
               "housing.verification.jobs", "housing.guarantees.jobs", "housing.exports.jobs",
               "housing.statistics.jobs", "housing.audit.jobs",
               "housing.retention.jobs")


def schedule_for_tests(names: list[str], every_seconds: float) -> dict:
    """The named entries, each run every few seconds: for tests that run a real beat (tests/support/beat.py)."""
    return {name: {**BEAT_SCHEDULE[name], "schedule": every_seconds} for name in names}
