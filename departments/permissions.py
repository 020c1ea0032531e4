"""Who may do what, answered from the user's unit and roles and the application's group (SPEC §2, R-16.c).

Used by the FSM transitions (``permission=``), by services before every write,
by selectors to scope what a user sees, and by templates to decide which
actions to offer. A system administrator manages accounts and policy but
decides no case, so no predicate here looks at ``is_superuser``.
"""

from collections.abc import Callable
from typing import Any

from housing.events import ABOUT, STEPS
from housing.groups import RESPONSIBLE_UNIT, groups_of_unit

CCB = "ccb"
FINANCE = "finance"
DISCIPLINE = "discipline"

OPERATORS = ("clerk", "head")  # carry out the CCB's procedural steps
DECIDERS = ("reviewer", "head")  # decide eligibility and objections (R-40: a head can do what a reviewer can)

# transition -> (which unit acts, which roles in it, articles). "responsible" is the unit of the group (SPEC §3).
# R-16.c: read from the one table of events (housing.events), where each step is named once.
DUTIES: dict[str, tuple[str, tuple[str, ...], str]] = {
    step.value: (ABOUT[step].unit, ABOUT[step].roles, ABOUT[step].articles) for step in STEPS
}


def _unit(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.unit.code if user.unit_id else None


def acting_unit(duty: str, group: str) -> str:
    who = DUTIES[duty][0]
    return RESPONSIBLE_UNIT[group] if who == "responsible" else who


class PublicOnline:
    """A resident acting on the public site: no account, no unit (docs/decisions/0013).

    R-16.6 "anyone may object": an objection filed online during the notice freezes the entry exactly as one the
    CCB records does, so this actor holds that one duty and no other. Only the online-filing service passes it;
    no request ever carries it (an anonymous visitor is Django's AnonymousUser, who may do nothing).
    """

    pk = None
    unit_id = None
    is_authenticated = False
    is_active = False
    history_name = "public-online"  # the history's "by" for its rows
    duties = frozenset({"freeze_for_objection"})

    def __repr__(self) -> str:
        return "PUBLIC_ONLINE"


PUBLIC_ONLINE = PublicOnline()


class ScheduledJob:
    """A scheduled job acting on a deadline the measures set (R-X.6; docs/decisions/0016), with no account.

    Like PUBLIC_ONLINE, it holds only the duties a deadline takes by itself: a choice not signed in time is a give-up
    (SPEC §13). No request ever carries it; only the jobs in housing.jobs pass it.
    """

    pk = None
    unit_id = None
    is_authenticated = False
    is_active = False
    username = "scheduled-job"
    history_name = "scheduled-job"
    duties = frozenset({"give_up"})

    def __repr__(self) -> str:
        return "SCHEDULED_JOB"


SCHEDULED_JOB = ScheduledJob()


def may(user, duty: str, group: str) -> bool:
    """May this user take this step for an application of this group?"""
    if user is PUBLIC_ONLINE or user is SCHEDULED_JOB:
        return duty in user.duties
    unit = _unit(user)
    if unit is None:
        return False
    _, roles, _ = DUTIES[duty]
    return unit == acting_unit(duty, group) and user.has_role(*roles)


def may_take(duty: str) -> Callable[[Any, Any], bool]:
    """The ``permission=`` of an FSM transition."""

    def check(application, user) -> bool:
        return may(user, duty, application.group)

    check.__name__ = f"may_{duty}"
    return check


def can_register_application(user) -> bool:
    """R-12.2: every application enters through the CCB."""
    return _unit(user) == CCB and user.has_role(*OPERATORS)


def can_manage_rounds(user) -> bool:
    """R-12.2: the CCB publishes supply notices and opens rounds."""
    return _unit(user) == CCB and user.has_role(*OPERATORS)


def can_edit_materials(user, application) -> bool:
    return can_register_application(user)


def visible_groups(user) -> frozenset[str] | None:
    """The groups whose cases this user may read; None means all (R-X.2)."""
    unit = _unit(user)
    if unit is None:
        return frozenset()
    if unit in (CCB, DISCIPLINE):  # the CCB handles every case; discipline reads everything
        return None
    return groups_of_unit(unit)


def sees_only_subsidies(user) -> bool:
    """Finance sees the subsidy cases it pays (R-8.2), of every group."""
    return _unit(user) == FINANCE


def can_view_application(user, application) -> bool:
    if sees_only_subsidies(user):
        return application.form == "subsidy"
    groups = visible_groups(user)
    return groups is None or application.group in groups


def can_answer_inquiry(user, *, group: str, about_entry: bool) -> bool:
    """R-16.5 (and R-7.4, R-9.4, R-10.4, R-11.4, R-12.5): who answers a question about a public notice.

    A question naming an entry is answered by the unit responsible for the entry's group, by those who decide its
    objections (reviewer or head); a general question about the notice by the CCB, which publishes every notice,
    in any case role (docs/decisions/0013). Discipline inspection reads and answers nothing.
    """
    if about_entry:
        return may(user, "dismiss_objection", group)
    return _unit(user) == CCB and user.has_role(*OPERATORS, *DECIDERS)


def is_read_only(user) -> bool:
    return _unit(user) == DISCIPLINE


def can_read_audit(user) -> bool:
    """R-6, R-38: discipline inspection reads every staff action."""
    return _unit(user) in (DISCIPLINE, CCB)


def can_read_audit_records(user) -> bool:
    """R-6, R-38: sign-ins, reference-data history, reads of personal data and the state of the hash chains:
    discipline inspection, which supervises every unit, and the CCB's head (docs/decisions/0042)."""
    unit = _unit(user)
    return unit == DISCIPLINE or (unit == CCB and user.has_role("head"))


def can_read_overrides(user) -> bool:
    """R-6, R-39.4: the list of reviewers' departures from the eligibility engine. Discipline inspection
    supervises every unit; the CCB rechecks every proposed recipient (R-12.4). Every role of the two units, as
    for the audit trail, which already carries the same overrides (docs/decisions/0011)."""
    return _unit(user) in (DISCIPLINE, CCB)


# --- duties outside one application's lifecycle (issues #5, #6) -------------------------------------------
# duty -> (units that hold it, roles in them, article). "group_units" are the five units that each handle
# applicant groups (SPEC §3). Discipline inspection reads every area below and holds none of them.
GROUP_UNITS = ("ccb", "org_personnel", "econ_services", "social_construction", "public_affairs")
TALENT_UNITS = ("org_personnel", "econ_services", "public_affairs")
JOINT_MEETING = "joint_meeting"
# the agencies that answer the CCB's verification requests (SPEC §2).
VERIFYING_UNITS = ("verify_planning_land", "verify_family_planning", "verify_social_security",
                   "verify_public_security", "verify_civil_affairs", "verify_subdistrict")

OFFICE_DUTIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    # the annual cycle
    "report_demand": (GROUP_UNITS, OPERATORS + DECIDERS, "R-15.1"),
    "draft_supply_plan": ((CCB,), OPERATORS, "R-12.1, R-15.3"),
    # The Joint Meeting's secretariat is at the CCB: its decisions are recorded by the Joint Meeting's own
    # accounts, or by a CCB head acting for the secretariat.
    "confirm_supply_plan": ((JOINT_MEETING, CCB), ("head",), "R-5, R-15.4"),
    "record_plan_approval": ((JOINT_MEETING, CCB), ("head",), "R-15.4"),
    # the Joint Meeting's own decisions, recorded by its own accounts only; the talent units that
    # benefit from a quota above the cap read and cite them (docs/decisions/0039)
    "record_joint_meeting_decision": ((JOINT_MEETING,), ("head",), "R-5, R-7.3, R-17.2"),
    "split_employer_quota": (TALENT_UNITS, DECIDERS, "R-7.2, R-9.2, R-11.2, R-17"),
    # the Economic Services Bureau imports each year's key-enterprise list (docs/decisions/0041)
    "maintain_key_enterprise_list": (("econ_services",), DECIDERS, "R-13"),
    # stock, selection, contracts
    "manage_stock": ((CCB,), OPERATORS, "R-12.7, R-16.8b"),
    "run_selection": ((CCB,), OPERATORS, "R-12.7, R-16.8a, R-16.8c"),
    # subsidies: prepared by a clerk, reviewed by a reviewer, approved by a head of Finance
    "prepare_subsidy_batch": ((FINANCE,), OPERATORS, "R-8.2"),
    "review_subsidy_batch": ((FINANCE,), DECIDERS, "R-8.2"),
    "approve_subsidy_batch": ((FINANCE,), ("head",), "R-8.2"),
    "export_subsidy_batch": ((FINANCE,), OPERATORS + DECIDERS, "R-8.2"),
    # The README's duties table: stopping and resuming a subsidy is Finance's reviewer's or head's, not the clerk's
    # who prepares the payments (four eyes, R-8.2).
    "stop_subsidy": ((FINANCE,), DECIDERS, "R-8.2, R-32"),
    # after allocation
    "manage_tenancy": ((CCB,), OPERATORS, "R-12.9, R-30–R-34"),
    # Acts that end a tenancy, take back or release a sold home, or publish a ban and a fine on the register cannot
    # be undone by the portal: a head of the CCB decides them (the README's duties table; docs/decisions/0024).
    "decide_termination": ((CCB,), ("head",), "R-12.9, R-33"),
    "manage_ownership": ((CCB,), ("head",), "R-28, R-29"),
    "record_sanction": ((CCB,), ("head",), "R-35, R-36, R-37"),
    # an agency's clerk (or its head) answers its own unit's verification requests and stands by the answer
    "answer_verification": (VERIFYING_UNITS, OPERATORS, "R-14"),
    # employers' rosters: the unit responsible for the employer's group opens its accounts and accepts or returns
    # its rosters (the service also checks the group: housing.rosters.services)
    "manage_employer_rosters": (TALENT_UNITS, DECIDERS, "R-7.2, R-9.2, R-11.2, R-16.2"),
    # a person on two applications or guarantees at once: a head of the CCB keeps one or records why both
    # stand (housing.guarantees)
    "resolve_flagged_set": ((CCB,), ("head",), "R-3.2"),
    # R-X.2: how long personal data is kept after a case is closed: a head of the CCB, whose unit keeps the files
    # (housing.retention)
    "maintain_retention_schedule": ((CCB,), ("head",), "R-X.2, R-38"),
}

