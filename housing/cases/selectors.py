"""Reads, scoped to what the user may see (R-X.2). Each fixes its joins once, so pages cost a constant number of queries."""

from functools import lru_cache

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from departments.permissions import DUTIES, can_read_audit, may, sees_only_subsidies, visible_groups
from housing.groups import Group
from housing.models import AllocationRound, Application, ApplicationHistory, Employer, OfficeAction, StageCount
from housing.groups import EMPLOYER_KINDS
from housing.stages import Stage


def applications_visible_to(user) -> QuerySet[Application]:
    qs = Application.objects.select_related("round", "employer")
    if sees_only_subsidies(user):
        return qs.filter(form="subsidy")
    groups = visible_groups(user)
    if groups is None:
        return qs
    return qs.filter(group__in=groups)


def get_application_for_user_or_404(user, number: str) -> Application:
    """A record outside the user's scope answers 404 exactly like a missing one."""
    try:
        return applications_visible_to(user).get(number=number)
    except Application.DoesNotExist:
        raise Http404("No such application")


@lru_cache(maxsize=1)
def _sources_by_step() -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for t in Application._meta.get_field("stage").get_all_transitions(Application):
        out.setdefault(t.name, set()).add(t.source)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def steps_awaiting(user) -> list[tuple[str, str, str]]:
    """(step, group, stage) triples this user's unit and roles act on next (SPEC §2, §5)."""
    triples = []
    for step in DUTIES:
        if step == "withdraw":  # possible everywhere, awaited nowhere
            continue
        for group in Group.values:
            if may(user, step, group):
                for stage in _sources_by_step().get(step, ()):
                    triples.append((step, group, stage))
    return triples


def stage_counts_visible_to(user) -> QuerySet[StageCount]:
    """The stage counts of the cases this user may read (same scope as applications_visible_to)."""
    qs = StageCount.objects.all()
    if sees_only_subsidies(user):
        return qs.filter(form="subsidy")
    groups = visible_groups(user)
    return qs if groups is None else qs.filter(group__in=groups)


def work_queue(user, *, round_id: int | None = None) -> list[dict]:
    """What awaits my unit: one row per (stage, group) with its count, from the stage counts (one query)."""
    triples = steps_awaiting(user)
    pairs = {(group, stage) for _step, group, stage in triples}
    if not pairs:
        return []
    condition = Q()
    for group, stage in pairs:
        condition |= Q(group=group, stage=stage)
    qs = stage_counts_visible_to(user).filter(condition)
    if round_id:
        qs = qs.filter(round_id=round_id)
    counts = {}
    for row in qs.values("group", "stage").order_by().annotate(n=Sum("count")):
        counts[(row["group"], row["stage"])] = row["n"]
    steps_for = {}
    for step, group, stage in triples:
        steps_for.setdefault((group, stage), []).append(step)
    order = {s: i for i, s in enumerate(Stage.values)}
    rows = [
        {"group": group, "group_label": Group(group).label, "stage": stage, "stage_label": Stage(stage).label,
         "count": counts.get((group, stage), 0), "steps": steps_for[(group, stage)]}
        for group, stage in pairs
    ]
    rows.sort(key=lambda r: (order[r["stage"]], Group.values.index(r["group"])))
    return rows


def count_for_list(user, *, round_id=None, group=None, stage=None) -> int | None:
    """The total for a list filtered only by round, group and stage, from the stage counts."""
    qs = stage_counts_visible_to(user)
    if round_id:
        qs = qs.filter(round_id=round_id)
    if group:
        qs = qs.filter(group=group)
    if stage:
        qs = qs.filter(stage=stage)
    return qs.aggregate(n=Sum("count"))["n"] or 0


def search_applications(user, *, round_id=None, group=None, stage=None, employer_id=None, q: str = "") -> QuerySet:
    qs = applications_visible_to(user)
    if round_id:
        qs = qs.filter(round_id=round_id)
    if group:
        qs = qs.filter(group=group)
    if stage:
        qs = qs.filter(stage=stage)
    if employer_id:
        qs = qs.filter(employer_id=employer_id)
    q = (q or "").strip()
    if q:
        upper = q.upper()
        if upper.startswith("LH-"):
            qs = qs.filter(number__startswith=upper)
        elif len(q) >= 6 and upper[:-1].isdigit():
            qs = qs.filter(applicant_id_number__startswith=upper)
        else:
            qs = qs.filter(applicant_name__startswith=q)
    return qs.order_by("-id")


def application_detail(user, number: str) -> Application:
    """The application page: household, documents, reviews and the full timeline, fetched once."""
    application = get_application_for_user_or_404(user, number)
    return (
        Application.objects.select_related("round__supply_notice", "employer")
        .prefetch_related(
            "members", "documents", "history", "history__actor", "formal_reviews", "condition_decisions", "recheck_results",
            "objections", "notices", "notices__deliveries", "written_notices",
        )
        .get(pk=application.pk)
    )


def available_steps(user, application: Application) -> list[str]:
    """Exactly the steps this user may take now (offered as buttons)."""
    return [t.name for t in application.get_available_user_stage_transitions(user)]


