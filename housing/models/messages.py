"""R-16.d: messages the portal sends (SMS, e-mail) and their delivery state.

One row per message and channel, written by housing.messaging.services and moved only by its delivery service:
queued, then sent (with the gateway's reference) or failed (with the reason). docs/decisions/0031.
"""

import re
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["OutgoingMessage", "mask_recipient"]


def mask_recipient(channel: str, recipient: str) -> str:
    """What a page or a log line shows of an address: 138****5678, z***@example.cn."""
    if not recipient:
        return "—"
    if channel == OutgoingMessage.Channel.EMAIL:
        local, _at, domain = recipient.partition("@")
        return f"{local[:1]}***@{domain}" if domain else "***"
    digits = re.sub(r"\D", "", recipient)
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


class OutgoingMessage(models.Model):
    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Not delivered")

    class Failure(models.TextChoices):
        NO_RECIPIENT = "no_recipient", _("No contact on file")
        NOT_MOBILE = "not_mobile", _("The contact phone is not a mobile number")
        REJECTED = "rejected", _("Refused by the gateway")
        UNREACHABLE = "unreachable", _("Gateway unreachable after every retry")
        INVALID_ADDRESS = "invalid_address", _("The e-mail address is not valid")
        ID_NUMBER = "id_number", _("Held back: the text contained an ID number")

    key = models.UUIDField(_("message key"), default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # A mobile number of digits (an optional leading +) or an e-mail address; empty when none is on file.
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    text = models.TextField(_("text"))
    # What the message is for, as the caller names it (e.g. "notice:refuse"): code, never shown to applicants.
    purpose = models.CharField(_("purpose"), max_length=60)
    application = models.ForeignKey("housing.Application", verbose_name=_("application"), on_delete=models.CASCADE,
                                    null=True, blank=True, related_name="outgoing_messages")
    notice = models.ForeignKey("housing.ApplicantNotice", verbose_name=_("notice to the applicant"),
                               on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries")
    state = models.CharField(_("delivery state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    failure = models.CharField(_("reason"), max_length=20, choices=Failure.choices, blank=True)
    # The last error as the gateway or the mail server gave it (recipients and ID numbers redacted).
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    gateway_reference = models.CharField(_("gateway reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        constraints = [
            # A notice goes out once per channel, whoever runs the delivery and how often (R-16.d).
            models.UniqueConstraint(fields=["notice", "channel"], condition=models.Q(notice__isnull=False),
                                    name="message_once_per_notice_and_channel"),
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="message_state_created")]

    def __str__(self) -> str:
        return f"{self.channel} {self.masked_recipient} {self.state}"

    @property
    def masked_recipient(self) -> str:
        return mask_recipient(self.channel, self.recipient)

    @property
    def at(self):
        """When its state was last reached: sent, or the last attempt, or queued."""
        return self.sent_at or self.last_attempt_at or self.created_at
