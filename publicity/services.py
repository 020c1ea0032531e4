"""Public notice, objections and announcement (R-16.4 – R-16.7)."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import can_answer_inquiry, may
from housing.exceptions import InvalidInput, NotPermitted
from housing.models import Application
from housing.policy import policy_in_force
from housing.stages import Stage
from housing.cases.workflow import lock_application, record_event, require_duty, take_step
from publicity.exceptions import NoticeNotOver, ObjectionsOpen, OutsideNoticePeriod
from publicity.models import Inquiry, Objection, PublicNotice

@transaction.atomic
def publish_public_notice(*, actor, round, group: str, starts_on: datetime.date | None = None) -> PublicNotice:
    """R-16.4: every rechecked application of the round and group goes into one notice.

    R-16.4–R-16.6: the notice starts on the day it is published or later, never earlier, so it is on the public
    site open for objections on every day of its period (docs/decisions/0040). The period is the notice_days of
    the policy version in force on its first day (SPEC §13); without a version in force nothing is published and
    the page says so (NoPolicyInForce)."""
    if not may(actor, "publish_in_notice", group):
        raise NotPermitted()
    starts_on = starts_on or timezone.localdate()
    check_notice_start(starts_on)
    ends_on = notice_ends_on(starts_on)
    ready = list(Application.objects.filter(round=round, group=group, stage=Stage.RECHECKED).order_by("proposed_rank", "id"))
    if not ready:
        raise InvalidInput(_("No application of this group has passed recheck yet; there is nothing to publish."))
    notice = PublicNotice.objects.create(round=round, group=group, starts_on=starts_on, ends_on=ends_on,
                                         published_at=timezone.now(), published_by=actor)

    def record(locked):
        locked.notice_ends_on = ends_on
        return {"notice": notice.pk, "notice_ends_on": ends_on.isoformat()}

    for application in ready:
        take_step(actor=actor, application=application, step="publish_in_notice",
                  expected_version=application.version, record=record)
    notice.entries.set(ready)
    return notice


def check_notice_start(starts_on: datetime.date) -> None:
    """R-16.4–R-16.6: a notice published today starts today or later. A day before its publication would count
    towards the period while nobody could read the list or object to it (docs/decisions/0040)."""
    today = timezone.localdate()
    if starts_on < today:
        message = _("A public notice starts on the day it is published or later; it cannot start on %(day)s, "
                    "before today (%(today)s) (Art. 16(4)–(6)).") % {"day": starts_on.isoformat(),
                                                                     "today": today.isoformat()}
        raise InvalidInput(message, field_errors={"starts_on": [message]})


def notice_ends_on(starts_on: datetime.date) -> datetime.date:
    """SPEC §13: the last day of a notice starting on ``starts_on``, its first day counted, for the notice_days of
    the policy version in force on that day."""
    return starts_on + datetime.timedelta(days=policy_in_force(starts_on).notice_days - 1)


def new_receipt_number(prefix: str = "YY") -> str:
    """YY- for an objection (异议), DY- for an inquiry (答疑): the number the resident follows it with."""
    return f"{prefix}-{timezone.localdate():%Y%m%d}-{secrets.token_hex(4).upper()}"


def check_notice_period(notice: PublicNotice, *, message=None, article: str = "R-16.6") -> None:
    """Refuse outside the notice's period, naming its dates (R-16.5, R-16.6)."""
    if not (notice.starts_on <= timezone.localdate() <= notice.ends_on):
        period = {"starts": notice.starts_on.isoformat(), "ends": notice.ends_on.isoformat()}
        message = message or _("Objections are accepted only during the notice period, from %(starts)s to "
                               "%(ends)s (Art. 16(6)).")
        raise OutsideNoticePeriod(message % period, article=article)


def freeze_for_objection(*, actor, objection: Objection, expected_version: int) -> None:
    """R-16.6: the objection freezes its entry; an entry already frozen by an open objection stays frozen.

    The one path of every objection, recorded by the CCB or filed online, inside the caller's transaction.
    """
    application = objection.application
    reason = _("Objection %(receipt)s") % {"receipt": objection.receipt_number}
    payload = {"objection": objection.receipt_number}
    if objection.filed_online:
        payload["filed_online"] = True
    if lock_application(application_id=application.pk).stage == Stage.FROZEN:
        record_event(actor=actor, application=application, duty="freeze_for_objection", event="objection_recorded",
                     expected_version=expected_version, reason=reason, articles=["R-16.6"], payload=payload)
    else:
        take_step(actor=actor, application=application, step="freeze_for_objection",
                  expected_version=expected_version, reason=reason, payload=payload)


