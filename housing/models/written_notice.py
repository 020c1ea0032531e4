"""R-16.d: written notices to applicants (告知书), numbered and archived with the case (docs/decisions/0032).

A return for supplement, a refusal and a removal (at recheck, or after an upheld objection) each give the applicant a
written notice, issued in the same transaction as the step (housing.cases.written_notices). The notice keeps the text
it was issued with, in Chinese and in English, so the archived notice reads the same years later whatever becomes of
the translations, the catalogue of conditions or the application's record. Issued once, never changed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["WrittenNotice", "WrittenNoticeSequence"]


class ImmutableNotice(Exception):
    pass


class WrittenNoticeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableNotice("A written notice is never changed once issued (R-16.d).")

    def delete(self):
        raise ImmutableNotice("A written notice is never deleted (R-16.d, R-X.1).")


class WrittenNotice(models.Model):
    class Kind(models.TextChoices):
        RETURN = "return_for_supplement", _("Return for supplement")
        REFUSAL = "refusal", _("Refusal")
        REMOVAL = "removal", _("Removal")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # 龙华住保告〔2026〕0001号: one sequence a year for every written notice of the portal (housing.cases.written_notices).
    number = models.CharField(_("notice number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial"))
    issued_on = models.DateField(_("issued on"))  # the portal's date (Asia/Shanghai)
    issued_at = models.DateTimeField(_("issued at"))
    application = models.ForeignKey("housing.Application", verbose_name=_("application"), on_delete=models.PROTECT,
                                    related_name="written_notices")
    history = models.OneToOneField("housing.ApplicationHistory", verbose_name=_("history entry"),
                                   on_delete=models.PROTECT, related_name="written_notice")
    # The unit that took the step and issues the notice (departments.Unit.code).
    unit = models.CharField(_("issuing unit"), max_length=40)
    # As code cites them (R-ids); the snapshots cite them the way the measures do.
    articles = models.JSONField(_("articles"), default=list)
    # the day by which the supplement must be handed in (a return only).
    supplement_by = models.DateField(_("supplement by"), null=True, blank=True)
    # To whom it was addressed, as the record stood when issued; the ID number is printed masked only.
    addressee_name = models.CharField(_("addressee"), max_length=100)
    addressee_id_number = models.CharField(_("addressee's ID number"), max_length=18)
    # The whole text as issued, by language: heading, title, body, reasons, articles, deadline, how to ask for review.
    text_zh = models.JSONField(_("text (Chinese)"))
    text_en = models.JSONField(_("text (English)"))

    objects = WrittenNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("written notice")
        verbose_name_plural = _("written notices")
        constraints = [
            models.UniqueConstraint(fields=["year", "serial"], name="written_notice_serial_per_year"),
            models.CheckConstraint(
                condition=models.Q(kind="return_for_supplement", supplement_by__isnull=False)
                | (~models.Q(kind="return_for_supplement") & models.Q(supplement_by__isnull=True)),
                name="written_notice_deadline_iff_return",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableNotice("A written notice is never changed once issued (R-16.d).")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableNotice("A written notice is never deleted (R-16.d, R-X.1).")

    def text_in(self, language: str) -> dict:
        """The text as issued in ``language`` ("zh-hans" or "zh" for Chinese, anything else English)."""
        return self.text_zh if language.startswith("zh") else self.text_en


class WrittenNoticeSequence(models.Model):
    """The last serial given in a year; its row is locked while the next number is taken, so two notices issued at
    the same moment never share a number and no number is skipped."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_serial = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("written notice sequence")
        verbose_name_plural = _("written notice sequences")