def get_round_or_404(pk: int) -> AllocationRound:
    try:
        return AllocationRound.objects.select_related("supply_notice").get(pk=pk)
    except AllocationRound.DoesNotExist:
        raise Http404("No such round")


def _stage_count_rows(user, *, round_id: int | None = None) -> QuerySet:
    """(round_id, group, stage, n) rows of what the user may see, from the stage counts (docs/decisions/0004)."""
    qs = stage_counts_visible_to(user).exclude(count=0)
    if round_id:
        qs = qs.filter(round_id=round_id)
    return qs.values("round_id", "group", "stage").order_by().annotate(n=Sum("count"))


def rounds_for_list(user) -> list[AllocationRound]:
    """Every round with its supply notice and, as ``total``, the applications of it the user may see (two queries)."""
    rounds = list(AllocationRound.objects.select_related("supply_notice"))
    totals: dict[int, int] = {}
    for row in _stage_count_rows(user):
        totals[row["round_id"]] = totals.get(row["round_id"], 0) + row["n"]
    for round_ in rounds:
        round_.total = totals.get(round_.pk, 0)
    return rounds


def round_stage_counts(user, round: AllocationRound) -> list[dict]:
    """Per group the round invites (and the user may see): how many applications are in each stage (one query)."""
    counts: dict[str, dict[str, int]] = {}
    for row in _stage_count_rows(user, round_id=round.pk):
        counts.setdefault(row["group"], {})[row["stage"]] = row["n"]
    groups = visible_groups(user)
    out = []
    for group in Group.values:
        invited = group in round.supply_notice.groups
        if not invited and group not in counts:
            continue
        if groups is not None and not sees_only_subsidies(user) and group not in groups:
            continue
        by_stage = counts.get(group, {})
        out.append({
            "group": group,
            "group_label": Group(group).label,
            "stages": [{"stage": s, "stage_label": Stage(s).label, "count": by_stage[s]}
                       for s in Stage.values if by_stage.get(s)],
            "total": sum(by_stage.values()),
            "rechecked": by_stage.get(Stage.RECHECKED, 0),
        })
    return out


def employers_visible_to(user) -> QuerySet[Employer]:
    """Employers of the applications the user may read; an employer's kind fixes its talent group (R-21.1)."""
    if sees_only_subsidies(user):
        return Employer.objects.filter(pk__in=Application.objects.filter(form="subsidy").values("employer_id"))
    groups = visible_groups(user)
    if groups is None:
        return Employer.objects.all()
    kinds = {kind for group in groups for kind in EMPLOYER_KINDS.get(group, ())}
    return Employer.objects.filter(kind__in=kinds)


AUDIT_PAGE = 50


def office_action_rows(user, *, record_type: str = "", action: str = "", actor: str = "") -> QuerySet[OfficeAction]:
    """Every staff action the filters keep, newest first: the page's rows, all of them (its export)."""
    if not can_read_audit(user):
        return OfficeAction.objects.none()
    qs = OfficeAction.objects.select_related("actor").order_by("-id")
    if record_type:
        qs = qs.filter(object_type=record_type)
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_name=actor)
    return qs


def audit_trail_rows(user, *, unit: str = "", event: str = "", actor: str = "") -> QuerySet[ApplicationHistory]:
    """Every history row the filters keep, newest first: the audit trail's rows, all of them (its export)."""
    if not can_read_audit(user):
        return ApplicationHistory.objects.none()
    qs = ApplicationHistory.objects.select_related("application", "actor").order_by("-id")
    if unit:
        qs = qs.filter(actor_unit=unit)
    if event:
        qs = qs.filter(event=event)
    if actor:
        qs = qs.filter(actor_name=actor)
    return qs


def office_actions(user, *, record_type: str = "", action: str = "", actor: str = "",
                   before_id: int | None = None):
    """R-6, R-38: the staff actions on records outside an application's history (plans, stock, selection,
    subsidies, tenancies, sanctions; housing.models.OfficeAction), newest first, 50 at a time by keyset."""
    if not can_read_audit(user):
        return [], None
    qs = office_action_rows(user, record_type=record_type, action=action, actor=actor)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    rows = list(qs[: AUDIT_PAGE + 1])
    return rows[:AUDIT_PAGE], (rows[AUDIT_PAGE - 1].id if len(rows) > AUDIT_PAGE else None)


def audit_trail(user, *, unit: str = "", event: str = "", actor: str = "", before_id: int | None = None):
    """R-6, R-38: every recorded staff action, newest first, 50 at a time (keyset by id, so the cost does not
    grow with the table). Only discipline inspection and the CCB read it (departments.permissions.can_read_audit)."""
    if not can_read_audit(user):
        return [], None
    qs = audit_trail_rows(user, unit=unit, event=event, actor=actor)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    rows = list(qs[: AUDIT_PAGE + 1])
    return rows[:AUDIT_PAGE], (rows[AUDIT_PAGE - 1].id if len(rows) > AUDIT_PAGE else None)
