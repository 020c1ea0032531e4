"""The one way to move a supply plan, a subsidy batch, a tenancy or a home between states (docs/decisions/0020).

``office_step`` is the twin of housing.cases.workflow.take_step for the records outside one application: it checks
the duty (departments.permissions.OFFICE_DUTIES), locks the row, compares the version the actor saw (R-16.e), asks
the FSM whether the move is possible from here and whether this actor may make it, runs the caller's ``record``
callback, the transition, adds one to the version, saves and writes the staff action (R-6, R-38): all in one
transaction, so a refusal anywhere changes nothing.
"""

from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django_fsm import can_proceed, has_transition_perm

from departments.permissions import SCHEDULED_JOB, duty_article
from housing.cases.citations import cited
from housing.exceptions import ApplicationError, NotPermitted, StageNotAllowed, StaleBatch, StalePlan, StaleTenancy
from housing.models import SubsidyBatch, SupplyPlan, Tenancy
from housing.office.log import NOT_YOUR_DUTY, record_action, require_office_duty

# R-16.e: the reload notice of each kind of record. A home's is its chapter's (housing.stock), passed as ``stale``.
STALE: dict[type[models.Model], type[ApplicationError]] = {
    SupplyPlan: StalePlan,
    SubsidyBatch: StaleBatch,
    Tenancy: StaleTenancy,
}

Refusal = ApplicationError | Callable[[Any], ApplicationError]
Words = Any  # a value, or a callable of the moved record giving it


def _given(value: Words, locked):
    return value(locked) if callable(value) else value


def may_step(user, obj: models.Model, transition: str) -> bool:
    """Does the FSM offer this move to this user, from the record's state as it is? Pages show a button on this."""
    method = getattr(obj, transition)
    return can_proceed(method) and has_transition_perm(method, user)


def office_step(
    *,
    actor,
    obj: models.Model,
    transition: str,
    duty: str,
    expected_version: int | None,
    action: str | None,
    article: str,
    summary: Words = "",
    data: Words = None,
    record: Callable[[Any], dict | None] | None = None,
    check: Callable[[Any], None] | None = None,
    refused: Refusal | None = None,
    stale: ApplicationError | None = None,
    duty_message=None,
):
    """Move ``obj`` by its FSM ``transition`` and return the moved (locked) copy.

    ``duty``: the OFFICE_DUTIES duty the actor must hold, checked before anything is read (``duty_message`` may name
    the article as ``%(article)s``). SCHEDULED_JOB holds no duty: it passes only where the transition's ``permission=``
    opens it to a deadline (departments.permissions.may_do_duty).
    ``expected_version``: the version the actor's page showed; None when there is no page (a download, a job, a move
    that is part of a step already holding the lock). A different one raises ``stale`` or the record's Stale… error.
    ``check(locked)``: refusals of this record under the lock, before the FSM is asked (e.g. the preparer of a batch
    may not review it). ``refused``: the error (or a callable of the locked record giving it) when the FSM does not
    allow the move from here. ``record(locked)``: writes what the step needs, before the transition; its dict joins
    ``data``. ``summary`` and ``data`` may be callables of the moved record, read after the save.
    ``action``: the staff action written; None only for a move that is part of another record's step, whose own staff
    action names it (the home taken back with the keys of its tenancy).
    """
    model = type(obj)
    if expected_version is not None and stale is None and model not in STALE:
        raise TypeError(f"office_step compares the version of a {model.__name__}: pass its stale= error")
    if actor is not SCHEDULED_JOB:
        require_office_duty(actor, duty, duty_message)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=obj.pk)
        if expected_version is not None and locked.version != expected_version:
            raise stale or STALE[model]()
        if check is not None:
            check(locked)
        method = getattr(locked, transition)
        if not can_proceed(method):
            raise _given(refused, locked) if refused is not None else StageNotAllowed(article=article)
        if not has_transition_perm(method, actor):
            article_of_duty = duty_article(duty)
            raise NotPermitted(str(duty_message or NOT_YOUR_DUTY) % {"article": cited(article_of_duty)},
                               article=article_of_duty)
        extra = record(locked) if record is not None else None
        method()
        locked.version += 1
        locked.save()
        if action is not None:
            details = dict(_given(data, locked) or {})
            details.update(extra or {})
            record_action(actor=actor, action=action, obj=locked, article=article,
                          summary=str(_given(summary, locked)), data=details)
    return locked
