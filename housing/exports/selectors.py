"""The exports a staff member asked for: only their own (R-6, R-38)."""

from django.db.models import QuerySet

from housing.models import ExportJob

SHOWN = 30


def exports_of(user) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-id")[:SHOWN]
