"""Reads of public notices and objections for the staff pages, scoped like the applications they concern (R-X.2)."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from departments.permissions import can_view_application, sees_only_subsidies, visible_groups
from publicity.models import Objection, PublicNotice


def notices_of_round(user, round) -> QuerySet[PublicNotice]:
    """The round's public notices with their entry and open-objection counts (one query)."""
    qs = (
        PublicNotice.objects.filter(round=round)
        .select_related("published_by", "announced_by")
        .annotate(
            entry_count=Count("entries", distinct=True),
            open_objections=Count("objections", filter=Q(objections__status=Objection.Status.OPEN), distinct=True),
        )
        .order_by("-published_at")
    )
    groups = visible_groups(user)
    if groups is not None and not sees_only_subsidies(user):
        qs = qs.filter(group__in=groups)
    return qs


def get_notice_or_404(pk: int) -> PublicNotice:
    try:
        return PublicNotice.objects.select_related("round").get(pk=pk)
    except PublicNotice.DoesNotExist:
        raise Http404("No such notice")


def get_objection_for_user_or_404(user, receipt_number: str) -> Objection:
    """An objection about an application outside the user's scope answers 404 like a missing one."""
    objection = (
        Objection.objects.select_related("application__round", "application__employer", "notice")
        .filter(receipt_number=receipt_number)
        .first()
    )
    if objection is None or not can_view_application(user, objection.application):
        raise Http404("No such objection")
    return objection
