"""R-6, R-38, R-X.1: staff actions outside one application's history (plans, stock, batches, tenancies …).

Append-only: rows are written by housing.office.log.record_action inside the service's own
transaction, so an action that is rolled back leaves no row, and nothing in the product edits or deletes them.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeAction(models.Model):
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                              blank=True)  # None: a scheduled job
    actor_name = models.CharField(_("by"), max_length=150)
    action = models.CharField(_("action"), max_length=60)
    article = models.CharField(_("article"), max_length=60, blank=True)
    object_type = models.CharField(_("record type"), max_length=40)
    object_id = models.CharField(_("record"), max_length=40)
    summary = models.TextField(_("summary"))
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="office_action_object")]
        verbose_name = _("staff action")
        verbose_name_plural = _("staff actions")
