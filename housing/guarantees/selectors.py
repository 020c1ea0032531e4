"""R-3.2: what each person holds at a moment: open applications, homes let or bought under the measures, running
subsidies, and give-ups. Constant cost per person: every read goes through the person's links (an index), never
through a scan of the applications (bench/one_guarantee.py)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from housing.models import Application, FlaggedSet, GiveUp, Person, PersonLink, Tenancy
from housing.stages import WITHDRAWABLE, Stage
from housing.groups import Form

OPEN_STAGES = frozenset(WITHDRAWABLE)  # R-16.b: before the contract, the application is still open


class Kind:
    APPLICATION = "application"
    HOME_LET = "home_let"
    HOME_BOUGHT = "home_bought"
    SUBSIDY = "subsidy"


KIND_LABELS = {
    Kind.APPLICATION: _("open application"),
    Kind.HOME_LET: _("home let"),
    Kind.HOME_BOUGHT: _("home bought, full title not obtained"),
    Kind.SUBSIDY: _("housing subsidy running"),
}
GUARANTEES = frozenset({Kind.HOME_LET, Kind.HOME_BOUGHT, Kind.SUBSIDY})


@dataclass(frozen=True)
class Claim:
    """One thing a person holds through one application. Two claims with the same ``key`` are one guarantee (a
    renewal and the lease it renews, R-31)."""

    key: str
    kind: str
    application_id: int
    number: str
    group: str
    form: str
    stage: str

    @property
    def is_guarantee(self) -> bool:
        return self.kind in GUARANTEES

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Facts:
    """The columns of one application that say what it holds (one row of one query, no model instances: the
    nightly search reads thousands)."""

    pk: int
    number: str
    group: str
    form: str
    stage: str
    renews_id: int | None
    renews_status: str | None
    subsidy_id: int | None
    subsidy_stopped_from: datetime.date | None
    contract_id: int | None
    tenancy_id: int | None
    tenancy_status: str | None
    buy_back_id: int | None
    transfer_id: int | None


FACT_COLUMNS = ("pk", "number", "group", "form", "stage", "renews_id", "renews__status", "subsidy__pk",
                "subsidy__stopped_from", "contract__pk", "contract__tenancy__pk", "contract__tenancy__status",
                "contract__buy_back__pk", "contract__transfer__pk")


def facts_of(application_ids) -> dict[int, Facts]:
    rows = Application.objects.filter(pk__in=list(application_ids)).values_list(*FACT_COLUMNS)
    return {row[0]: Facts(*row) for row in rows}


def claim_of(app: Facts, today: datetime.date) -> Claim | None:
    """What the application holds today, or None when it holds nothing (closed, refused, ended, given back)."""
    stage = app.stage

    def claim(key, kind):
        return Claim(key, kind, app.pk, app.number, app.group, app.form, stage)

    renews = app.renews_id
    if stage in OPEN_STAGES:
        # a renewal under way claims the lease it renews, not a second home.
        return claim(f"tenancy:{renews}" if renews else f"app:{app.pk}", Kind.APPLICATION)
    if stage == Stage.SUBSIDY_RUNNING:
        if app.subsidy_id is None:
            return claim(f"app:{app.pk}", Kind.SUBSIDY)
        # a subsidy stopped from this month or earlier is no longer held.
        if app.subsidy_stopped_from is not None and app.subsidy_stopped_from <= first_of_month(today):
            return None
        return claim(f"subsidy:{app.subsidy_id}", Kind.SUBSIDY)
    if stage in (Stage.CONTRACTED, Stage.FILED):
        contract = app.contract_id
        if app.form == Form.ECONOMIC_HOUSING:
            # bought back, or sold on with the land-revenue payment (full title): no longer held.
            if app.buy_back_id or app.transfer_id:
                return None
            return claim(f"contract:{contract}" if contract else f"app:{app.pk}", Kind.HOME_BOUGHT)
        if renews:
            if app.renews_status == Tenancy.Status.ENDED:
                return None
            return claim(f"tenancy:{renews}", Kind.HOME_LET)
        if app.tenancy_id is not None:
            # the home is held until the keys come back.
            if app.tenancy_status == Tenancy.Status.ENDED:
                return None
            return claim(f"tenancy:{app.tenancy_id}", Kind.HOME_LET)
        return claim(f"contract:{contract}" if contract else f"app:{app.pk}", Kind.HOME_LET)
    return None


def claims_by_person(person_ids, *, today: datetime.date, exclude_applications=()) -> dict[int, list[Claim]]:
    """For each person: the claims of the applications naming them (without ``exclude_applications``)."""
    person_ids = list(person_ids)
    if not person_ids:
        return {}
    links = list(PersonLink.objects.filter(person_id__in=person_ids).exclude(
        application_id__in=list(exclude_applications)).values_list("person_id", "application_id").distinct())
    claims = {pk: claim_of(facts, today) for pk, facts in facts_of({a for _p, a in links}).items()}
    out: dict[int, list[Claim]] = {}
    for person_id, application_id in links:
        found = claims.get(application_id)
        if found is not None:
            out.setdefault(person_id, []).append(found)
    for found in out.values():
        found.sort(key=lambda c: c.number)
    return out


def distinct_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per key: a renewal and its lease count once (R-31)."""
    seen, out = set(), []
    for claim in sorted(claims, key=lambda c: (not c.is_guarantee, c.number)):
        if claim.key not in seen:
            seen.add(claim.key)
            out.append(claim)
    return sorted(out, key=lambda c: c.number)


