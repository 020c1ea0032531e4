"""R-6, R-38, R-X.1: staff actions outside one application's history (plans, stock, batches, tenancies …).

Append-only (R-X.1): rows are written by housing.office.log.record_action inside the service's own
transaction, so an action that is rolled back leaves no row, and nothing in the product edits or deletes them.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from housing.models.history import AppendOnlyError, canonical_digest

CHAIN_LOCK = 0x0FF1CE  # PostgreSQL advisory lock, held by the transaction that appends to the chain


def staff_action_digest(row) -> str:
    """R-X.1: the hash of a staff action, over its content and the previous row's hash."""
    return canonical_digest({
        "seq": row.seq, "actor_id": row.actor_id, "actor_name": row.actor_name, "action": row.action,
        "article": row.article, "object_type": row.object_type, "object_id": row.object_id,
        "summary": row.summary, "data": row.data, "at": row.at.isoformat(), "prev": row.prev_hash,
    })


def chain_rows(rows, using: str) -> None:
    """Link new rows after the last one, in order. The caller is in a transaction; on PostgreSQL the advisory lock
    makes concurrent appends wait their turn (on SQLite every write does), so no two rows take the same place."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
    last = (OfficeAction._base_manager.using(using).filter(seq__isnull=False).order_by("-seq")
            .values("seq", "hash").first())
    seq, prev = (last["seq"], last["hash"]) if last else (0, "")
    for row in rows:
        seq += 1
        row.summary = str(row.summary)
        # as the database gives it back, so that the hash written is the hash recomputed later
        row.data = json.loads(json.dumps(row.data or {}, cls=DjangoJSONEncoder))
        row.seq, row.prev_hash = seq, prev
        row.hash = prev = staff_action_digest(row)


class OfficeActionQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db):
            chain_rows(objs, self.db)
            return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        raise AppendOnlyError("The staff-action log is append-only (R-X.1).")

    def delete(self):
        raise AppendOnlyError("The staff-action log is append-only (R-X.1).")


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
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    # R-X.1: one chain over the whole log, as the case history's (housing.office.log; docs/decisions/0042).
    seq = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    objects = OfficeActionQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="office_action_object")]
        verbose_name = _("staff action")
        verbose_name_plural = _("staff actions")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The staff-action log is append-only (R-X.1).")
        using = kwargs.get("using") or "default"
        with transaction.atomic(using=using):
            chain_rows([self], using)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The staff-action log is append-only (R-X.1).")
