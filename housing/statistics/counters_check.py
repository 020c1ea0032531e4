"""The statistics' monthly counters recounted from the history (docs/decisions/0036): the expected counts, the
differences with the kept ones (an integrity check, as ``find_broken_chains`` is for the history), and a rewrite
of the counters from the history when asked."""

import math

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Sum

from housing.cases.month_counters import STAGES_WITH_A_PERIOD, history_counts
from housing.models import (Application, ApplicationHistory, StageMonthCount, StageStayCount, SubsidyMonthCount,
                            SubsidyPayment)

# One pass each over the history's stage changes; PostgreSQL does the months (Asia/Shanghai) and the pairing of each
# entry into a stage with the next change (the stay ends when that change leaves the stage).
ENTRIES_SQL = """
SELECT a.round_id, a."group", a.form, h.to_stage, (date_trunc('month', h.at AT TIME ZONE %s))::date, COUNT(*)
FROM housing_applicationhistory h JOIN housing_application a ON a.id = h.application_id
WHERE h.to_stage <> '' AND h.to_stage <> h.from_stage
GROUP BY 1, 2, 3, 4, 5
"""
STAYS_SQL = """
SELECT a.round_id, a."group", a.form, t.stage, (date_trunc('month', t.left_at AT TIME ZONE %s))::date,
       GREATEST(CEIL(t.days), 0)::int, COUNT(*), SUM(t.days), MAX(t.days)
FROM (
    SELECT h.application_id, h.to_stage AS stage, LEAD(h.at) OVER w AS left_at,
           LEAD(h.from_stage) OVER w AS next_from,
           (EXTRACT(EPOCH FROM (LEAD(h.at) OVER w - h.at)) / 86400.0)::float8 AS days
    FROM housing_applicationhistory h
    WHERE h.to_stage <> '' AND h.to_stage <> h.from_stage
    WINDOW w AS (PARTITION BY h.application_id ORDER BY h.seq)
) t JOIN housing_application a ON a.id = t.application_id
WHERE t.stage = ANY(%s) AND t.next_from = t.stage
GROUP BY 1, 2, 3, 4, 5, 6
"""


def expected_counts() -> tuple[dict, dict]:
    """From the history: ({(round, group, form, stage, month): entered},
    {(round, group, form, stage, month_left, days_begun): (stays, total_days, longest_days)})."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(ENTRIES_SQL, [settings.TIME_ZONE])
            entries = {tuple(r[:5]): r[5] for r in cursor.fetchall()}
            cursor.execute(STAYS_SQL, [settings.TIME_ZONE, [str(s) for s in STAGES_WITH_A_PERIOD]])
            stays = {tuple(r[:6]): (r[6], r[7], r[8]) for r in cursor.fetchall()}
        return entries, stays
    return _expected_in_python()


def _expected_in_python() -> tuple[dict, dict]:
    keys = {a["id"]: (a["round_id"], a["group"], a["form"])
            for a in Application.objects.values("id", "round_id", "group", "form")}
    entries, stays = {}, {}

    def add(application_id, rows):
        e, s = history_counts(rows)
        base = keys[application_id]
        for (stage, month), n in e.items():
            entries[(*base, stage, month)] = entries.get((*base, stage, month), 0) + n
        for (stage, month, begun), (n, total, longest) in s.items():
            old = stays.get((*base, stage, month, begun), (0, 0.0, 0.0))
            stays[(*base, stage, month, begun)] = (old[0] + n, old[1] + total, max(old[2], longest))

    current, rows = None, []
    for application_id, from_stage, to_stage, at in (ApplicationHistory.objects.order_by("application_id", "seq")
                                                     .values_list("application_id", "from_stage", "to_stage", "at")
                                                     .iterator(chunk_size=5000)):
        if application_id != current and rows:
            add(current, rows)
            rows = []
        current = application_id
        rows.append((from_stage, to_stage, at))
    if rows:
        add(current, rows)
    return entries, stays


def stored_counts() -> tuple[dict, dict]:
    entries = {(r[0], r[1], r[2], r[3], r[4]): r[5] for r in StageMonthCount.objects.exclude(entered=0).values_list(
        "round_id", "group", "form", "stage", "month", "entered")}
    stays = {tuple(r[:6]): (r[6], r[7], r[8]) for r in StageStayCount.objects.exclude(stays=0).values_list(
        "round_id", "group", "form", "stage", "month_left", "days_begun", "stays", "total_days", "longest_days")}
    return entries, stays


def _same(kept: tuple, counted: tuple) -> bool:
    return kept[0] == counted[0] and math.isclose(kept[1], counted[1], rel_tol=1e-9, abs_tol=1e-6) and \
        math.isclose(kept[2], counted[2], rel_tol=1e-9, abs_tol=1e-6)


def differences() -> list[tuple[str, tuple, object, object]]:
    """(table, key, kept, counted from the history) for every counter that does not match; empty when intact."""
    (entries, stays), (kept_entries, kept_stays) = expected_counts(), stored_counts()
    found = []
    for key in sorted(set(entries) | set(kept_entries), key=str):
        if entries.get(key, 0) != kept_entries.get(key, 0):
            found.append(("entries", key, kept_entries.get(key, 0), entries.get(key, 0)))
    zero = (0, 0.0, 0.0)
    for key in sorted(set(stays) | set(kept_stays), key=str):
        if not _same(kept_stays.get(key, zero), stays.get(key, zero)):
            found.append(("stays", key, kept_stays.get(key, zero), stays.get(key, zero)))
    return found


def recount() -> tuple[int, int]:
    """Rewrite both counters from the history (after a bulk load, or to mend a difference found)."""
    entries, stays = expected_counts()
    with transaction.atomic():
        StageMonthCount.objects.all().delete()
        StageStayCount.objects.all().delete()
        StageMonthCount.objects.bulk_create(
            [StageMonthCount(round_id=k[0], group=k[1], form=k[2], stage=k[3], month=k[4], entered=n)
             for k, n in entries.items()], batch_size=2000)
        StageStayCount.objects.bulk_create(
            [StageStayCount(round_id=k[0], group=k[1], form=k[2], stage=k[3], month_left=k[4], days_begun=k[5],
                            stays=n, total_days=total, longest_days=longest)
             for k, (n, total, longest) in stays.items()], batch_size=2000)
    return len(entries), len(stays)


def expected_payments() -> dict:
    """From the payments: {(round, group, month): (payees, spend)}."""
    rows = (SubsidyPayment.objects.values_list("subsidy__application__round_id", "subsidy__application__group", "month")
            .order_by().annotate(n=Count("id"), spend=Sum("amount")))
    return {tuple(r[:3]): (r[3], r[4]) for r in rows}


def payment_differences() -> list[tuple[str, tuple, object, object]]:
    counted = expected_payments()
    kept = {tuple(r[:3]): (r[3], r[4]) for r in SubsidyMonthCount.objects.exclude(payees=0).values_list(
        "round_id", "group", "month", "payees", "spend")}
    return [("payments", key, kept.get(key, (0, 0)), counted.get(key, (0, 0)))
            for key in sorted(set(counted) | set(kept), key=str) if kept.get(key, (0, 0)) != counted.get(key, (0, 0))]


def recount_payments() -> int:
    counted = expected_payments()
    with transaction.atomic():
        SubsidyMonthCount.objects.all().delete()
        SubsidyMonthCount.objects.bulk_create(
            [SubsidyMonthCount(round_id=k[0], group=k[1], month=k[2], payees=n, spend=spend)
             for k, (n, spend) in counted.items()], batch_size=2000)
    return len(counted)
