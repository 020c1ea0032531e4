"""Applications: per stage and group, entries per month, time in the stages that have a period, waiting lists
(R-16, SPEC §5, §13)."""

import datetime

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from housing.groups import Form
from housing.models import AllocationRound, Application, StageCount, StageMonthCount, StageStayCount
from housing.policy import policy_or_defaults
from housing.stages import Stage
from housing.statistics.scope import Filters, Scope, groups_shown

# "Announced, not yet housed": on the list, with or without a selection notice or a chosen home.
WAITING = (Stage.ANNOUNCED, Stage.SELECTION, Stage.UNIT_SELECTED)


def round_ids(filters: Filters) -> list[int]:
    """The round chosen, else the rounds of the year."""
    if filters.round_id:
        return [filters.round_id]
    return list(AllocationRound.objects.filter(year=filters.year).values_list("pk", flat=True))


def _scoped_counts(scope: Scope, filters: Filters):
    qs = StageCount.objects.exclude(count=0)
    groups = groups_shown(scope, filters)
    return qs if groups is None else qs.filter(group__in=groups)


def stage_counts(scope: Scope, filters: Filters) -> dict[tuple[str, str], int]:
    """(stage, group) -> applications of the round (or the year's rounds), from the maintained stage counts."""
    rows = (_scoped_counts(scope, filters).filter(round_id__in=round_ids(filters))
            .values("stage", "group").order_by().annotate(n=Sum("count")))
    return {(r["stage"], r["group"]): r["n"] for r in rows}


def waiting_lists(scope: Scope, filters: Filters) -> dict[tuple[str, str], int]:
    """(group, stage) -> households announced and not yet housed (a home's forms only), of every round unless one
    is chosen."""
    qs = _scoped_counts(scope, filters).filter(stage__in=WAITING).exclude(form=Form.SUBSIDY)
    if filters.round_id:
        qs = qs.filter(round_id=filters.round_id)
    rows = qs.values("group", "stage").order_by().annotate(n=Sum("count"))
    return {(r["group"], r["stage"]): r["n"] for r in rows}


def _scoped_counters(model, scope: Scope, filters: Filters):
    qs = model.objects.all()
    groups = groups_shown(scope, filters)
    if groups is not None:
        qs = qs.filter(group__in=groups)
    if filters.round_id:
        qs = qs.filter(round_id=filters.round_id)
    return qs


def _months(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def entries_by_month(scope: Scope, filters: Filters) -> dict[tuple[str, str], int]:
    """(YYYY-MM, stage) -> how many applications entered the stage that month (Asia/Shanghai): the history's rows
    that changed the stage, as counted with each step (housing.cases.month_counters); a row that left the stage as
    it was (a note, a document) is no entry."""
    first, after = _months(filters.year)
    rows = (_scoped_counters(StageMonthCount, scope, filters).filter(month__gte=first, month__lt=after)
            .values("month", "stage").order_by().annotate(n=Sum("entered")))
    return {(_month_key(r["month"]), r["stage"]): r["n"] for r in rows if r["n"]}


def _month_key(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year:04d}-{value.month:02d}"


def stage_periods(today: datetime.date) -> dict[str, tuple[int, str]]:
    """The stages the portal gives a period, with its days and article, from the policy in force
    (SPEC §13: notice_days, announcement_days, sign_within_days)."""
    policy = policy_or_defaults(today)
    return {
        Stage.PUBLIC_NOTICE: (policy.notice_days, "R-16.6"),
        Stage.ANNOUNCED: (policy.announcement_days, "R-16.7"),
        Stage.UNIT_SELECTED: (policy.sign_within_days, "R-16.8c"),
    }


def stage_stays(scope: Scope, filters: Filters, today: datetime.date) -> dict[str, dict]:
    """Per stage with a period: the stays that ended in the year (how many, mean and longest days, how many longer
    than the period) and the applications in it now (how many, how many past the period).

    The ended stays are counted with each step that leaves the stage (housing.cases.month_counters), by the month
    they ended and the days they began, so the period in force today decides which were longer."""
    periods = stage_periods(today)
    stages = list(periods)
    groups = groups_shown(scope, filters)
    first, after = _months(filters.year)
    rows = (_scoped_counters(StageStayCount, scope, filters)
            .filter(stage__in=stages, month_left__gte=first, month_left__lt=after)
            .values("stage", "days_begun").order_by()
            .annotate(n=Sum("stays"), total=Sum("total_days"), longest=Max("longest_days")))
    out = {s: {"ended": 0, "mean_days": None, "longest_days": None, "over": 0, "now": 0, "now_over": 0}
           for s in stages}
    sums = {s: [0, 0.0, None, 0] for s in stages}
    for r in rows:
        if not r["n"]:
            continue
        kept = sums[r["stage"]]
        kept[0] += r["n"]
        kept[1] += r["total"]
        kept[2] = r["longest"] if kept[2] is None else max(kept[2], r["longest"])
        if r["days_begun"] > periods[r["stage"]][0]:
            kept[3] += r["n"]
    for stage, (n, total, longest, over) in sums.items():
        if n:
            out[stage].update(ended=n, mean_days=round(total / n, 1), longest_days=round(longest, 1), over=over)
    now = timezone.now()
    current = Application.objects.filter(stage__in=stages)
    if groups is not None:
        current = current.filter(group__in=groups)
    if filters.round_id:
        current = current.filter(round_id=filters.round_id)
    past = Q()
    for stage in stages:
        past |= Q(stage=stage, stage_changed_at__lt=now - datetime.timedelta(days=periods[stage][0]))
    # Counting a column of the index (stage, stage_changed_at): an index-only scan, no row read (migration 0024).
    for row in current.values("stage").order_by().annotate(n=Count("stage"), over=Count("stage", filter=past)):
        out[row["stage"]].update(now=row["n"], now_over=row["over"])
    return out
