"""Applications: per stage and group, entries per month, time in the stages that have a period, waiting lists
(R-16, SPEC §5, §13)."""

import datetime
import zoneinfo

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from housing.groups import Form
from housing.models import AllocationRound, Application, ApplicationHistory, StageCount
from housing.policy import policy_or_defaults
from housing.stages import Stage
from housing.statistics.scope import Filters, Scope, groups_shown, year_bounds

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


def _scoped_history(scope: Scope, filters: Filters):
    qs = ApplicationHistory.objects.all()
    groups = groups_shown(scope, filters)
    if groups is not None:
        qs = qs.filter(application__group__in=groups)
    if filters.round_id:
        qs = qs.filter(application__round_id=filters.round_id)
    return qs


def entries_by_month(scope: Scope, filters: Filters) -> dict[tuple[str, str], int]:
    """(YYYY-MM, stage) -> how many applications entered the stage that month (Asia/Shanghai), from the history's
    timestamps; a row that left the stage as it was (a note, a document) is no entry."""
    start, end = year_bounds(filters.year)
    rows = (_scoped_history(scope, filters).filter(at__gte=start, at__lt=end).exclude(to_stage="")
            .exclude(to_stage=F("from_stage"))
            .annotate(month=TruncMonth("at", tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)))
            .values("month", "to_stage").order_by().annotate(n=Count("id")))
    return {(_month_key(r["month"]), r["to_stage"]): r["n"] for r in rows}


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


def _days_sql(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"
    return f"(julianday({later}) - julianday({earlier}))"


def stage_stays(scope: Scope, filters: Filters, today: datetime.date) -> dict[str, dict]:
    """Per stage with a period: the stays that ended in the year (how many, mean and longest days, how many longer
    than the period) and the applications in it now (how many, how many past the period).

    The ended stays pair each entry into the stage with the next stage change of the same application (one window
    over the history rows that enter or leave these stages; the database does the pairing)."""
    periods = stage_periods(today)
    stages = list(periods)
    start, end = year_bounds(filters.year)
    marks = ", ".join(["%s"] * len(stages))
    where, params = [f"(h.to_stage IN ({marks}) OR h.from_stage IN ({marks}))", "h.to_stage <> h.from_stage"], \
        [*stages, *stages]
    groups = groups_shown(scope, filters)
    if groups is not None:
        where.append(f'a."group" IN ({", ".join(["%s"] * len(groups))})')
        params += groups
    if filters.round_id:
        where.append("a.round_id = %s")
        params.append(filters.round_id)
    period_case = "CASE t.stage " + " ".join("WHEN %s THEN %s" for _ in stages) + " END"
    period_params = [v for s in stages for v in (s, periods[s][0])]
    days = _days_sql("t.left_at", "t.entered_at")
    history, application = ApplicationHistory._meta.db_table, Application._meta.db_table
    sql = f"""
        SELECT t.stage, COUNT(*), AVG({days}), MAX({days}), SUM(CASE WHEN {days} > {period_case} THEN 1 ELSE 0 END)
        FROM (
            SELECT h.to_stage AS stage, h.at AS entered_at,
                   LEAD(h.at) OVER (PARTITION BY h.application_id ORDER BY h.seq) AS left_at
            FROM {history} h JOIN {application} a ON a.id = h.application_id
            WHERE {" AND ".join(where)}
        ) t
        WHERE t.stage IN ({marks}) AND t.left_at >= %s AND t.left_at < %s
        GROUP BY t.stage"""
    out = {s: {"ended": 0, "mean_days": None, "longest_days": None, "over": 0, "now": 0, "now_over": 0}
           for s in stages}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*period_params, *params, *stages, start, end])
        for stage, n, mean, longest, over in cursor.fetchall():
            out[stage].update(ended=n, mean_days=round(float(mean), 1), longest_days=round(float(longest), 1),
                              over=int(over or 0))
    now = timezone.now()
    current = Application.objects.filter(stage__in=stages)
    if groups is not None:
        current = current.filter(group__in=groups)
    if filters.round_id:
        current = current.filter(round_id=filters.round_id)
    past = Q()
    for stage in stages:
        past |= Q(stage=stage, stage_changed_at__lt=now - datetime.timedelta(days=periods[stage][0]))
    for row in current.values("stage").order_by().annotate(n=Count("id"), over=Count("id", filter=past)):
        out[row["stage"]].update(now=row["n"], now_over=row["over"])
    return out
