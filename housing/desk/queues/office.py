"""Records outside one application that await a role (docs/decisions/0046): the month's subsidy batch for Finance's
reviewer and head (R-8.2), the supply plan for the Joint Meeting (R-5, R-15.4), verification requests for the
agency (R-14), flagged sets for the CCB's head (R-3.2), employers' rosters for the talent unit (R-16.2), and the
units that missed the demand deadline for discipline inspection (R-15.2).

Each reads through the chapter's own selectors or models and asks ``may_do`` (departments.permissions) who holds the
duty, so a queue shows exactly what its reader may act on. One or two queries per section.
"""

import datetime

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.permissions import is_read_only, may_do
from housing.desk.queues.rows import QueueRow, QueueSection, section_of
from housing.models import FlaggedSet, Roster, SubsidyBatch, SupplyPlan
from housing.plan.selectors import deadline_misses
from housing.rosters.selectors import rosters_visible_to
from housing.verification.selectors import requests_for_agency

NO_PERIOD = _("The measures set no period for this step.")


def _day(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def _section(key, title, qs, make_row, *, more_url=None, period_note=NO_PERIOD) -> QueueSection | None:
    return section_of(key, title, qs, make_row, more_url=more_url, period_note=period_note)


def _month(batch: SubsidyBatch) -> str:
    return f"{batch.month:%Y-%m}"


def _batch_detail(batch) -> str:
    return _("%(count)s payments, %(total)s yuan") % {"count": batch.count, "total": f"{batch.total or 0:,.2f}"}


def subsidy_batches(user, today: datetime.date) -> list[QueueSection]:
    """R-8.2: a prepared batch awaits a Finance reviewer who did not prepare it; a reviewed one a Finance head who
    neither prepared nor reviewed it; an approved one its export to the bank."""
    wanted = []
    if may_do(user, "review_subsidy_batch"):
        wanted.append(("batches-review", _("Subsidy batches to review"), SubsidyBatch.Status.PREPARED,
                       "prepared_at", _("Review the subsidy batch")))
    if may_do(user, "approve_subsidy_batch"):
        wanted.append(("batches-approve", _("Subsidy batches to approve"), SubsidyBatch.Status.REVIEWED,
                       "reviewed_at", _("Approve the subsidy batch")))
    if may_do(user, "export_subsidy_batch"):
        wanted.append(("batches-export", _("Approved subsidy batches to send to the bank"),
                       SubsidyBatch.Status.APPROVED, "approved_at", _("Export the batch to the bank")))
    sections = []
    for key, title, status, since, what in wanted:
        qs = (SubsidyBatch.objects.filter(status=status)
              .annotate(count=Count("payments"), total=Sum("payments__amount")).order_by("month", "id"))
        if status == SubsidyBatch.Status.PREPARED:
            qs = qs.exclude(prepared_by=user)
        elif status == SubsidyBatch.Status.REVIEWED:
            qs = qs.exclude(prepared_by=user).exclude(reviewed_by=user)
        section = _section(key, title, qs, lambda b, what=what, since=since: QueueRow(
            what=what, reference=_month(b), detail=_batch_detail(b),
            url=reverse("housing:subsidy_batch_detail", args=[_month(b)]),
            arrived_on=_day(getattr(b, since) or b.prepared_at), today=today),
            more_url=reverse("housing:subsidy_batch_list"))
        if section:
            sections.append(section)
    return sections


def supply_plans(user, today: datetime.date) -> list[QueueSection]:
    """R-15.4: a drafted plan awaits the Joint Meeting's confirmation; a confirmed one the record of the
    Management Committee's approval (the Joint Meeting's accounts, or a CCB head for its secretariat, R-5)."""
    wanted = []
    if may_do(user, "confirm_supply_plan"):
        wanted.append((SupplyPlan.Status.DRAFT, "drafted_at", _("Confirm the supply plan")))
    if may_do(user, "record_plan_approval"):
        wanted.append((SupplyPlan.Status.CONFIRMED, "confirmed_on",
                       _("Record the Management Committee's approval")))
    if not wanted:
        return []
    statuses = [w[0] for w in wanted]
    what = {w[0]: (w[1], w[2]) for w in wanted}
    qs = SupplyPlan.objects.filter(status__in=statuses).order_by("year", "id")
    section = _section("plans", _("Supply plans awaiting the Joint Meeting"), qs, lambda p: QueueRow(
        what=what[p.status][1], reference=str(p), detail=p.get_status_display(),
        url=reverse("housing:plan_detail", args=[p.year]),
        arrived_on=_day(getattr(p, what[p.status][0]) or p.drafted_at), today=today),
        more_url=reverse("housing:plan_list"))
    return [section] if section else []


def verification_requests(user, today: datetime.date) -> list[QueueSection]:
    """R-14: the agency's unanswered requests, by deadline (10 days from the request, housing.verification)."""
    qs = requests_for_agency(user).filter(answered_at__isnull=True).order_by("due_on", "id")
    section = _section("verification", _("Verification requests to answer"), qs, lambda r: QueueRow(
        what=_("Answer the verification request"), reference=r.application.number,
        url=reverse("housing:verification_request", args=[r.pk]), arrived_on=_day(r.opened_at), today=today,
        deadline=r.due_on), more_url=reverse("housing:verification_queue"),
        period_note=_("Each agency answers within the days the request gives it."))
    return [section] if section else []


def flagged_sets(user, today: datetime.date) -> list[QueueSection]:
    """R-3.2: one household, one guarantee: an open flagged set awaits a head of the CCB."""
    if not may_do(user, "resolve_flagged_set"):
        return []
    qs = (FlaggedSet.objects.filter(status=FlaggedSet.Status.OPEN).prefetch_related("applications")
          .order_by("found_on", "pk"))
    section = _section("flagged", _("Flagged sets to decide (one household, one guarantee)"), qs, lambda s: QueueRow(
        what=_("Decide which guarantee stands"), reference=" · ".join(sorted(a.number for a in s.applications.all())),
        url=reverse("housing:flagged_set_resolve", args=[s.pk]), arrived_on=s.found_on, today=today),
        more_url=reverse("housing:flagged_set_list"))
    return [section] if section else []


def rosters(user, today: datetime.date) -> list[QueueSection]:
    """R-16.2: an employer's submitted roster awaits its talent unit."""
    if not may_do(user, "manage_employer_rosters"):
        return []
    qs = rosters_visible_to(user).filter(status=Roster.Status.SUBMITTED).order_by("submitted_at", "id")
    section = _section("rosters", _("Employers' rosters to accept or return"), qs, lambda r: QueueRow(
        what=_("Accept or return the roster"), reference=r.number, detail=r.employer.name,
        url=reverse("housing:roster_detail", args=[r.number]), arrived_on=_day(r.submitted_at), today=today),
        more_url=reverse("housing:roster_list"))
    return [section] if section else []


def demand_deadline_misses(user, today: datetime.date) -> list[QueueSection]:
    """R-15.2: the units flagged for missing the demand deadline, which discipline inspection pursues."""
    if not is_read_only(user):
        return []
    qs = deadline_misses().order_by("-year", "flagged_at", "id")
    section = _section("misses", _("Units that missed the demand deadline"), qs, lambda m: QueueRow(
        what=_("Missed the demand deadline"), reference=str(m.unit), detail=str(m.year),
        url=reverse("housing:demand_misses"), arrived_on=_day(m.flagged_at), today=today, deadline=m.deadline),
        more_url=reverse("housing:demand_misses"), period_note="")
    return [section] if section else []


def office_sections(user, today: datetime.date) -> list[QueueSection]:
    sections = []
    for read in (subsidy_batches, supply_plans, verification_requests, flagged_sets, rosters,
                 demand_deadline_misses):
        sections.extend(read(user, today))
    return sections