@transaction.atomic
def record_objection(*, actor, application: Application, expected_version: int, objector_name: str,
                     objector_contact: str, reasons: str) -> Objection:
    """R-16.6: an objection received by the CCB freezes the entry until the responsible unit decides."""
    require_duty(actor=actor, step="freeze_for_objection", application=application)
    notice = application.public_notices.order_by("-published_at").first()
    if notice is None:
        raise OutsideNoticePeriod()
    check_notice_period(notice)
    errors = {}
    for field, value in (("objector_name", objector_name), ("objector_contact", objector_contact), ("reasons", reasons)):
        if not (value or "").strip():
            errors[field] = [_("This field is required.")]
    if errors:
        raise InvalidInput(_("The objection was not recorded; correct the marked fields."), field_errors=errors)
    objection = Objection.objects.create(
        receipt_number=new_receipt_number(), notice=notice, application=application,
        objector_name=objector_name.strip(), objector_contact=objector_contact.strip(), reasons=reasons.strip(),
        filed_at=timezone.now(), received_by=actor,
    )
    freeze_for_objection(actor=actor, objection=objection, expected_version=expected_version)
    return objection


@transaction.atomic
def decide_objection(*, actor, objection: Objection, expected_version: int, upheld: bool, reason: str,
                     answer: str, investigation_notes: str = "") -> Objection:
    """R-16.6: upheld → the entry leaves the list; not upheld → it stays. The answer goes to the objector."""
    application = objection.application
    step = "uphold_objection" if upheld else "dismiss_objection"
    require_duty(actor=actor, step=step, application=application)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason of the decision (Art. 16(6)).")]
    if not (answer or "").strip():
        errors["answer"] = [_("Write the answer the objector will read (Art. 16(6)).")]
    if objection.status != Objection.Status.OPEN:
        errors["status"] = [_("This objection has already been decided.")]
    if errors:
        raise InvalidInput(_("The objection was not decided; correct the marked fields."), field_errors=errors)
    objection.status = Objection.Status.UPHELD if upheld else Objection.Status.NOT_UPHELD
    objection.decision_reason = reason.strip()
    objection.answer = answer.strip()
    objection.investigation_notes = investigation_notes.strip()
    objection.decided_by = actor
    objection.decided_at = timezone.now()
    objection.save()
    # Another objection to the same entry may still be open: the entry stays frozen until all are decided.
    still_open = application.objections.filter(status=Objection.Status.OPEN).exclude(pk=objection.pk).exists()
    if lock_application(application_id=application.pk).stage == Stage.FROZEN and (upheld or not still_open):
        take_step(actor=actor, application=application, step=step, expected_version=expected_version,
                  reason=reason.strip(), articles=["R-16.6"], payload={"objection": objection.receipt_number})
    else:
        # Still frozen for another open objection, or already removed or withdrawn: the decision is
        # recorded and moves nothing, so no objection is left undecidable.
        record_event(actor=actor, application=application, duty=step, event="objection_decided",
                     expected_version=expected_version, reason=reason.strip(), articles=["R-16.6"],
                     payload={"objection": objection.receipt_number, "upheld": upheld})
    return objection


@transaction.atomic
def announce_notice(*, actor, notice: PublicNotice) -> int:
    """R-16.7: only after the notice's last day, with every objection decided, the remaining entries are
    announced."""
    if not may(actor, "announce", notice.group):
        raise NotPermitted()
    notice = PublicNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.announced_at is not None:
        raise InvalidInput(_("This list has already been announced."))
    if timezone.localdate() <= notice.ends_on:
        raise NoticeNotOver()
    if notice.objections.filter(status=Objection.Status.OPEN).exists():
        raise ObjectionsOpen()
    entries = list(notice.entries.filter(stage=Stage.PUBLIC_NOTICE))
    for application in entries:
        take_step(actor=actor, application=application, step="announce", expected_version=application.version,
                  payload={"notice": notice.pk})
    notice.announced_at = timezone.now()
    notice.announced_by = actor
    notice.save(update_fields=["announced_at", "announced_by"])
    return len(entries)


@transaction.atomic
def answer_inquiry(*, actor, inquiry: Inquiry, answer: str) -> Inquiry:
    """R-16.5: the answer to a question about a notice, recorded once with who gave it and when.

    A question naming an entry is answered by the unit responsible for its group, a general one by the CCB
    (departments.permissions.can_answer_inquiry; docs/decisions/0013).
    """
    if not can_answer_inquiry(actor, group=inquiry.notice.group, about_entry=inquiry.application_id is not None):
        raise NotPermitted()
    if not (answer or "").strip():
        raise InvalidInput(_("The question was not answered; write the answer."),
                           field_errors={"answer": [_("Write the answer the asker will read (Art. 16(5)).")]})
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if locked.answered_at is not None:
        # R-16.e: two staff answering at once; the first answer stands and is what the asker read.
        raise InvalidInput(_("This question has already been answered."),
                           field_errors={"answer": [_("This question has already been answered.")]})
    locked.answer = answer.strip()
    locked.answered_by = actor
    locked.answered_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["answer", "answered_by", "answered_at"])
    return locked
