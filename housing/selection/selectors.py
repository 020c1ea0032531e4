"""What selection day reads (R-16.8a, R-16.8c, R-17, SPEC §13): the announcement, the order, the homes a
household may choose, the employer's allocations, the give-ups counted against a person."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from departments.permissions import can_read_area
from housing.groups import TALENT_GROUPS, Group
from housing.models import (
    AllocationRound, Application, ApplicationHistory, EmployerQuota, GiveUp, HousingUnit, Selection, SelectionNotice,
    SelectionSession,
)
from housing.policy import policy_or_defaults
from housing.rules.calling_order import Called, calling_key
from housing.stages import Stage
from publicity.models import PublicNotice


# --- policy ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelectionPolicy:
    """The SPEC §13 parameters of selection day, from the policy version in force."""

    announcement_days: int = 7
    sign_within_days: int = 7
    give_up_limit: int = 3
    employer_quota_cap: int = 50
    unit_types_by_household_size: dict | None = None


def selection_policy(on: datetime.date | None = None) -> SelectionPolicy:
    """The version in force on the day (housing.policy); the shipped defaults when none is entered yet
    (SPEC §13)."""
    policy = policy_or_defaults(on or timezone.localdate())
    return SelectionPolicy(
        announcement_days=policy.announcement_days, sign_within_days=policy.sign_within_days,
        give_up_limit=policy.give_up_limit, employer_quota_cap=policy.employer_quota_cap,
        unit_types_by_household_size=dict(policy.unit_types_by_household_size or {}),
    )


def entitled_unit_types(by_size: dict, household_size: int) -> list[str]:
    """R-16.8c, SPEC §13: the unit types a household of this size may choose. The largest size listed also covers
    every larger household; a size below the smallest listed takes the smallest's types."""
    sizes = sorted(int(size) for size in by_size if str(size).strip().isdigit())
    if not sizes:
        return []
    fitting = [s for s in sizes if s <= household_size]
    size = fitting[-1] if fitting else sizes[0]
    return list(by_size.get(str(size), by_size.get(size, [])))


# --- announcement and order --------------------------------------------------------------------------


def announcement_of(application: Application) -> PublicNotice | None:
    """R-16.7: the announced list the application is on (publicity.services.announce_notice)."""
    return (application.public_notices.filter(announced_at__isnull=False)
            .order_by("-announced_at", "-pk").first())


def selection_opens_on(notice: PublicNotice, policy: SelectionPolicy) -> datetime.date:
    """R-16.8a, SPEC §13: the announcement runs for announcement_days from the day it was announced (that day
    counted, like the public notice); selection notices may be issued from the day after."""
    return timezone.localdate(notice.announced_at) + datetime.timedelta(days=policy.announcement_days)


def called(application: Application) -> Called:
    """The facts of the calling order of one application (housing.rules.calling_order)."""
    return Called(number=application.number, rank=application.proposed_rank,
                  talent=application.group in TALENT_GROUPS,
                  employer_code=application.employer.credit_code if application.employer_id else "",
                  title=application.talent_title or None, degree=application.talent_degree or None,
                  honours=tuple(application.honours or ()))


def rank_order_key(application: Application):
    """R-16.8a, R-24: the announced rank (for families honours first among equals is already in it). Talents rank
    within each employer (R-23.2): the first of every employer come before the second of any (docs/decisions/0016);
    among talents of the same rank and standing an honour holder is called first (docs/decisions/0040)."""
    return calling_key(called(application))


def calling_reason(application: Application) -> str:
    """R-16.8a, R-24: why the household is called where it is, as the selection notices page shows it."""
    if application.proposed_rank is None:
        return gettext("Not ranked: called after the ranked households")
    if application.group not in TALENT_GROUPS:
        return gettext("Rank %(rank)s on the announced list") % {"rank": application.proposed_rank}
    parts = [gettext("Rank %(rank)s at the employer") % {"rank": application.proposed_rank}]
    level = [str(label) for label in (application.get_talent_title_display(), application.get_talent_degree_display())
             if label]
    if level:
        parts.append(gettext("then %(standing)s (Art. 23(2))") % {"standing": " · ".join(level)})
    if called(application).honour_holder:
        parts.append(gettext("honour holder: called first among equals (Art. 24)"))
    reason = parts[0]
    for part in parts[1:]:
        reason = gettext("%(reason)s; %(next)s") % {"reason": reason, "next": part}
    return reason


def awaiting_notice(round_id: int, group: str) -> list[Application]:
    """Announced housing applications of the round and group with no selection notice yet, in rank order."""
    apps = (Application.objects.filter(round_id=round_id, group=group, stage=Stage.ANNOUNCED)
            .exclude(form="subsidy").select_related("employer"))
    return sorted(apps, key=rank_order_key)


def next_order(round_id: int, group: str) -> int:
    last = (SelectionNotice.objects.filter(application__round_id=round_id, application__group=group)
            .order_by("-order").values_list("order", flat=True).first())
    return (last or 0) + 1


def notices_of(round_id: int, group: str) -> QuerySet[SelectionNotice]:
    return (SelectionNotice.objects.filter(application__round_id=round_id, application__group=group)
            .select_related("application", "application__employer", "application__round").order_by("order"))


def notices_with_reasons(round_id: int, group: str) -> list[SelectionNotice]:
    """The notices in order, each with ``calling_reason``: why its household is called there (R-16.8a, R-24)."""
    notices = list(notices_of(round_id, group))
    for notice in notices:
        notice.calling_reason = calling_reason(notice.application)
    return notices


