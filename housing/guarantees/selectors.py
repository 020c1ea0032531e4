"""R-3.2: what each person holds at a moment: open applications, homes let or bought under the measures, running
subsidies, and give-ups. Constant cost per person: every read goes through the person's links (an index), never
through a scan of the applications (bench/one_guarantee.py)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
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


def _one(obj, name):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def claim_of(application: Application, today: datetime.date) -> Claim | None:
    """What ``application`` holds today, or None when it holds nothing (closed, refused, ended, given back)."""
    stage = application.stage

    def claim(key, kind):
        return Claim(key, kind, application.pk, application.number, application.group, application.form, stage)

    renews = application.renews_id
    if stage in OPEN_STAGES:
        # a renewal under way claims the lease it renews, not a second home.
        return claim(f"tenancy:{renews}" if renews else f"app:{application.pk}", Kind.APPLICATION)
    if stage == Stage.SUBSIDY_RUNNING:
        subsidy = _one(application, "subsidy")
        if subsidy is None:
            return claim(f"app:{application.pk}", Kind.SUBSIDY)
        # a subsidy stopped from this month or earlier is no longer held.
        if subsidy.stopped_from is not None and subsidy.stopped_from <= first_of_month(today):
            return None
        return claim(f"subsidy:{subsidy.pk}", Kind.SUBSIDY)
    if stage in (Stage.CONTRACTED, Stage.FILED):
        contract = _one(application, "contract")
        if application.form == Form.ECONOMIC_HOUSING:
            # bought back, or sold on with the land-revenue payment (full title): no longer held.
            if contract is not None and (_one(contract, "buy_back") or _one(contract, "transfer")):
                return None
            return claim(f"contract:{contract.pk}" if contract else f"app:{application.pk}", Kind.HOME_BOUGHT)
        if renews:
            if application.renews.status == Tenancy.Status.ENDED:
                return None
            return claim(f"tenancy:{renews}", Kind.HOME_LET)
        tenancy = _one(contract, "tenancy") if contract is not None else None
        if tenancy is not None:
            # the home is held until the keys come back.
            return None if tenancy.status == Tenancy.Status.ENDED else claim(f"tenancy:{tenancy.pk}", Kind.HOME_LET)
        return claim(f"contract:{contract.pk}" if contract else f"app:{application.pk}", Kind.HOME_LET)
    return None


def _applications(ids) -> list[Application]:
    return list(Application.objects.filter(pk__in=list(ids)).select_related(
        "contract__tenancy", "contract__buy_back", "contract__transfer", "subsidy", "renews"))


def claims_by_person(person_ids, *, today: datetime.date, exclude_applications=()) -> dict[int, list[Claim]]:
    """For each person: the claims of the applications naming them (without ``exclude_applications``)."""
    person_ids = list(person_ids)
    if not person_ids:
        return {}
    links = list(PersonLink.objects.filter(person_id__in=person_ids).exclude(
        application_id__in=list(exclude_applications)).values_list("person_id", "application_id").distinct())
    claims = {}
    for app in _applications({a for _p, a in links}):
        claims[app.pk] = claim_of(app, today)
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


def persons_on_several_applications(applications=None):
    """Person ids named on two or more applications (of ``applications``' persons, a queryset, when given): the
    only persons who can hold two claims. One aggregate over the links' index."""
    links = PersonLink.objects.all()
    if applications is not None:
        links = links.filter(person_id__in=PersonLink.objects.filter(application__in=applications)
                             .values("person_id"))
    return (links.values("person_id").annotate(n=Count("application_id", distinct=True)).filter(n__gte=2)
            .values_list("person_id", flat=True))


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
