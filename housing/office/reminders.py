"""R-X.6: deadlines kept by the system. Reminders raised once (their key is unique), the tenant told in plain
words through the notice of the tenancy's application, and a reminder marked done by the unit that acted.

docs/decisions/0019-deadlines-and-renewals.md
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.models import Unit
from departments.permissions import CCB, DECIDERS, OPERATORS
from housing.events import TENANT_WORDS
from housing.exceptions import InvalidInput, NotPermitted
from housing.models import ApplicantNotice, Application, Reminder, Tenancy
from housing.cases.history import append_history
from housing.cases.plain_words import in_both_languages
from housing.cases.tasks import send_applicant_notice
from housing.office.log import record_action
from publicity.models import PublicNotice


def tenant_words(words: str, event: str):
    """R-16.d: the tenant's notice named ``words`` (housing.events.TENANT_WORDS), which must be words of the history
    row's ``event``; any other pair is a programming error."""
    if words not in TENANT_WORDS or TENANT_WORDS[words][0] != event:
        raise ValueError(f"{words!r} are not words of the event {event!r} in housing.events.TENANT_WORDS")
    return TENANT_WORDS[words][1]


def notice_for_row(*, row, words: str, context: dict) -> ApplicantNotice:
    """The applicant's notice for one history row (R-16.d), written in the caller's transaction. The notice task
    queued for the same row then finds it written and does nothing (housing.cases.notices)."""
    zh, en = in_both_languages(tenant_words(words, row.event), context)
    return ApplicantNotice.objects.create(application_id=row.application_id, history=row, message_zh=zh,
                                          message_en=en)


def tell_tenant(*, application: Application, event: str, words: str, context: dict, articles: list[str],
                payload: dict) -> ApplicantNotice:
    """A history row on the tenancy's application (it moves no stage) and its notice. Caller is in a transaction."""
    tenant_words(words, event)  # refused before anything is written
    locked = Application.objects.select_for_update().get(pk=application.pk)
    row = append_history(application=locked, event=event, actor=None, from_stage=locked.stage,
                         to_stage=locked.stage, articles=articles, payload=payload)
    notice = notice_for_row(row=row, words=words, context={"number": locked.number, **context})
    # R-16.d: the notice task finds the notice written and sends it to the tenant (housing.cases.notices).
    transaction.on_commit(lambda: send_applicant_notice.delay(row.pk))
    return notice


def ccb_unit() -> Unit:
    return Unit.objects.get(code=CCB)


def create_reminder(*, key: str, kind: str, unit: Unit, due_on: datetime.date, text: str,
                    tenancy: Tenancy | None = None, application: Application | None = None) -> Reminder | None:
    """The reminder with this key, created now; None when it already exists (R-X.6: once). Call inside the
    transaction that does the rest of the work, so a concurrent run that loses the race rolls all of it back."""
    if Reminder.objects.filter(key=key).exists():
        return None
    return Reminder.objects.create(key=key, kind=kind, unit=unit, due_on=due_on, text=text, tenancy=tenancy,
                                   application=application)


def once(work) -> bool:
    """Run ``work()`` in its own transaction; a unique key taken by a concurrent run means it was done already."""
    try:
        with transaction.atomic():
            return bool(work())
    except IntegrityError:
        return False


# --- public notices whose period ended ------------------------------------------------------------

def notice_reminder_key(notice_id: int) -> str:
    return f"notice-ended:{notice_id}"


def flag_ended_notice_periods(*, today: datetime.date | None = None) -> int:
    """One NOTICE_ENDED reminder to the CCB per public notice whose period has ended and that is not announced yet.
    The period includes its last day (``Application.notice_period_over``): announcing is possible the day after."""
    today = today or timezone.localdate()
    unit = ccb_unit()
    raised = 0
    notices = PublicNotice.objects.filter(ends_on__lt=today, announced_at__isnull=True).select_related("round")
    for notice in notices:
        text = _("The public notice of %(round)s, %(group)s, ended on %(ends_on)s: decide any open objection and "
                 "announce the final list (Art. 16(7)).") % {
            "round": notice.round, "group": notice.get_group_display(), "ends_on": notice.ends_on.isoformat()}
        raised += once(lambda n=notice, t=text: create_reminder(
            key=notice_reminder_key(n.pk), kind=Reminder.Kind.NOTICE_ENDED, unit=unit,
            due_on=n.ends_on + datetime.timedelta(days=1), text=t))
    return raised


# --- the work queue: marking a reminder done --------------------------------------------------------------

def may_mark_done(user, reminder: Reminder) -> bool:
    """Only the unit the reminder is addressed to closes it (discipline inspection reads every unit's, R-6)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.unit_id:
        return False
    return user.unit_id == reminder.unit_id and user.has_role(*OPERATORS, *DECIDERS)


@transaction.atomic
def mark_reminder_done(*, actor, reminder_id: int) -> Reminder:
    reminder = Reminder.objects.select_for_update().filter(pk=reminder_id).first()
    if reminder is None:
        raise InvalidInput(_("No such reminder."))
    if not may_mark_done(actor, reminder):
        raise NotPermitted(_("Only the unit the reminder is addressed to may mark it done."))
    if reminder.done_at is not None:
        raise InvalidInput(_("This reminder was already marked done."))
    reminder.done_at = timezone.now()
    reminder.save(update_fields=["done_at"])
    record_action(actor=actor, action="mark_reminder_done", obj=reminder, article="R-X.6",
                  summary=_("Reminder marked done: %(text)s") % {"text": reminder.text},
                  data={"key": reminder.key, "kind": reminder.kind, "due_on": reminder.due_on})
    return reminder