# Which units read which area (besides discipline inspection, which reads all of them, R-6).
OFFICE_READERS: dict[str, tuple[str, ...]] = {
    "plan": GROUP_UNITS + (JOINT_MEETING, FINANCE),
    "stock": (CCB,),
    "selection": (CCB,),
    "subsidies": (FINANCE, CCB),
    "tenancy": (CCB, FINANCE),
    "sanctions": (CCB,),
    "guarantees": (CCB,),  # flagged sets of one household, one guarantee
    "rosters": TALENT_UNITS,  # employers' rosters and accounts, each unit its own group's
    # the figures of the measures' work; each unit its own groups' (statistics_groups)
    "statistics": GROUP_UNITS + (JOINT_MEETING,),
    "joint_meeting": TALENT_UNITS + (CCB, JOINT_MEETING),  # the Joint Meeting's decisions
    "key_enterprises": ("econ_services",),  # the key-enterprise list of each year
}


def statistics_groups(user) -> frozenset[str] | None:
    """The applicant groups whose figures this user reads; None means every group and the figures of no group
    (homes, employers' entries). The CCB runs every case and the Joint Meeting's daily work (R-5, R-12),
    discipline inspection supervises everything (R-6); a responsible unit reads its own groups (R-7, R-9–R-11)."""
    unit = _unit(user)
    if unit in (CCB, DISCIPLINE, JOINT_MEETING):
        return None
    return groups_of_unit(unit)


