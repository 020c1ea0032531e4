"""The append-only history of every application (R-16.c, R-38, R-X.1).

Rows are never updated or deleted through the product; each row carries the
SHA-256 of its content and of the previous row of the same application, so a
row changed or removed behind the product's back breaks the chain
(housing.cases.history.verify_chain).
"""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


def canonical_digest(content: dict) -> str:
    """SHA-256 of ``content`` as canonical JSON: the hash of every chained record (R-X.1): each application's
    history (housing.cases.history) and the staff-action log (housing.models.office_log)."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The application history is append-only (R-X.1).")

    def delete(self):
        raise AppendOnlyError("The application history is append-only (R-X.1).")


class ApplicationHistory(models.Model):
    application = models.ForeignKey("housing.Application", on_delete=models.PROTECT, related_name="history")
    seq = models.PositiveIntegerField(_("sequence"))
    event = models.CharField(_("event"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Snapshots: the account or its unit may change later; the record must not.
    actor_name = models.CharField(_("by"), max_length=150)
    actor_unit = models.CharField(_("unit"), max_length=40, blank=True)
    at = models.DateTimeField(_("at"))
    from_stage = models.CharField(_("from"), max_length=30, blank=True)
    to_stage = models.CharField(_("to"), max_length=30, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    articles = models.JSONField(_("articles"), default=list, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["application_id", "seq"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        constraints = [models.UniqueConstraint(fields=["application", "seq"], name="uniq_history_seq")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The application history is append-only (R-X.1).")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The application history is append-only (R-X.1).")
