"""The page header's navigation: what each role works on, grouped by the measures' chapters (decision 0045).

The header offers a page to someone who may open it (the predicates the views check again on every request) and
whose role works on it: a clerk sees the clerk's work, a reviewer the reviews, a head everything the unit may read
(a head answers for the unit's work, R-40), discipline inspection everything it supervises (R-6). A page the header
does not offer stays open to whoever may read it, through the links on the other pages and its address.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from departments import permissions as perm

EVERY_ROLE = ("clerk", "reviewer", "head")
CASE_UNITS = perm.GROUP_UNITS + (perm.DISCIPLINE,)  # the units that read applications of their groups


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    may_open: Callable[[object], bool]
    roles: tuple[str, ...] = EVERY_ROLE  # the roles that work on it
    units: tuple[str, ...] | None = None  # the units that work on it; None: every unit that may open it


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    url_name: str
    current: bool = False


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    links: tuple[Link, ...]


def _unit(user) -> str | None:
    return user.unit.code if getattr(user, "unit_id", None) else None


def _reads(area: str) -> Callable[[object], bool]:
    return lambda user: perm.can_read_area(user, area)


def _reads_cases(user) -> bool:
    """The application list: the units that handle groups, discipline inspection, and Finance for the subsidy
    cases it pays (R-8.2); the Joint Meeting and the verifying agencies read no case list."""
    return _unit(user) in CASE_UNITS or perm.sees_only_subsidies(user)


def _works_on_notices(user) -> bool:
    """Rounds, notices, objections and inquiries (R-16): the units that handle groups, and discipline inspection."""
    return _unit(user) in CASE_UNITS


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("applications", _("Applications and intake"), (
        Entry("housing:intake", _("Register an application"), perm.can_register_application, ("clerk",)),
        Entry("housing:application_list", _("Applications"), _reads_cases),
        Entry("housing:verification_queue", _("Verification requests"),
              lambda user: perm.may_do(user, "answer_verification")),
        Entry("housing:roster_list", _("Employers' rosters"), _reads("rosters"), ("reviewer",)),
        Entry("housing:key_enterprise_lists", _("Key-enterprise lists"), _reads("key_enterprises"), ("reviewer",)),
        Entry("housing:flagged_set_list", _("Duplicate guarantees"), _reads("guarantees"), ("head",)),
    )),
    Chapter("publicity", _("Publicity"), (
        Entry("housing:round_list", _("Rounds and notices"), _works_on_notices),
        Entry("housing:publicity_queue", _("Objections and inquiries"), _works_on_notices),
    )),
    Chapter("allocation", _("Allocation"), (
        Entry("housing:demand_overview", _("Demand reports"), _reads("plan"),
              units=perm.GROUP_UNITS + (perm.JOINT_MEETING,)),
        Entry("housing:plan_list", _("Supply plans"), _reads("plan"), units=perm.GROUP_UNITS + (perm.JOINT_MEETING,)),
        Entry("housing:stock_list", _("Housing stock"), _reads("stock"), ("clerk",)),
        Entry("housing:selection_home", _("Selection day"), _reads("selection"), ("clerk",)),
        Entry("housing:joint_meeting_decisions", _("Joint Meeting decisions"), _reads("joint_meeting"), ("reviewer",),
              units=perm.TALENT_UNITS + (perm.JOINT_MEETING,)),
    )),
    Chapter("after_allocation", _("After allocation"), (
        Entry("housing:subsidy_list", _("Subsidies"), _reads("subsidies"), units=(perm.FINANCE,)),
        Entry("housing:subsidy_batch_list", _("Payment batches"), _reads("subsidies"), units=(perm.FINANCE,)),
        Entry("housing:tenancy_list", _("Tenancies"), _reads("tenancy"), ("clerk",), units=(perm.CCB,)),
        Entry("housing:renewal_list", _("Renewals"), _reads("tenancy"), ("clerk",), units=(perm.CCB,)),
        Entry("housing:ownership_list", _("Economic housing after sale"), _reads("tenancy"), ("clerk",),
              units=(perm.CCB,)),
        Entry("housing:sanction_list", _("Bad-behaviour register"), _reads("sanctions"), ("head",)),
    )),
    Chapter("oversight", _("Oversight"), (
        Entry("housing:audit_trail", _("Audit trail"), perm.can_read_audit, ("head",)),
        # the CCB's clerk rechecks every proposed recipient, departures from the engine included
        Entry("housing:override_list", _("Overrides"), perm.can_read_overrides, ("clerk",)),
        Entry("housing:audit_records", _("Audit records"), perm.can_read_audit_records, ("head",)),
        Entry("housing:retention", _("Retention"), perm.can_read_audit_records, ("head",)),
        Entry("housing:statistics", _("Statistics"), _reads("statistics"), ("reviewer",)),
        Entry("admin:index", _("System administration"), lambda user: user.is_staff and user.has_role("sysadmin"),
              ("sysadmin",)),
    )),
)

EMPLOYER = Chapter("employer", _("Our employer"), (
    Entry("housing:employer_home", _("Our applications"), perm.is_employer, ("employer",)),
    Entry("housing:employer_roster_upload", _("Submit a roster"), perm.is_employer, ("employer",)),
))

WORK_QUEUE = Entry("housing:work_queue", _("Work queue"), lambda user: True)


def supervises(user) -> bool:
    """A head sees every page the unit reads; discipline inspection every page it reads (R-6, R-40)."""
    return user.has_role("head") or perm.is_read_only(user)


def offered(user, entry: Entry) -> bool:
    if not entry.may_open(user):
        return False
    if supervises(user):
        return True
    works_here = entry.units is None or _unit(user) in entry.units
    return works_here and user.has_role(*entry.roles)


def _link(entry: Entry, path: str) -> Link:
    url = reverse(entry.url_name)
    return Link(url=url, label=entry.label, url_name=entry.url_name, current=url == path)


def groups_for(user, path: str = "") -> list[Group]:
    """The header's groups for this user, each with the pages it works on; empty groups left out."""
    if not (user and user.is_authenticated):
        return []
    chapters = (EMPLOYER,) if perm.is_employer(user) else CHAPTERS
    groups = []
    for chapter in chapters:
        links = tuple(_link(entry, path) for entry in chapter.entries if offered(user, entry))
        if links:
            groups.append(Group(key=chapter.key, title=chapter.title, links=links))
    return groups


def header_navigation(request) -> dict:
    """Context processor: the header's navigation (templates/partials/nav.html)."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    staff = signed_in and not perm.is_employer(user)
    return {
        "nav_groups": groups_for(user, request.path) if signed_in else [],
        "nav_home": _link(WORK_QUEUE, request.path) if staff else None,
    }