def signature_of(claims: list[Claim]) -> str:
    return "|".join(sorted({c.key for c in claims}))[:400]


def persons_of_application(application_id: int) -> dict[int, str]:
    """Person id → ID number of everyone named on the application."""
    return dict(PersonLink.objects.filter(application_id=application_id)
                .values_list("person_id", "person__id_number"))


# The stages in which an application can hold something: open, or a contract or a subsidy (claim_of decides).
CLAIMING_STAGES = tuple(OPEN_STAGES | {Stage.CONTRACTED, Stage.FILED, Stage.SUBSIDY_RUNNING})


def persons_on_several_applications(applications=None):
    """Person ids named on two or more applications (of ``applications``' persons, a queryset, when given): the
    only persons who can hold two claims. One aggregate read from the links' index alone (person, application)."""
    links = PersonLink.objects.all()
    if applications is not None:
        links = links.filter(person_id__in=PersonLink.objects.filter(application__in=applications)
                             .values("person_id"))
    return (links.values("person_id").annotate(n=Count("application_id")).filter(n__gte=2)
            .values_list("person_id", flat=True))


def claims_of_persons_on_several(*, today: datetime.date, applications=None) -> dict[int, list[Claim]]:
    """``claims_by_person`` of every person of ``persons_on_several_applications``: the nightly search over the
    whole register, one query streamed in batches (bench/one_guarantee.py)."""
    rows = (PersonLink.objects.filter(person_id__in=persons_on_several_applications(applications),
                                      application__stage__in=CLAIMING_STAGES)
            .values_list("person_id", *(f"application__{c}" for c in FACT_COLUMNS)))
    out: dict[int, list[Claim]] = {}
    seen = set()
    for person_id, *columns in rows:  # not iterator(): a cursor plans for the first rows, slower for all
        if (person_id, columns[0]) in seen:  # one person twice in one household (two spellings of one number)
            continue
        seen.add((person_id, columns[0]))
        found = claim_of(Facts(*columns), today)
        if found is not None:
            out.setdefault(person_id, []).append(found)
    return out


def open_sets_touching(application_ids) -> list[FlaggedSet]:
    return list(FlaggedSet.objects.filter(status=FlaggedSet.Status.OPEN, applications__in=list(application_ids))
                .distinct().select_related("person").prefetch_related("applications").order_by("found_on", "pk"))


def open_sets_touching_query(applications) -> list[FlaggedSet]:
    """The same for a queryset of applications (a ranking's candidates), without listing their ids."""
    return list(FlaggedSet.objects.filter(status=FlaggedSet.Status.OPEN, applications__in=applications)
                .distinct().select_related("person").prefetch_related("applications").order_by("found_on", "pk"))


def give_ups_of(id_numbers) -> dict[str, int]:
    rows = GiveUp.objects.filter(applicant_id_number__in=list(id_numbers)).values("applicant_id_number").annotate(
        n=Count("pk"))
    return {r["applicant_id_number"]: r["n"] for r in rows}


# --- what the staff see ------------------------------------------------------------------------------------

def flagged_sets(*, status: str | None = FlaggedSet.Status.OPEN, limit: int = 200) -> list[FlaggedSet]:
    sets = FlaggedSet.objects.select_related("person", "kept", "resolved_by").prefetch_related("applications")
    if status:
        sets = sets.filter(status=status)
    return list(sets.order_by("-found_on", "-pk")[:limit])


def count_open_sets() -> int:
    return FlaggedSet.objects.filter(status=FlaggedSet.Status.OPEN).count()


def person_by_id_number(id_number: str) -> Person | None:
    return Person.objects.filter(id_number=id_number).first()
