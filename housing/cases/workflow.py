"""The one way to move an application between stages (SPEC §5, R-16.c, R-16.e).

``take_step`` locks the row, checks the actor's duty and the version the actor
saw, runs the FSM transition, keeps the stage counts, appends the history row
and queues the notice to the applicant on commit: all in one transaction.
Stage-specific records (review results, contract, subsidy …) are written by the
caller's ``record`` callback inside the same transaction.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from departments.permissions import DUTIES, may
from housing.exceptions import NotPermitted, StaleApplication, StageNotAllowed
from housing.models import Application
from housing.cases.counters import count_moved
from housing.cases.history import append_history
from housing.cases.tasks import send_applicant_notice
from housing.cases.written_notices import issue_written_notice


def lock_application(*, application_id: int) -> Application:
    return Application.objects.select_for_update().get(pk=application_id)


def require_duty(*, actor, step: str, application: Application) -> None:
    """Refuse early, before any input is looked at, when the actor's unit lacks the duty (R-16.c)."""
    if not may(actor, step, application.group):
        raise NotPermitted()


def take_step(
    *,
    actor,
    application: Application,
    step: str,
    expected_version: int,
    reason: str = "",
    articles: list[str] | tuple[str, ...] = (),
    payload: dict | None = None,
    record: Callable[[Application], dict | None] | None = None,
) -> Application:
    if step not in DUTIES:
        raise StageNotAllowed()
    with transaction.atomic():
        locked = lock_application(application_id=application.pk)
        if not may(actor, step, locked.group):
            raise NotPermitted()
        if locked.version != expected_version:
            raise StaleApplication()
        method = getattr(locked, step)
        if not can_proceed(method):
            raise StageNotAllowed()
        from_stage = locked.stage
        extra = record(locked) if record else None
        method()
        locked.version += 1
        locked.stage_changed_at = timezone.now()
        locked.save()
        count_moved(locked, from_stage=from_stage)
        details = dict(payload or {})
        details.update(extra or {})
        row = append_history(
            application=locked,
            event=step,
            actor=actor,
            from_stage=from_stage,
            to_stage=locked.stage,
            reason=reason,
            articles=list(articles) or [a.strip() for a in DUTIES[step][2].split(",")],
            payload=details,
        )
        # R-16.d: a return, a refusal or a removal gives its written notice in the same transaction.
        issue_written_notice(application=locked, history=row)
        transaction.on_commit(lambda: send_applicant_notice.delay(row.pk))
    return locked


def record_event(
    *,
    actor,
    application: Application,
    duty: str,
    event: str,
    expected_version: int,
    reason: str = "",
    articles: list[str] | tuple[str, ...] = (),
    payload: dict | None = None,
) -> Application:
    """An event on the case that moves no stage (a further objection, its decision): the same lock, duty and
    version check as ``take_step``, and a history row (R-X.1, R-16.e)."""
    with transaction.atomic():
        locked = lock_application(application_id=application.pk)
        if not may(actor, duty, locked.group):
            raise NotPermitted()
        if locked.version != expected_version:
            raise StaleApplication()
        locked.version += 1
        locked.save(update_fields=["version"])
        append_history(application=locked, event=event, actor=actor, from_stage=locked.stage,
                       to_stage=locked.stage, reason=reason, articles=list(articles), payload=payload or {})
    return locked
