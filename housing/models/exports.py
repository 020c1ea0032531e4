"""R-6, R-38: exports of staff lists, built in the background when long, with their progress and who asked.

Every export of a staff list is one row here, whether it was answered at once or built by the worker: the row is
what the staff-action log points at, and the background file is downloadable by its requester only, until it
expires (docs/decisions/0037-exports.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__: list[str] = ["ExportJob"]


class ExportJob(models.Model):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    table = models.CharField(_("list"), max_length=40)  # a name of housing.exports.tables
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    # The list page's filters as submitted (name -> values), so the worker reads exactly what the page showed.
    params = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file_name = models.CharField(max_length=80, blank=True)  # below VAR_DIR/exports; empty once purged
    error = models.TextField(blank=True)
    background = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="export_job_owner"),
                   models.Index(fields=["status", "expires_at"], name="export_job_expiry")]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return f"{self.table}.{self.format} #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.rows_done * 100 // self.rows_total)
