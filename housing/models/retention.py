"""R-X.2: the retention schedule and the record of what was purged.

``RetentionRule`` is one category of personal data and how long it is kept after the case or the exchange it
belongs to is closed (the defaults, and why each was chosen, are in housing.retention.rules and
docs/decisions/0043-retention.md). ``PurgedApplication`` marks a closed application whose documents and ID numbers
were purged; ``PurgeRecord`` says, per nightly run and category, how much was purged under which rule, and
carries no personal data (R-6, R-38: readable by discipline inspection and the CCB's head).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__: list[str] = ["RetentionRule", "PurgedApplication", "PurgeRecord"]


class RetentionCategory(models.TextChoices):
    CLOSED_CASE_FILES = "closed_case_files", _(
        "Documents and full ID numbers of refused, withdrawn and removed applications")
    OBJECTOR_CONTACTS = "objector_contacts", _("Objectors' contacts")
    INQUIRY_CONTACTS = "inquiry_contacts", _("Contacts of those who asked about a notice")
    MESSAGE_RECIPIENTS = "message_recipients", _("Recipients and texts of messages sent")


class RetentionRule(models.Model):
    """How many months a category is kept after its closing day; a category without a row keeps its default."""

    Category = RetentionCategory

    category = models.CharField(_("category"), max_length=30, choices=RetentionCategory.choices, unique=True)
    months = models.PositiveSmallIntegerField(_("months kept after closing"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["category"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return f"{self.category}: {self.months}"


class PurgedApplication(models.Model):
    """A closed application whose document files were deleted and whose members' ID numbers were replaced by a
    keyed hash; its rows, stages and history stay (R-X.2, R-6)."""

    application = models.OneToOneField("housing.Application", on_delete=models.CASCADE, related_name="purge")
    purged_on = models.DateField(_("purged on"))
    documents = models.PositiveIntegerField(_("document files deleted"))
    members = models.PositiveIntegerField(_("ID numbers replaced"))

    class Meta:
        verbose_name = _("purged application")
        verbose_name_plural = _("purged applications")


class PurgeRecord(models.Model):
    """What one run purged in one category: counts, the closing days it reached and the rule in force."""

    run_on = models.DateField(_("run on"))
    category = models.CharField(_("category"), max_length=30, choices=RetentionCategory.choices)
    months = models.PositiveSmallIntegerField(_("months kept after closing"))
    closed_before = models.DateField(_("closed before"))
    items = models.PositiveIntegerField(_("records purged"))
    files = models.PositiveIntegerField(_("files deleted"), default=0)
    first_closed_on = models.DateField(_("earliest closing day"), null=True, blank=True)
    last_closed_on = models.DateField(_("latest closing day"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "category"]
        verbose_name = _("purge record")
        verbose_name_plural = _("purge records")
        indexes = [models.Index(fields=["-created_at"], name="purge_record_recent")]
