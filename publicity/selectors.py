"""Reads of public notices and objections for the staff pages, scoped like the applications they concern (R-X.2)."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from departments.permissions import can_view_application, sees_only_subsidies, visible_groups
from publicity.models import Inquiry, Objection, PublicNotice


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


def _scoped(qs: QuerySet, user, *, group_field: str, form_field: str) -> QuerySet:
    """The rows about applications (or notices) the user may see, as ``can_view_application`` answers (R-X.2)."""
    if sees_only_subsidies(user):
        # Finance reads the subsidy cases it pays; a general question names no case.
        return qs.filter(**{form_field: "subsidy"})
    groups = visible_groups(user)
    return qs if groups is None else qs.filter(**{f"{group_field}__in": groups})


def objections_visible_to(user, *, decided: bool | None = None) -> QuerySet[Objection]:
    """The objections about applications this user may see; open or decided ones only when asked."""
    qs = Objection.objects.select_related("application", "notice__round").order_by("-filed_at", "-id")
    if decided is not None:
        qs = qs.exclude(status=Objection.Status.OPEN) if decided else qs.filter(status=Objection.Status.OPEN)
    return _scoped(qs, user, group_field="application__group", form_field="application__form")


def inquiries_visible_to(user, *, answered: bool | None = None) -> QuerySet[Inquiry]:
    """The inquiries about notices of the groups this user may see: one naming an entry scoped like the entry,
    a general one like its notice."""
    qs = Inquiry.objects.select_related("application", "notice__round").order_by("-filed_at", "-id")
    if answered is not None:
        qs = qs.filter(answered_at__isnull=not answered)
    return _scoped(qs, user, group_field="notice__group", form_field="application__form")


def get_inquiry_for_user_or_404(user, receipt_number: str) -> Inquiry:
    """An inquiry outside the user's scope answers 404 like a missing one."""
    inquiry = inquiries_visible_to(user).filter(receipt_number=receipt_number).first()
    if inquiry is None:
        raise Http404("No such inquiry")
    return inquiry


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
