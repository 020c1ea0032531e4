"""The one door for a message leaving the portal (R-16.d): a row per message and channel, delivered on commit.

    send_message(channel="sms", recipient="13812345678", text=…, purpose="…", application=…, notice=…)
    send_to_applicant(application=…, text=…, purpose="…", notice=…)

A message to a notice's applicant is written once per channel however often it is asked for (the notice and the
channel are unique together). Texts never carry an ID number: one is replaced before the row is written.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from housing.messaging.logs import log
from housing.messaging.tasks import deliver_message
from housing.messaging.text import contains_id_number, normalize_mobile, redact_id_numbers, sms_text
from housing.models import ApplicantNotice, Application, OutgoingMessage

Channel, State, Failure = OutgoingMessage.Channel, OutgoingMessage.State, OutgoingMessage.Failure
# A message queued this long ago and not attempted yet has lost its task; at most this many are queued again a run.
STALE_AFTER = datetime.timedelta(minutes=15)
REQUEUE_BATCH = 1000


def _address(channel: str, recipient: str) -> tuple[str, str]:
    """(the recipient as sent, the failure that stops it before any attempt, or "")."""
    recipient = (recipient or "").strip()
    if not recipient:
        return "", Failure.NO_RECIPIENT
    if channel == Channel.SMS:
        mobile = normalize_mobile(recipient)
        return (mobile, "") if mobile else (recipient, Failure.NOT_MOBILE)
    try:
        validate_email(recipient)
    except ValidationError:
        return recipient, Failure.INVALID_ADDRESS
    return recipient, ""


def _text(channel: str, text: str, application: Application | None) -> str:
    if contains_id_number(text):
        log.warning("An ID number was taken out of a message before it was written (R-X.2)")
    if channel == Channel.SMS:
        return sms_text(text, number=application.number if application else "")
    return redact_id_numbers(text)


def send_message(*, channel: str, recipient: str, text: str, purpose: str, application: Application | None = None,
                 notice: ApplicantNotice | None = None) -> OutgoingMessage:
    """Write the message and queue its delivery on commit; an address that cannot take it is recorded as failed."""
    if channel not in Channel.values:
        raise ValueError(f"{channel!r} is not a channel of OutgoingMessage")
    if notice is not None and application is None:
        application = notice.application
    if notice is not None:
        existing = OutgoingMessage.objects.filter(notice=notice, channel=channel).first()
        if existing is not None:
            return existing
    address, failure = _address(channel, recipient)
    message = OutgoingMessage(channel=channel, recipient=address, text=_text(channel, text, application),
                              purpose=purpose[:60], application=application, notice=notice)
    if failure:
        message.state, message.failure = State.FAILED, failure
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # a concurrent run wrote this notice's message first
        return OutgoingMessage.objects.get(notice=notice, channel=channel)
    if failure:
        log.info("Message %s (%s, %s to %s) not sent: %s", message.pk, purpose, channel, message.masked_recipient,
                 failure)
    else:
        transaction.on_commit(lambda: deliver_message.delay(message.pk))
    return message


def send_to_applicant(*, application: Application, text: str, purpose: str,
                      notice: ApplicantNotice | None = None) -> list[OutgoingMessage]:
    """By SMS to the contact phone (recorded as not sent when there is none) and by e-mail when an address is
    on file."""
    messages = [send_message(channel=Channel.SMS, recipient=application.contact_phone, text=text, purpose=purpose,
                             application=application, notice=notice)]
    if application.contact_email:
        messages.append(send_message(channel=Channel.EMAIL, recipient=application.contact_email, text=text,
                                     purpose=purpose, application=application, notice=notice))
    return messages


def requeue_stale_messages(*, now=None) -> list[int]:
    """Queue again the messages still queued long after their last move (a task lost with its broker, a worker
    stopped between the commit and the queueing): later than the longest backoff, so a retry on its way is not
    overtaken. Delivery is idempotent, so a message queued twice is still sent once."""
    now = now or timezone.now()
    quiet = datetime.timedelta(seconds=float(getattr(settings, "MESSAGE_RETRY_BACKOFF_MAX", 3600))) + STALE_AFTER
    stale = OutgoingMessage.objects.filter(state=State.QUEUED).filter(
        Q(last_attempt_at__isnull=True, created_at__lt=now - STALE_AFTER) | Q(last_attempt_at__lt=now - quiet))
    ids = list(stale.order_by("id").values_list("id", flat=True)[:REQUEUE_BATCH])
    for message_id in ids:
        transaction.on_commit(lambda pk=message_id: deliver_message.delay(pk))
    if ids:
        log.warning("%s queued messages queued again after a silence", len(ids))
    return ids
