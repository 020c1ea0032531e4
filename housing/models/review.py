"""What each review stage decided, item by item (R-39.3, R-39.4, R-39.5)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormalReview(models.Model):
    """R-39.3: the materials checklist as the CCB clerk found it."""

    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE, related_name="formal_reviews")
    items = models.JSONField(_("checklist"), default=dict)  # material code -> present and valid
    complete = models.BooleanField(_("complete"))
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"))

    class Meta:
        ordering = ["application_id", "-reviewed_at"]


class ConditionDecision(models.Model):
    """R-39.4: one eligibility condition of SPEC §6, decided with its evidence."""

    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE, related_name="condition_decisions")
    condition_id = models.CharField(_("condition"), max_length=12)
    passed = models.BooleanField(_("passed"), null=True)
    evidence = models.TextField(_("evidence"), blank=True)
    # The eligibility engine's pre-decision (SPEC §6), computed server-side at conclusion.
    engine_passed = models.BooleanField(_("engine decided"), null=True)
    engine_message = models.TextField(_("engine message"), blank=True)
    overridden = models.BooleanField(_("overridden by the reviewer"), default=False)
    # why the reviewer departed from the engine; empty unless overridden.
    override_reason = models.TextField(_("reason for the override"), blank=True)
    policy_version = models.CharField(_("policy version"), max_length=40, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        ordering = ["application_id", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "condition_id"], name="uniq_condition_decision")]


class RecheckResult(models.Model):
    """R-16.4, R-39.5, R-14: one verified fact, with the agency that confirmed it."""

    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE, related_name="recheck_results")
    item = models.CharField(_("fact verified"), max_length=30)
    verified = models.BooleanField(_("true as declared"))
    agency = models.CharField(_("verifying agency"), max_length=40)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        ordering = ["application_id", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "item"], name="uniq_recheck_item")]
