"""What the Joint Meeting's decisions say, and to whom (R-5, R-7.3, R-17.1, R-17.2).

The named reads of the other chapters: ``employer_cap`` and ``employer_caps`` answer how many homes one employer may
get in one year's plan (the policy's cap, or the homes a decision in force gives it); ``quota_decisions_to_cite``
lists what a talent unit may cite when it splits its quota; ``provisions_for`` what the case page shows.
"""

from django.db.models import Max, Q, QuerySet
from django.http import Http404

from departments.permissions import CCB, DISCIPLINE, JOINT_MEETING, can_read_area
from housing.groups import EMPLOYER_KINDS, groups_of_unit
from housing.models import Application, JointMeetingDecision

Kind = JointMeetingDecision.Kind


def _decisions() -> QuerySet[JointMeetingDecision]:
    return JointMeetingDecision.objects.select_related(
        "employer", "application", "recorded_by", "supersedes", "superseded_by")


def _unit(user) -> str | None:
    return user.unit.code if getattr(user, "unit_id", None) else None


def decisions_visible_to(user) -> QuerySet[JointMeetingDecision]:
    """The Joint Meeting, the CCB (its secretariat, R-5) and discipline inspection (R-6) read every decision; a
    talent unit reads the quotas of the employers its groups cover, the provisions for its groups' applications
    and the other matters. Anyone else reads none."""
    if not can_read_area(user, "joint_meeting"):
        return JointMeetingDecision.objects.none()
    unit = _unit(user)
    if unit in (CCB, DISCIPLINE, JOINT_MEETING):
        return _decisions()
    groups = groups_of_unit(unit)
    kinds = set().union(*(EMPLOYER_KINDS.get(g, set()) for g in groups))
    return _decisions().filter(Q(kind=Kind.OTHER) | Q(kind=Kind.EMPLOYER_QUOTA, employer__kind__in=kinds)
                               | Q(kind=Kind.CASE_BY_CASE, application__group__in=groups))


def get_decision_for_user_or_404(user, pk: int) -> JointMeetingDecision:
    """A decision outside the user's reading answers 404 exactly like a missing one."""
    decision = decisions_visible_to(user).filter(pk=pk).first()
    if decision is None:
        raise Http404("No such decision")
    return decision


def filtered(decisions: QuerySet[JointMeetingDecision], *, year: int | None = None, kind: str = "",
             in_force_only: bool = False) -> QuerySet[JointMeetingDecision]:
    """The list's filters: the year of the meeting or, for a quota, of the plan; the kind; in force only."""
    if year:
        decisions = decisions.filter(Q(meeting_date__year=year) | Q(year=year))
    if kind:
        decisions = decisions.filter(kind=kind)
    if in_force_only:
        decisions = decisions.in_force()
    return decisions


def years_with_decisions() -> list[int]:
    meetings = {d.year for d in JointMeetingDecision.objects.dates("meeting_date", "year")}
    plans = set(JointMeetingDecision.objects.exclude(year=None).values_list("year", flat=True))
    return sorted(meetings | plans, reverse=True)


# --- the cap of one employer (R-17.1, R-17.2) --------------------------------------------------------------------

def quota_decision_in_force(*, employer_id: int, year: int) -> JointMeetingDecision | None:
    """R-17.2: the decision in force on the employer's homes in the plan of ``year``: one not superseded (the
    service keeps at most one such per employer and year)."""
    return (JointMeetingDecision.objects.in_force()
            .filter(kind=Kind.EMPLOYER_QUOTA, employer_id=employer_id, year=year)
            .order_by("-meeting_date", "-pk").first())


def employer_cap(*, employer_id: int, year: int, policy_cap: int) -> int:
    """R-17.1, R-17.2: the homes one employer may get in the plan of ``year``: the decided number where a decision
    is in force, otherwise the policy's cap (50)."""
    decision = quota_decision_in_force(employer_id=employer_id, year=year)
    return decision.homes if decision is not None else policy_cap


def employer_caps(*, year: int, policy_cap: int, credit_codes) -> dict[str, int]:
    """R-17.1, R-17.2: ``employer_cap`` of many employers at once, by unified social credit code (how the ranking
    names an employer's queue). One query."""
    caps = {code: policy_cap for code in credit_codes}
    decided = (JointMeetingDecision.objects.in_force()
               .filter(kind=Kind.EMPLOYER_QUOTA, year=year, employer__credit_code__in=list(caps))
               .order_by("meeting_date", "pk").values_list("employer__credit_code", "homes"))
    caps.update(dict(decided))  # the latest in force wins, should there ever be two
    return caps


def highest_cap(*, year: int, policy_cap: int) -> int:
    """R-17.1, R-17.2: the most homes any employer may get in the plan of ``year`` (the ranking's bound on the
    quota entered for every employer)."""
    decided = (JointMeetingDecision.objects.in_force().filter(kind=Kind.EMPLOYER_QUOTA, year=year)
               .aggregate(most=Max("homes"))["most"])
    return max(policy_cap, decided or 0)


def quota_decisions_to_cite(*, year: int, employer_kinds) -> QuerySet[JointMeetingDecision]:
    """R-17.2: the decisions in force on employers' quotas of the plan of ``year`` that a talent unit may cite when
    it splits its quota (employers of the kinds its groups cover)."""
    return (JointMeetingDecision.objects.in_force().select_related("employer")
            .filter(kind=Kind.EMPLOYER_QUOTA, year=year, employer__kind__in=list(employer_kinds))
            .order_by("employer__name", "-meeting_date"))


# --- the case page (R-7.3) ---------------------------------------------------------------------------------------

def provisions_for(application: Application) -> list[JointMeetingDecision]:
    """R-7.3: the Joint Meeting's case-by-case provisions for this application, the one in force first, each with
    what superseded it. Whoever reads the case reads them."""
    rows = list(_decisions().filter(kind=Kind.CASE_BY_CASE, application=application))
    return sorted(rows, key=lambda d: (_superseded(d), -d.meeting_date.toordinal(), -d.pk))


def _superseded(decision: JointMeetingDecision) -> bool:
    try:
        return decision.superseded_by is not None
    except JointMeetingDecision.DoesNotExist:
        return False


def is_in_force(decision: JointMeetingDecision) -> bool:
    return not _superseded(decision)