def is_employer(user) -> bool:
    """R-9–11, R-16.8: an employer's own sign-in (no unit); it reaches only its own roster pages."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active
                and "employer" in (getattr(user, "roles", None) or []))


def may_do(user, duty: str) -> bool:
    """May this user carry out this duty (OFFICE_DUTIES)? Per-record scoping (a unit's own demand report, its own
    quota) is checked by the service on top of this."""
    unit = _unit(user)
    if unit is None:
        return False
    units, roles, _article = OFFICE_DUTIES[duty]
    return unit in units and user.has_role(*roles)


def can_read_area(user, area: str) -> bool:
    unit = _unit(user)
    if unit is None:
        return False
    return unit == DISCIPLINE or unit in OFFICE_READERS[area]


def duty_article(duty: str) -> str:
    return OFFICE_DUTIES[duty][2]


# --- the permission= of the transitions of plans, batches, tenancies and homes (docs/decisions/0020) -------------

def may_do_duty(*duties: str, deadline: bool = False) -> Callable[[Any, Any], bool]:
    """The ``permission=`` of a transition of a record outside one application: whoever holds one of ``duties``
    (OFFICE_DUTIES), the twin of ``may_take``. ``deadline``: the transition is one a deadline of the measures takes by
    itself, so SCHEDULED_JOB may take it too; no other transition is open to the job."""

    def check(record, user) -> bool:
        if user is SCHEDULED_JOB:
            return deadline
        return any(may_do(user, duty) for duty in duties)

    check.__name__ = "may_" + "_or_".join(duties)
    return check
