from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def document_path(instance: "Document", filename: str) -> str:
    # The stored name never reuses the uploaded one: it may carry personal data.
    return f"documents/{instance.application.number}/{instance.kind}-{instance.uploaded_at:%Y%m%d%H%M%S%f}.{instance.extension}"


class Document(models.Model):
    """One material of the group's checklist (housing.cases.checklists), uploaded at intake or supplement."""

    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("material"), max_length=40)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["application_id", "kind", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.application_id}:{self.kind}"
