"""Everything the public pages read (R-16.1, R-16.4, R-16.7, R-13, R-35, R-37), as plain masked rows.

Each selector returns frozen dataclasses built here from the few columns it needs; a full name or
ID number is read only to be masked in the same function, so it can never reach a template, a
cache entry or an export (R-16.4b, R-X.2). A missing or private thing answers ``Http404``.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from departments.models import UnitCode
from housing.groups import RESPONSIBLE_UNIT, SHORT_CODE, TALENT_GROUPS, Form, Group
from housing.models import AllocationRound, Application, KeyEnterpriseListing, Ranking, SupplyNotice
from housing.policy import PolicySnapshot
from housing.policy import policy_or_defaults
from housing.stages import Stage
from publicity import cache
from publicity.masking import mask_id_number, mask_name, mask_text
from publicity.models import PublicNotice, RegisterEntry

# on the list while the notice runs; an entry frozen by an open objection stays listed,
# an upheld objection (removed_on_objection) or a withdrawal takes it off.
LISTED_STAGES = (Stage.PUBLIC_NOTICE, Stage.FROZEN)
# The history event of that put an entry on the announced list (publicity.services.announce_notice).
ANNOUNCE_EVENT = "announce"


def masking_policy(on: datetime.date | None = None) -> PolicySnapshot:
    """The masking parameters in force (SPEC §13); the shipped defaults when no policy is entered yet."""
    return policy_or_defaults(on or timezone.localdate())


# --- rows -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicEntry:
    """One entry of a notice or announcement as published (R-16.4a): masked, nothing else."""

    rank: int | None
    number: str
    name: str  # masked
    id_number: str  # masked
    group: str
    employer: str  # talent groups only
    household_size: int
    form: str
    frozen: bool = False  # under investigation for an objection; stays listed until it is decided

    @property
    def group_label(self) -> str:
        return Group(self.group).label

    @property
    def short_group(self) -> str:
        return SHORT_CODE[self.group]

    @property
    def form_label(self) -> str:
        return Form(self.form).label


@dataclass(frozen=True)
class NoticeSummary:
    pk: int
    round_name: str
    year: int
    group: str
    starts_on: datetime.date
    ends_on: datetime.date
    published_on: datetime.date
    announced_on: datetime.date | None
    entry_count: int | None = None
    lottery_pk: int | None = None  # the public lottery page of the ranking behind the list

    @property
    def group_label(self) -> str:
        return Group(self.group).label

    @property
    def short_group(self) -> str:
        return SHORT_CODE[self.group]

    @property
    def is_talent(self) -> bool:
        return self.group in TALENT_GROUPS

    @property
    def responsible_unit(self) -> str:
        # the unit of the group answers inquiries and decides objections.
        return UnitCode(RESPONSIBLE_UNIT[self.group]).label

    @property
    def is_announced(self) -> bool:
        return self.announced_on is not None

    def accepts_objections(self, today: datetime.date) -> bool:
        # objections only within the period, and only until the list is announced.
        return not self.is_announced and self.starts_on <= today <= self.ends_on

    def has_started(self, today: datetime.date) -> bool:
        return self.starts_on <= today


@dataclass(frozen=True)
class SupplyNoticeRow:
    pk: int
    title: str
    body: str
    groups: tuple[str, ...]
    application_deadline: datetime.date
    published_on: datetime.date
    round_name: str
    round_open: bool

    @property
    def group_labels(self) -> list[str]:
        return [Group(g).label for g in self.groups]


@dataclass(frozen=True)
class KeyEnterprise:
    year: int
    name: str
    credit_code: str


@dataclass(frozen=True)
class RegisterRow:
    """R-35, R-37: persons masked; employers in full, with their credit code (they are published by name)."""

    subject: str
    name: str
    id_number: str  # masked; empty for employers
    credit_code: str  # employers only
    ground: str
    facts: str
    fine: object
    barred_from: datetime.date
    barred_until: datetime.date

    @property
    def is_person(self) -> bool:
        return self.subject == RegisterEntry.Subject.PERSON

    @property
    def subject_label(self) -> str:
        return RegisterEntry.Subject(self.subject).label

    @property
    def ground_label(self) -> str:
        return RegisterEntry.Ground(self.ground).label


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _summary(notice: PublicNotice, count: int | None = None) -> NoticeSummary:
    return NoticeSummary(
        pk=notice.pk, round_name=str(notice.round), year=notice.round.year, group=notice.group,
        starts_on=notice.starts_on, ends_on=notice.ends_on, published_on=_local_date(notice.published_at),
        announced_on=_local_date(notice.announced_at), entry_count=count, lottery_pk=notice.lottery,
    )


def _with_lottery(notices):
    """R-23.3: each notice with the published ranking of its round and group (the newest, should there be two)."""
    rankings = Ranking.objects.filter(round=OuterRef("round"), group=OuterRef("group"), published=True)
    return notices.annotate(lottery=Subquery(rankings.order_by("-pk").values("pk")[:1]))


# --- notices and announcements ----------------------------------------------------------------------


def current_notices() -> list[NoticeSummary]:
    """Notices not yet announced, with how many entries they list now (one query)."""
    qs = (_with_lottery(PublicNotice.objects.filter(announced_at__isnull=True)).select_related("round")
          .annotate(listed=Count("entries", filter=Q(entries__stage__in=LISTED_STAGES), distinct=True))
          .order_by("-starts_on", "-pk"))
    return [_summary(n, n.listed) for n in qs]


def announcements(limit: int | None = None) -> list[NoticeSummary]:
    """Announced lists (R-16.7), newest first, with their number of announced entries (one query)."""
    qs = (_with_lottery(PublicNotice.objects.filter(announced_at__isnull=False)).select_related("round")
          .annotate(listed=Count("entries", filter=Q(entries__history__event=ANNOUNCE_EVENT), distinct=True))
          .order_by("-announced_at", "-pk"))
    if limit:
        qs = qs[:limit]
    return [_summary(n, n.listed) for n in qs]


def get_notice(pk: int) -> NoticeSummary:
    notice = (_with_lottery(PublicNotice.objects.filter(pk=pk, published_at__lte=timezone.now()))
              .select_related("round").first())
    if notice is None:
        raise Http404("No such public notice")
    return _summary(notice)


def get_announcement(pk: int) -> NoticeSummary:
    summary = get_notice(pk)
    if not summary.is_announced:
        raise Http404("This notice has not been announced")
    return summary


def notice_entries(notice: NoticeSummary) -> list[PublicEntry]:
    """The list as it stands: while the notice runs, the entries still on it (frozen ones included);
    once announced, the announced list."""
    if notice.is_announced:
        return announced_entries(notice)
    return cache.cached_rows(f"notice:{notice.pk}", lambda: _entries(
        Application.objects.filter(public_notices=notice.pk, stage__in=LISTED_STAGES)))


def announced_entries(notice: NoticeSummary) -> list[PublicEntry]:
    """R-16.7: final and dated — the entries that were on the list when it was announced, whatever
    happened to them afterwards (selection, withdrawal)."""
    return cache.cached_rows(f"announcement:{notice.pk}", lambda: _entries(
        Application.objects.filter(public_notices=notice.pk, history__event=ANNOUNCE_EVENT,
                                   history__payload__notice=notice.pk).distinct()))


def _entries(applications) -> list[PublicEntry]:
    policy = masking_policy()
    rows = applications.values_list("proposed_rank", "number", "applicant_name", "applicant_id_number", "group",
                                    "employer__name", "household_size", "form", "stage")
    entries = [
        PublicEntry(rank=rank, number=number, name=mask_name(name, policy), id_number=mask_id_number(id_no, policy),
                    group=group, employer=(employer or "") if group in TALENT_GROUPS else "",
                    household_size=size, form=form, frozen=stage == Stage.FROZEN)
        for rank, number, name, id_no, group, employer, size, form, stage in rows
    ]
    entries.sort(key=rank_order)
    return entries


def rank_order(entry: PublicEntry) -> tuple:
    """R-16.3, R-16.4a: the list reads in rank order, as it was proposed (housing.ranking.services.propose_ranked).
    R-23.2: talents rank within each employer, so equal ranks of different employers follow each other, employer by
    employer (the employer column says whose rank it is). An entry without a rank comes last."""
    return (entry.rank is None, entry.rank or 0, entry.employer, entry.number)


def filter_entries(entries: list[PublicEntry], *, name: str = "", employer: str = "",
                   rank_from: int | None = None, rank_to: int | None = None) -> list[PublicEntry]:
    """Search within a list. The name is matched against the masked name only, so a search can never
    reveal a hidden character (R-16.4b)."""
    name, employer = name.strip(), employer.strip().casefold()
    return [
        e for e in entries
        if (not name or name in e.name)
        and (not employer or employer in e.employer.casefold())
        and (rank_from is None or (e.rank is not None and e.rank >= rank_from))
        and (rank_to is None or (e.rank is not None and e.rank <= rank_to))
    ]


def employers_on(entries: list[PublicEntry]) -> list[str]:
    return sorted({e.employer for e in entries if e.employer})


# --- supply notices ---------------------------------------------------------------------------------


def _supply_row(notice: SupplyNotice, round_: AllocationRound | None) -> SupplyNoticeRow:
    return SupplyNoticeRow(
        pk=notice.pk, title=notice.title, body=notice.body,
        groups=tuple(g for g in notice.groups if g in Group.values),
        application_deadline=notice.application_deadline, published_on=_local_date(notice.published_at),
        round_name=str(round_) if round_ else "",
        round_open=bool(round_ and round_.status == AllocationRound.Status.OPEN),
    )


def open_supply_notices() -> list[SupplyNoticeRow]:
    """R-16.1: the published supply notices of the rounds open for applications."""
    rounds = (AllocationRound.objects.filter(status=AllocationRound.Status.OPEN,
                                             supply_notice__published_at__isnull=False)
              .select_related("supply_notice").order_by("supply_notice__application_deadline", "-pk"))
    return [_supply_row(r.supply_notice, r) for r in rounds]


def get_supply_notice(pk: int) -> SupplyNoticeRow:
    notice = SupplyNotice.objects.filter(pk=pk, published_at__isnull=False).select_related("round").first()
    if notice is None:
        raise Http404("No such supply notice")
    return _supply_row(notice, getattr(notice, "round", None))


# --- key-enterprise list and register ---------------------------------------------------------------


def key_enterprise_years() -> list[int]:
    return list(KeyEnterpriseListing.objects.order_by("-year").values_list("year", flat=True).distinct())


def key_enterprises(year: int) -> list[KeyEnterprise]:
    """R-13: the key-enterprise list of a year, as recorded for that year: listing an employer for another year
    leaves this one as it is (docs/decisions/0041)."""
    rows = (KeyEnterpriseListing.objects.of_year(year).order_by("employer__name", "employer__credit_code")
            .values_list("employer__name", "employer__credit_code"))
    return [KeyEnterprise(year=year, name=name, credit_code=code) for name, code in rows]


def register_rows() -> list[RegisterRow]:
    """R-35, R-37: the published register. A person's name and ID number are masked, in the facts too."""
    policy = masking_policy()
    rows = []
    for entry in RegisterEntry.objects.filter(published=True).order_by("-barred_from", "-pk"):
        person = entry.subject == RegisterEntry.Subject.PERSON
        rows.append(RegisterRow(
            subject=entry.subject,
            name=mask_name(entry.name, policy) if person else entry.name,
            id_number=mask_id_number(entry.id_number, policy) if person else "",
            credit_code="" if person else entry.credit_code,
            ground=entry.ground,
            facts=mask_text(entry.facts, names=(entry.name,), policy=policy) if person
            else mask_text(entry.facts, policy=policy),
            fine=entry.fine, barred_from=entry.barred_from, barred_until=entry.barred_until,
        ))
    return rows
