"""Sending one queued message (R-16.d): once at most, retried while the failure may pass, failed with its reason.

The row is locked for the attempt, so two runs of the delivery for the same message (a task handed out twice, a
retry racing a manual run) send it once: the second finds it sent, or failed, and does nothing.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _

from housing.messaging.backends import get_sms_backend
from housing.messaging.email import send_email
from housing.messaging.errors import PermanentFailure, TransientFailure
from housing.messaging.logs import log
from housing.messaging.text import contains_id_number, signature
from housing.models import OutgoingMessage

RETRY = "retry"
Channel, State, Failure = OutgoingMessage.Channel, OutgoingMessage.State, OutgoingMessage.Failure


def max_attempts() -> int:
    return max(1, int(getattr(settings, "MESSAGE_MAX_ATTEMPTS", 6)))


def email_subject(message: OutgoingMessage) -> str:
    with translation.override("zh-hans"):
        if message.application_id:
            return signature() + _("About your application %(number)s") % {"number": message.application.number}
        return signature() + _("A message from the affordable-housing portal")


def hand_over(message: OutgoingMessage) -> str:
    if message.channel == Channel.SMS:
        return get_sms_backend().send(to=message.recipient, text=message.text, key=str(message.key))
    return send_email(to=message.recipient, subject=email_subject(message), text=message.text, key=str(message.key))


def fail(message: OutgoingMessage, failure: str, error: str = "") -> str:
    message.state, message.failure, message.last_error = State.FAILED, failure, error[:300]
    return State.FAILED


def attempt(message: OutgoingMessage) -> str:
    """One attempt on the locked row; the outcome is stored on it by the caller."""
    if contains_id_number(message.text):  # R-X.2: written by a caller that slipped past send_message's redaction
        return fail(message, Failure.ID_NUMBER)
    message.attempts += 1
    message.last_attempt_at = timezone.now()
    try:
        reference = hand_over(message)
    except PermanentFailure as exc:
        return fail(message, Failure.REJECTED, str(exc))
    except TransientFailure as exc:
        if message.attempts >= max_attempts():
            return fail(message, Failure.UNREACHABLE, str(exc))
        message.last_error = str(exc)[:300]
        return RETRY
    message.state, message.failure, message.last_error = State.SENT, "", ""
    message.sent_at, message.gateway_reference = timezone.now(), reference[:100]
    return State.SENT


def deliver(*, message_id: int) -> str:
    """Send the message if it is still queued: "sent", "failed", RETRY (queued, try again later) or, for a message
    that was already sent or failed (or no longer exists), its state unchanged."""
    with transaction.atomic():
        message = (OutgoingMessage.objects.select_for_update(of=("self",)).select_related("application")
                   .filter(pk=message_id).first())
        if message is None:
            return "missing"
        if message.state != State.QUEUED:
            return message.state
        outcome = attempt(message)
        message.save(update_fields=["state", "failure", "last_error", "attempts", "last_attempt_at", "sent_at",
                                    "gateway_reference"])
    log.info("Message %s (%s, %s to %s) attempt %s: %s%s", message.pk, message.purpose, message.channel,
             message.masked_recipient, message.attempts, outcome,
             f" ({message.last_error})" if message.last_error else "")
    return outcome
