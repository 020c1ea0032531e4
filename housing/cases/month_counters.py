"""The statistics' monthly counters (docs/decisions/0036), kept in the same transaction as the history row they
count, as the stage counts are kept with the stage (docs/decisions/0004):

- ``StageMonthCount``: a history row whose stage changed is an entry into its ``to_stage``, counted in the month
  (Asia/Shanghai) of its time;
- ``StageStayCount``: a row leaving a stage that has a period (SPEC §13) ends a stay that began with the latest row
  entering that stage; counted in the month the stay ended, by the days it began.

``housing.statistics.counters_check`` recounts both from the history and reports any difference."""

import datetime
import math
from collections import defaultdict

from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from housing.models import Application, ApplicationHistory, StageMonthCount, StageStayCount, SubsidyMonthCount
from housing.stages import Stage

# SPEC §13: the stages the policy gives a period (notice_days, announcement_days, sign_within_days).
STAGES_WITH_A_PERIOD = (Stage.PUBLIC_NOTICE, Stage.ANNOUNCED, Stage.UNIT_SELECTED)


def month_of(at: datetime.datetime) -> datetime.date:
    return timezone.localtime(at).date().replace(day=1)


def stay_days(entered_at: datetime.datetime, left_at: datetime.datetime) -> float:
    return (left_at - entered_at).total_seconds() / 86400.0


def days_begun(days: float) -> int:
    """7.0 days have begun 7 days, 7.01 days 8: longer than a period of N days exactly when more than N began."""
    return max(math.ceil(days), 0)


def is_entry(from_stage: str, to_stage: str) -> bool:
    return bool(to_stage) and to_stage != from_stage


def _bump_entries(key: dict, n: int) -> None:
    if not StageMonthCount.objects.filter(**key).update(entered=F("entered") + n):
        row, _ = StageMonthCount.objects.get_or_create(**key)
        StageMonthCount.objects.filter(pk=row.pk).update(entered=F("entered") + n)


def _bump_stays(key: dict, *, n: int, total: float, longest: float) -> None:
    change = {"stays": F("stays") + n, "total_days": F("total_days") + total,
              "longest_days": Greatest(F("longest_days"), longest)}
    if not StageStayCount.objects.filter(**key).update(**change):
        row, _ = StageStayCount.objects.get_or_create(**key)
        StageStayCount.objects.filter(pk=row.pk).update(**change)


def _key(application: Application, stage: str) -> dict:
    return {"round_id": application.round_id, "group": application.group, "form": application.form, "stage": stage}


def _entered_at(application_id: int, stage: str, before_seq: int) -> datetime.datetime | None:
    """When the stay in ``stage`` began: the time of the last stage change before, if it entered that stage."""
    last = (ApplicationHistory.objects.filter(application_id=application_id, seq__lt=before_seq)
            .exclude(to_stage="").exclude(to_stage=F("from_stage")).order_by("-seq")
            .values_list("to_stage", "at").first())
    return last[1] if last and last[0] == stage else None


def count_row(application: Application, row: ApplicationHistory) -> None:
    """Count one history row just appended (housing.cases.history.append_history)."""
    if not is_entry(row.from_stage, row.to_stage):
        return
    _bump_entries({**_key(application, row.to_stage), "month": month_of(row.at)}, 1)
    if row.from_stage in STAGES_WITH_A_PERIOD:
        entered_at = _entered_at(application.pk, row.from_stage, row.seq)
        if entered_at is not None:
            days = stay_days(entered_at, row.at)
            _bump_stays({**_key(application, row.from_stage), "month_left": month_of(row.at),
                         "days_begun": days_begun(days)}, n=1, total=days, longest=days)


def count_first_rows(applications: list[Application], rows: list[ApplicationHistory]) -> None:
    """``count_row`` of the intake rows of many new applications (an employer's roster): one bump per key."""
    keys: dict[tuple, int] = defaultdict(int)
    for application, row in zip(applications, rows, strict=True):
        if is_entry(row.from_stage, row.to_stage):
            keys[(application.round_id, application.group, application.form, row.to_stage, month_of(row.at))] += 1
    for (round_id, group, form, stage, month), n in keys.items():
        _bump_entries({"round_id": round_id, "group": group, "form": form, "stage": stage, "month": month}, n)


def history_counts(rows) -> tuple[dict, dict]:
    """Entries and stays of one application's history rows (in seq order): ({(stage, month): n},
    {(stage, month_left, days_begun): [n, total, longest]})."""
    entries: dict[tuple, int] = defaultdict(int)
    stays: dict[tuple, list] = {}
    entered: dict[str, datetime.datetime] = {}
    for from_stage, to_stage, at in rows:
        if not is_entry(from_stage, to_stage):
            continue
        entries[(to_stage, month_of(at))] += 1
        if from_stage in entered:
            days = stay_days(entered.pop(from_stage), at)
            stay = stays.setdefault((from_stage, month_of(at), days_begun(days)), [0, 0.0, 0.0])
            stay[0] += 1
            stay[1] += days
            stay[2] = max(stay[2], days)
        entered.clear()
        if to_stage in STAGES_WITH_A_PERIOD:
            entered[to_stage] = at
    return entries, stays


def count_moved_round(application: Application, *, from_round_id: int) -> None:
    """The application moved to another round (carried over, R-16.3): its entries and stays count in its new round,
    as the statistics filtered by round read the history of the round's applications. The longest stay of the old
    round's month is kept (a maximum cannot be taken back); the recount sets it exactly."""
    rows = (ApplicationHistory.objects.filter(application_id=application.pk).order_by("seq")
            .values_list("from_stage", "to_stage", "at"))
    entries, stays = history_counts(rows)
    old = Application(round_id=from_round_id, group=application.group, form=application.form)
    for (stage, month), n in entries.items():
        _bump_entries({**_key(old, stage), "month": month}, -n)
        _bump_entries({**_key(application, stage), "month": month}, n)
    for (stage, month, begun), (n, total, longest) in stays.items():
        _bump_stays({**_key(old, stage), "month_left": month, "days_begun": begun}, n=-n, total=-total, longest=0)
        _bump_stays({**_key(application, stage), "month_left": month, "days_begun": begun}, n=n, total=total,
                    longest=longest)


def count_payments(payments, *, sign: int = 1) -> None:
    """Subsidy payments added to a batch (``sign`` 1) or taken out of it (-1): one bump per round, group and month.
    Each payment's subsidy and application are already read by the caller."""
    keys: dict[tuple, list] = {}
    for p in payments:
        application = p.subsidy.application
        kept = keys.setdefault((application.round_id, application.group, p.month), [0, 0])
        kept[0] += sign
        kept[1] += sign * p.amount
    for (round_id, group, month), (n, amount) in keys.items():
        key = {"round_id": round_id, "group": group, "month": month}
        change = {"payees": F("payees") + n, "spend": F("spend") + amount}
        if not SubsidyMonthCount.objects.filter(**key).update(**change):
            row, _ = SubsidyMonthCount.objects.get_or_create(**key)
            SubsidyMonthCount.objects.filter(pk=row.pk).update(**change)
