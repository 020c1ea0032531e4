"""Celery task names are part of the portal's contract with its queue: beat entries and messages already queued
carry them, so they stay as first registered whatever module defines the task (docs/architecture.md)."""

from config.celery import app
from config.schedule import BEAT_SCHEDULE

TASK_NAMES = {
    "housing.tasks.send_applicant_notice",
    "housing.tasks.deliver_message",
    "housing.jobs.messaging.requeue_stale_messages",
    "housing.tasks.verify_history_chains",
    "housing.jobs.audit.verify_staff_action_chain",
    "housing.jobs.plan.flag_late_demand_reports",
    "housing.jobs.selection.record_unsigned_give_ups",
    "housing.jobs.subsidies.prepare_monthly_batch",
    "housing.jobs.tenancy.detect_arrears",
    "housing.jobs.tenancy.flag_move_out_overstays",
    "housing.jobs.deadlines.send_renewal_reminders",
    "housing.jobs.deadlines.end_unrenewed_leases",
    "housing.jobs.deadlines.flag_ended_notice_periods",
    "housing.jobs.stock.purge_expired_imports",
    "housing.jobs.verification.flag_overdue_requests",
    "housing.jobs.verification.purge_expired_answer_files",
    "housing.jobs.guarantees.find_flagged_sets",
    "housing.tasks.build_export",
    "housing.jobs.exports.purge_expired_exports",
    "housing.jobs.statistics.warm_figures",
    "housing.jobs.retention.purge_past_retention",
}


def registered() -> set[str]:
    app.loader.import_default_modules()  # what a worker imports at start (CELERY_IMPORTS, autodiscovery)
    return {name for name in app.tasks if name.startswith("housing.")}


def test_the_worker_registers_exactly_the_portals_task_names():
    assert registered() == TASK_NAMES


def test_every_beat_entry_names_a_registered_task():
    assert {entry["task"] for entry in BEAT_SCHEDULE.values()} <= registered()
