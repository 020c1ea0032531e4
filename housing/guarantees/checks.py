"""R-3.2 (Art. 3): the checks the chapters call before they give a person a place, a home or a subsidy.

``intake_refusals`` for intake and the employers' rosters (field errors, nothing saved); ``refuse_second_guarantee``
for selection, the contract and the subsidy's start; ``refuse_ranking`` for the ranking. Each names the other
application's number and the article; the one exception is a renewal of the person's own lease (R-31)."""

import datetime

from django.utils.translation import gettext as _

from housing.exceptions import InvalidInput
from housing.guarantees.selectors import (
    Claim, Kind, claims_by_person, distinct_claims, open_sets_touching, open_sets_touching_query,
    persons_of_application,
)
from housing.guarantees.flagging import flag_persons
from housing.guarantees.register import normalise_id_number
from housing.models import Application, Person

ARTICLE = "R-3.2"


def describe(claim: Claim, name: str) -> str:
    """One sentence a clerk can act on: who, what, which application, which article."""
    words = {"name": name, "number": claim.number}
    if claim.kind == Kind.APPLICATION:
        return _("%(name)s is already on application %(number)s, which is still open: a household holds one "
                 "guarantee at a time (Art. 3).") % words
    if claim.kind == Kind.HOME_LET:
        return _("%(name)s already rents a home under application %(number)s: a household holds one guarantee at "
                 "a time (Art. 3).") % words
    if claim.kind == Kind.HOME_BOUGHT:
        return _("%(name)s bought a home under application %(number)s without full title yet: a household holds "
                 "one guarantee at a time (Art. 3).") % words
    return _("%(name)s draws a housing subsidy under application %(number)s: a household holds one guarantee at "
             "a time (Art. 3).") % words


def _allowed(claim: Claim, renews_id: int | None) -> bool:
    # the renewal of the person's own lease is the one exception.
    return renews_id is not None and claim.key == f"tenancy:{renews_id}"


# --- intake (R-16.2) -----------------------------------------------------------------------------------------

def intake_refusals_many(datas, *, today: datetime.date) -> list[dict[str, list[str]]]:
    """For each household about to be registered: a field error on every member who already holds an open
    application or a guarantee. Three queries for any number of households (an employer's roster)."""
    numbers = {normalise_id_number(m.get("id_number") or "") for d in datas for m in d.members} - {""}
    results: list[dict[str, list[str]]] = [{} for _d in datas]
    if not numbers:
        return results
    person_of = dict(Person.objects.filter(id_number__in=numbers).values_list("id_number", "pk"))
    if not person_of:
        return results
    claims = claims_by_person(person_of.values(), today=today)
    for data, errors in zip(datas, results):
        renews_id = data.renews.pk if getattr(data, "renews", None) is not None else None
        for index, member in enumerate(data.members):
            person = person_of.get(normalise_id_number(member.get("id_number") or ""))
            held = [c for c in distinct_claims(claims.get(person, [])) if not _allowed(c, renews_id)]
            for claim in held:
                errors.setdefault(f"members.{index}.id_number", []).append(
                    describe(claim, (member.get("name") or "").strip() or member.get("id_number")))
    return results


def intake_refusals(data, *, today: datetime.date) -> dict[str, list[str]]:
    return intake_refusals_many([data], today=today)[0]


# --- selection, contract, subsidy (R-16.8c, R-16.8d, R-16.a) ------------------------------------------------

def holdings_against(application: Application, *, today: datetime.date) -> list[tuple[str, Claim]]:
    """(ID number, claim) of every home or subsidy another application gives a person of this one."""
    persons = persons_of_application(application.pk)
    claims = claims_by_person(persons, today=today, exclude_applications=[application.pk])
    out = []
    for person, found in claims.items():
        for claim in distinct_claims(found):
            if claim.is_guarantee and not _allowed(claim, application.renews_id):
                out.append((persons[person], claim))
    return out


def refuse_second_guarantee(application: Application, *, today: datetime.date) -> None:
    """Raise InvalidInput, naming the other application and Art. 3, when a person of ``application`` already holds
    a home or a subsidy, or stands in a flagged set not yet resolved."""
    held = holdings_against(application, today=today)
    if held:
        names = dict(application.members.values_list("id_number", "name"))
        raise InvalidInput(" ".join(describe(claim, names.get(number, number)) for number, claim in held),
                           article=ARTICLE)
    flagged = open_sets_touching([application.pk])
    if flagged:
        raise InvalidInput(flagged_message(flagged), article=ARTICLE)


def flagged_message(sets) -> str:
    first = sets[0]
    numbers = ", ".join(sorted(a.number for a in first.applications.all()))
    return _("Applications %(numbers)s name the same person and await a decision of the City Construction Bureau "
             "(flagged on %(found_on)s): a household holds one guarantee at a time (Art. 3).") % {
        "numbers": numbers, "found_on": first.found_on.isoformat()}


# --- ranking (R-16.3) ---------------------------------------------------------------------------------------

def refuse_ranking(candidates, *, today: datetime.date) -> None:
    """A ranking is refused while a candidate (a queryset of applications) stands in an unresolved flagged set, or
    a person of a candidate holds a home or a subsidy through another application. The candidates' persons are
    first checked for new duplicates (the nightly job's own search, on them only), so a duplicate registered today
    is not ranked twice before the night."""
    flag_persons(candidates=candidates, today=today)
    sets = open_sets_touching_query(candidates)
    if sets:
        raise InvalidInput(flagged_message(sets), article=ARTICLE)
