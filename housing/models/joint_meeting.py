"""R-17: the Joint Meeting's decisions (R-5, R-7.3, R-17.2), each with the number of its minutes and the meeting's
date. A decision is kept as recorded: a correction is a new decision that supersedes the earlier one, with its
reason (docs/decisions/0039-joint-meeting-decisions.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__: list[str] = ["JointMeetingDecision", "DecisionRecordedError"]


class DecisionRecordedError(Exception):
    """A recorded decision was about to be changed or removed (R-17.2: the decision is the record)."""


class DecisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise DecisionRecordedError("A Joint Meeting decision is never changed; record one that supersedes it.")

    def delete(self):
        raise DecisionRecordedError("A Joint Meeting decision is never removed; record one that supersedes it.")

    def in_force(self):
        """The decisions no later decision supersedes."""
        return self.filter(superseded_by__isnull=True)


class JointMeetingDecision(models.Model):
    class Kind(models.TextChoices):
        # more than the cap (50 homes) to one employer in one year's plan
        EMPLOYER_QUOTA = "employer_quota", _("Employer quota above the cap")
        # a high-level introduced talent, one person one policy, case by case
        CASE_BY_CASE = "case_by_case", _("Case-by-case provision for a high-level talent")
        # the other major matters the Joint Meeting reviews
        OTHER = "other", _("Other major matter")

    kind = models.CharField(_("kind of decision"), max_length=20, choices=Kind.choices)
    minutes_number = models.CharField(_("minutes number"), max_length=120)
    meeting_date = models.DateField(_("date of the meeting"))
    # the subject: an employer's homes in one year's plan ...
    employer = models.ForeignKey("housing.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="joint_meeting_decisions")
    year = models.PositiveIntegerField(_("year of the plan"), null=True, blank=True)
    homes = models.PositiveIntegerField(_("homes decided"), null=True, blank=True)
    # ... an application of a high-level talent ...
    application = models.ForeignKey("housing.Application", verbose_name=_("application"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="joint_meeting_decisions")
    # ... or a matter in words
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("text of the decision"))
    supersedes = models.OneToOneField("self", verbose_name=_("supersedes"), on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="superseded_by")
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "-id"]
        indexes = [models.Index(fields=["employer", "year"], name="jm_decision_employer_year")]
        constraints = [
            models.CheckConstraint(name="jm_quota_subject", condition=~Q(kind="employer_quota") | Q(
                employer__isnull=False, year__isnull=False, homes__isnull=False, application__isnull=True)),
            models.CheckConstraint(name="jm_case_subject", condition=~Q(kind="case_by_case") | Q(
                application__isnull=False, employer__isnull=True, homes__isnull=True)),
            models.CheckConstraint(name="jm_other_subject", condition=~Q(kind="other") | (~Q(subject="") & Q(
                application__isnull=True, employer__isnull=True, homes__isnull=True))),
            models.CheckConstraint(name="jm_correction_has_reason",
                                   condition=Q(supersedes__isnull=True) | ~Q(correction_reason="")),
        ]
        verbose_name = _("Joint Meeting decision")
        verbose_name_plural = _("Joint Meeting decisions")

    def __str__(self) -> str:
        return f"{self.minutes_number} ({self.meeting_date.isoformat()})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise DecisionRecordedError("A Joint Meeting decision is never changed; record one that supersedes it.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DecisionRecordedError("A Joint Meeting decision is never removed; record one that supersedes it.")
