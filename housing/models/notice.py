from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantNotice(models.Model):
    """R-16.d: what the applicant is told, in plain words, after a step that concerns them.

    Written by a Celery task from one history entry; at most one per entry.
    """

    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE, related_name="notices")
    history = models.OneToOneField("housing.ApplicationHistory", on_delete=models.PROTECT, related_name="notice")
    message_zh = models.TextField()
    message_en = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application_id", "id"]
        verbose_name = _("notice to the applicant")
        verbose_name_plural = _("notices to applicants")