def still_to_call(session: SelectionSession) -> QuerySet[Application]:
    """R-16.8c: the households still to select in this session, in order: at SELECTION, with no selection (a give-up
    leaves the stage), not already recorded in this session as not offered (housing.selection.not_offered)."""
    not_offered = ApplicationHistory.objects.filter(event="not_offered", payload__session=session.pk)
    return (Application.objects.filter(round_id=session.round_id, group=session.group, stage=Stage.SELECTION,
                                       selection__isnull=True, selection_notice__isnull=False)
            .exclude(pk__in=not_offered.values("application_id"))
            .select_related("selection_notice", "employer").order_by("selection_notice__order"))


def next_household(session: SelectionSession) -> Application | None:
    """R-16.8c: the next in order still to select."""
    return still_to_call(session).first()


def homes_for(application: Application, policy: SelectionPolicy | None = None) -> QuerySet[HousingUnit]:
    """R-16.8c: the available homes of the application's form whose type its household size allows."""
    policy = policy or selection_policy()
    types = entitled_unit_types(policy.unit_types_by_household_size or {}, application.household_size)
    return (HousingUnit.objects.filter(status=HousingUnit.Status.AVAILABLE, building__project__form=application.form,
                                       unit_type__in=types)
            .select_related("building", "building__project").order_by("building__project__name", "building__name",
                                                                      "number"))


# --- employer quota (R-17) ---------------------------------------------------------------------------


def employer_homes_in_round(round_id: int, employer_id: int, *, exclude_application_id: int | None = None) -> int:
    """R-17.1: homes held by the employer's talents in this round (a give-up frees its home)."""
    qs = Selection.objects.filter(holds=True, application__round_id=round_id, application__employer_id=employer_id,
                                  application__group__in=TALENT_GROUPS)
    if exclude_application_id:
        qs = qs.exclude(application_id=exclude_application_id)
    return qs.count()


def employer_quota_for(round_: AllocationRound, employer_id: int) -> EmployerQuota | None:
    if not round_.supply_plan_id:
        return None
    return (EmployerQuota.objects.filter(plan_quota__plan_id=round_.supply_plan_id, employer_id=employer_id)
            .order_by("-pk").first())


# --- give-ups (SPEC §13) -----------------------------------------------------------------------------


def give_up_count(id_number: str) -> int:
    """Give-ups of this person in every round (SPEC §13)."""
    return GiveUp.objects.filter(applicant_id_number=(id_number or "").strip().upper()).count()


def unsigned_selections(today: datetime.date) -> QuerySet[Selection]:
    """SPEC §13: choices still holding their home, not signed (no contract), whose signing day has passed."""
    return (Selection.objects.filter(holds=True, sign_by__lt=today, application__stage=Stage.UNIT_SELECTED,
                                     application__contract__isnull=True)
            .select_related("application").order_by("sign_by", "pk"))


# --- pages -------------------------------------------------------------------------------------------


def require_reader(user) -> None:
    if not can_read_area(user, "selection"):
        raise Http404("No such page")


def selection_overview(user) -> list[dict]:
    """Per round and group: how many announced households await a notice, how many notices, the open session."""
    require_reader(user)
    rows: dict[tuple[int, str], dict] = {}
    counts = (Application.objects.filter(stage__in=[Stage.ANNOUNCED, Stage.SELECTION, Stage.UNIT_SELECTED])
              .exclude(form="subsidy").values_list("round_id", "group", "stage"))
    for round_id, group, stage in counts:
        row = rows.setdefault((round_id, group), {"round_id": round_id, "group": group, "announced": 0,
                                                   "selecting": 0, "selected": 0})
        key = {Stage.ANNOUNCED: "announced", Stage.SELECTION: "selecting", Stage.UNIT_SELECTED: "selected"}[stage]
        row[key] += 1
    rounds = {r.pk: r for r in AllocationRound.objects.filter(pk__in={k[0] for k in rows})}
    sessions = {(s.round_id, s.group): s for s in SelectionSession.objects.filter(closed_at__isnull=True)}
    out = []
    for key, row in sorted(rows.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        row["round"] = rounds[key[0]]
        row["group_label"] = Group(key[1]).label
        row["session"] = sessions.get(key)
        out.append(row)
    return out


def get_session_or_404(user, pk: int) -> SelectionSession:
    require_reader(user)
    session = SelectionSession.objects.select_related("round", "current", "opened_by").filter(pk=pk).first()
    if session is None:
        raise Http404("No such selection session")
    return session


def session_selections(session: SelectionSession) -> QuerySet[Selection]:
    return (Selection.objects.filter(session=session)
            .select_related("application", "unit", "unit__building", "unit__building__project")
            .order_by("application__selection_notice__order"))


def session_give_ups(session: SelectionSession) -> QuerySet[GiveUp]:
    return (GiveUp.objects.filter(application__round_id=session.round_id, application__group=session.group)
            .select_related("application").order_by("recorded_at"))


def get_selection_or_404(user, number: str) -> Selection:
    require_reader(user)
    selection = (Selection.objects.filter(application__number=number, unit__isnull=False)
                 .select_related("application", "application__employer", "application__selection_notice",
                                 "unit", "unit__building", "unit__building__project", "recorded_by").first())
    if selection is None:
        raise Http404("No such selection")
    return selection


def get_notice_or_404(user, number: str) -> SelectionNotice:
    require_reader(user)
    notice = (SelectionNotice.objects.filter(application__number=number)
              .select_related("application", "application__round", "application__employer").first())
    if notice is None:
        raise Http404("No such selection notice")
    return notice
