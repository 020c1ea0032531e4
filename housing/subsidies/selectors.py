"""Reads for the subsidy and register pages (R-8.2, R-35): scoped by area, with their joins fixed once."""

import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.http import Http404
from django.utils import timezone

from departments.permissions import can_read_area
from housing.models import Subsidy, SubsidyBatch
from housing.rules.subsidy import first_of_month, stopped_in


def _need(user, area: str) -> None:
    if not can_read_area(user, area):
        raise Http404("No such page")


def subsidies_for_list(user):
    _need(user, "subsidies")
    month = first_of_month(timezone.localdate())
    rows = list(Subsidy.objects.select_related("application").prefetch_related("changes")
                .order_by("application__number"))
    for s in rows:
        changes = [(c.kind, c.from_month) for c in sorted(s.changes.all(), key=lambda c: (c.recorded_at, c.pk))]
        s.stopped_now = stopped_in(month, changes)
        s.started = s.start_month <= month
    return rows


def get_subsidy_or_404(user, pk: int) -> Subsidy:
    _need(user, "subsidies")
    try:
        return (Subsidy.objects.select_related("application").prefetch_related("changes__recorded_by")
                .get(pk=pk))
    except Subsidy.DoesNotExist:
        raise Http404("No such subsidy")


def payments_taken_out_by_stop(subsidy: Subsidy, from_month: datetime.date):
    """R-32, R-8.2: the subsidy's payments of ``from_month`` or later still in a prepared (unreviewed) batch, which a
    stop from that month takes out; by month. The stop and its confirmation read them here, the same way."""
    return (subsidy.payments.filter(month__gte=from_month, batch__status=SubsidyBatch.Status.PREPARED)
            .select_related("batch").order_by("month"))


def batches_for_list(user):
    _need(user, "subsidies")
    return SubsidyBatch.objects.annotate(count=Count("payments"), total=Sum("payments__amount")).order_by("-month")


def get_batch_or_404(user, month: str) -> SubsidyBatch:
    _need(user, "subsidies")
    try:
        day = datetime.datetime.strptime(month, "%Y-%m").date()
        return SubsidyBatch.objects.select_related("prepared_by", "reviewed_by", "approved_by").get(month=day)
    except (ValueError, SubsidyBatch.DoesNotExist):
        raise Http404("No such batch")


def batch_payments(batch: SubsidyBatch):
    return batch.payments.select_related("subsidy__application").order_by("subsidy__application__number")


def batch_payment_list(batch: SubsidyBatch) -> dict:
    """The printed payment list of a batch (R-8.2): its payments, their number and the total."""
    payments = list(batch_payments(batch))
    return {"payments": payments, "count": len(payments),
            "total": sum((p.amount for p in payments), Decimal("0.00"))}
