"""R-14: what the verifying agencies are asked and what they answer.

One request per application and agency lists the facts of the recheck (R-16.4, R-39.5) that agency answers for
(housing.rules.catalogue.RECHECK_ITEMS). Each answer is kept as given: a correction is a new answer that supersedes
the earlier one, with its reason (docs/decisions/0034-agency-verification.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__: list[str] = ["VerificationAnswer", "VerificationRequest"]


class VerificationRequest(models.Model):
    """R-14: the CCB asks one agency to verify, for one application, the facts that agency answers for."""

    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE,
                                    related_name="verification_requests")
    agency = models.ForeignKey("departments.Unit", verbose_name=_("verifying agency"), on_delete=models.PROTECT,
                               related_name="+")
    items = models.JSONField(_("facts to verify"), default=list)  # codes of RECHECK_ITEMS
    due_on = models.DateField(_("answer due by"))
    deadline_days = models.PositiveSmallIntegerField(_("days to answer"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("requested at"))
    answered_at = models.DateTimeField(_("fully answered at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "agency"], name="uniq_verification_request")]
        indexes = [models.Index(fields=["agency", "answered_at", "due_on"], name="verification_queue")]
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")

    def __str__(self) -> str:
        return f"{self.application_id}/{self.agency_id}"


class VerificationAnswer(models.Model):
    """R-14: an agency's answer on one fact, given by a named officer who states that the agency stands by it.

    Written once and never changed; ``supersedes`` points at the answer a correction replaces."""

    class Source(models.TextChoices):
        PAGE = "page", _("answered on the page")
        FILE = "file", _("imported from the answers file")

    request = models.ForeignKey(VerificationRequest, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(_("fact verified"), max_length=30)
    confirmed = models.BooleanField(_("confirmed as declared"))
    reference = models.CharField(_("reference number"), max_length=60)
    remarks = models.TextField(_("remarks"), blank=True)
    stands_by = models.BooleanField(_("the agency stands by this answer"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered at"))
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.PAGE)
    supersedes = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="correction")
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        ordering = ["request_id", "item", "answered_at", "id"]
        constraints = [
            # One first answer per fact; every later one supersedes exactly one earlier answer (a chain).
            models.UniqueConstraint(fields=["request", "item"], condition=models.Q(supersedes__isnull=True),
                                    name="uniq_first_verification_answer"),
            # the agency answers for its result; an answer without the statement is not an answer.
            models.CheckConstraint(condition=models.Q(stands_by=True), name="verification_answer_stood_by"),
        ]
        verbose_name = _("verification answer")
        verbose_name_plural = _("verification answers")

    def save(self, *args, **kwargs):
        # an answer is kept as given; a correction is a new row (housing.verification.services).
        if self.pk is not None and not self._state.adding:
            raise ValueError("a verification answer is never changed; record a correction instead")
        super().save(*args, **kwargs)
