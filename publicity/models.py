"""Public notices, objections and announcements (SPEC §8)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from housing.groups import Group


class PublicNotice(models.Model):
    """R-16.4: the proposed list of one round and group, published for objections."""

    round = models.ForeignKey("housing.AllocationRound", on_delete=models.PROTECT, related_name="public_notices")
    group = models.CharField(_("applicant group"), max_length=30, choices=Group.choices)
    starts_on = models.DateField(_("notice starts"))
    ends_on = models.DateField(_("notice ends"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entries = models.ManyToManyField("housing.Application", related_name="public_notices", blank=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")

    def __str__(self) -> str:
        return f"{self.round} {self.get_group_display()}"


class Objection(models.Model):
    """R-16.6: an objection to a named entry; it freezes the entry until the responsible unit decides."""

    class Status(models.TextChoices):
        OPEN = "open", _("Under investigation")
        UPHELD = "upheld", _("Upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")

    receipt_number = models.CharField(_("receipt number"), max_length=24, unique=True)
    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="objections")
    application = models.ForeignKey("housing.Application", on_delete=models.PROTECT, related_name="objections")
    objector_name = models.CharField(_("objector's real name"), max_length=100)
    objector_contact = models.CharField(_("objector's contact"), max_length=100)
    reasons = models.TextField(_("reasons"))
    filed_at = models.DateTimeField(_("filed at"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    investigation_notes = models.TextField(_("investigation notes"), blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    answer = models.TextField(_("answer to the objector"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return self.receipt_number
