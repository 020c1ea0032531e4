"""The applications awaiting a step this person takes (SPEC §2, §5; R-16.c): the longest waiting first, each with
the days since it reached its stage and, where the policy gives the stage a period, the day the period ends.

Which steps: ``steps_awaiting`` answers from the user's unit AND roles (a CCB reviewer gets substantive review, not
the clerk's formal review). Objections are listed by themselves (housing.desk.queues.publicity), so the frozen
stage is left out here; recording an objection and withdrawing are possible but never awaited.
"""

import datetime

from django.db import connections
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from housing.cases.selectors import applications_visible_to, stage_counts_visible_to, steps_awaiting
from housing.desk.forms.steps import STEP_LABELS
from housing.desk.queues.rows import SHOWN, QueueRow, QueueSection
from housing.groups import SHORT_CODE, Group
from housing.stages import Stage
from housing.statistics.selectors.cases import stage_periods

NOT_AWAITED = {"freeze_for_objection", "dismiss_objection", "uphold_objection"}

# What the work is called where a stage is worked on its own page; other stages take their first step's name.
WORK_OF_STAGE = {
    Stage.SUBMITTED: _("Formal review"),
    Stage.SUBSTANTIVE_REVIEW: _("Substantive review"),
    Stage.ELIGIBLE: _("Ranking and the proposed list"),
    Stage.PROPOSED: _("Recheck"),
    Stage.PUBLIC_NOTICE: _("Announce after the public notice"),
}


def awaited_steps(user) -> dict[tuple[str, str], list[str]]:
    """(group, stage) -> the steps this user takes there, in the order of the workflow."""
    out: dict[tuple[str, str], list[str]] = {}
    for step, group, stage in steps_awaiting(user):
        if step not in NOT_AWAITED:
            out.setdefault((group, stage), []).append(step)
    return out


def _work(stage: str, steps: list[str]):
    return WORK_OF_STAGE.get(stage) or STEP_LABELS[steps[0]]


def _deadline(application, periods: dict, arrived: datetime.date) -> datetime.date | None:
    """R-16.6, R-16.7, R-16.8c: the periods the policy in force gives a stage (the statistics' rule); a notice's
    own last day where the application carries it."""
    if application.stage == Stage.PUBLIC_NOTICE and application.notice_ends_on:
        return application.notice_ends_on
    period = periods.get(application.stage)
    return arrived + datetime.timedelta(days=period[0]) if period else None


def _condition(pairs) -> Q:
    condition = Q()
    for group, stage in sorted(pairs):
        condition |= Q(group=group, stage=stage)
    return condition


def _longest_waiting(qs, pairs) -> list:
    """The SHOWN applications that reached their stage earliest, over every (group, stage) pair: each pair's own
    SHOWN read in order from the index (group, stage, stage_changed_at, id), the pairs merged in one statement.
    One ordered scan of the whole table filtered by the pairs would read every row that waits on no one's step
    first (docs/decisions/0046)."""
    order = ("stage_changed_at", "id")
    qs = qs.select_related(None).only("number", "applicant_name", "group", "stage", "stage_changed_at",
                                      "notice_ends_on")
    if not connections[qs.db].features.supports_slicing_ordering_in_compound:
        # SQLite (the demo database) cannot limit the parts of a UNION; one ordered query serves its small tables
        return list(qs.filter(_condition(pairs)).order_by(*order)[:SHOWN])
    parts = [qs.filter(group=group, stage=stage).order_by(*order)[:SHOWN] for group, stage in sorted(pairs)]
    if len(parts) == 1:
        return list(parts[0])
    return list(parts[0].union(*parts[1:], all=True).order_by(*order)[:SHOWN])


def application_queue(user, *, round_id: int | None = None, today: datetime.date | None = None) -> dict:
    """The section of applications (the SHOWN longest waiting) and the breakdown per stage and group with counts
    from the maintained stage counts. Three queries however many applications wait."""
    today = today or timezone.localdate()
    awaited = awaited_steps(user)
    if not awaited:
        return {"section": None, "breakdown": [], "total": 0}
    condition = _condition(awaited)
    counts_qs = stage_counts_visible_to(user).filter(condition)
    rows_qs = applications_visible_to(user)
    if round_id:
        counts_qs = counts_qs.filter(round_id=round_id)
        rows_qs = rows_qs.filter(round_id=round_id)
    counts = {(r["group"], r["stage"]): r["n"] or 0
              for r in counts_qs.values("group", "stage").order_by().annotate(n=Sum("count"))}
    periods = stage_periods(today)
    rows = []
    for application in _longest_waiting(rows_qs, awaited):
        arrived = timezone.localdate(application.stage_changed_at)
        rows.append(QueueRow(
            what=_work(application.stage, awaited[(application.group, application.stage)]),
            reference=application.number, url=reverse("housing:application_detail", args=[application.number]),
            arrived_on=arrived, today=today, deadline=_deadline(application, periods, arrived),
            detail=f"{application.applicant_name} · {SHORT_CODE[application.group]}"))
    list_url = reverse("housing:application_list")
    order = {s: i for i, s in enumerate(Stage.values)}
    breakdown = []
    for (group, stage), steps in sorted(awaited.items(), key=lambda kv: (order[kv[0][1]],
                                                                        Group.values.index(kv[0][0]))):
        query = {"group": group, "stage": stage, "sort": "-waiting"}
        if round_id:
            query["round"] = round_id
        breakdown.append({"group": group, "stage": stage, "stage_label": Stage(stage).label,
                          "work": _work(stage, steps), "count": counts.get((group, stage), 0),
                          "url": f"{list_url}?{urlencode(query)}"})
    total = sum(r["count"] for r in breakdown)
    section = QueueSection(
        key="applications", title=_("Applications awaiting your step"), rows=rows, total=total,
        period_note=_("The measures set no period for formal review, substantive review, ranking or recheck; the "
                      "public notice, the announcement and the signing have the periods of the policy in force."))
    return {"section": section, "breakdown": breakdown, "total": total}
