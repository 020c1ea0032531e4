"""R-3.2: the register of persons. Every household member of every application is linked to one Person, by its
normalised ID number; intake, the employers' rosters (through intake), the demo and the nightly job keep it up to
date."""

import re
from collections.abc import Iterable

from housing.models import HouseholdMember, Person, PersonLink

BATCH = 5000


def normalise_id_number(value: str) -> str:
    """Upper-case, without spaces or dashes: ``4403091990…x`` and ``4403091990…X`` are one person (R-X.3)."""
    return re.sub(r"[\s\-]", "", value or "").upper()[:18]


def persons_for(id_numbers: Iterable[str], names: dict[str, str] | None = None) -> dict[str, int]:
    """Person ids by normalised ID number, creating the persons not yet known (two queries)."""
    names = names or {}
    wanted = {normalise_id_number(n) for n in id_numbers} - {""}
    if not wanted:
        return {}
    Person.objects.bulk_create([Person(id_number=n, name=names.get(n, "")) for n in sorted(wanted)],
                               ignore_conflicts=True, batch_size=BATCH)
    return dict(Person.objects.filter(id_number__in=wanted).values_list("id_number", "pk"))


def link_members(members: Iterable[HouseholdMember]) -> int:
    """Link saved members to their persons; a member whose ID number changed is moved to its new person."""
    members = [m for m in members if m.pk]
    if not members:
        return 0
    person_of = persons_for((m.id_number for m in members),
                            {normalise_id_number(m.id_number): m.name for m in members})
    links = [PersonLink(member_id=m.pk, application_id=m.application_id,
                        person_id=person_of[normalise_id_number(m.id_number)])
             for m in members if normalise_id_number(m.id_number) in person_of]
    PersonLink.objects.bulk_create(links, update_conflicts=True, unique_fields=["member"],
                                   update_fields=["person", "application"], batch_size=BATCH)
    return len(links)


def link_applications(application_ids: Iterable[int]) -> int:
    """Link (again) every member of these applications: after intake, or after a member was changed."""
    ids = list(application_ids)
    if not ids:
        return 0
    return link_members(HouseholdMember.objects.filter(application_id__in=ids).only(
        "pk", "application_id", "id_number", "name"))


def link_unlinked_members() -> int:
    """Members written by a path that did not link them (old imports, a script): linked in batches. The nightly job
    runs this first, so no duplicate escapes it for want of a link."""
    done = 0
    while True:
        batch = list(HouseholdMember.objects.filter(person_link__isnull=True).order_by("pk")
                     .only("pk", "application_id", "id_number", "name")[:BATCH])
        linked = link_members(batch) if batch else 0
        if not linked:  # nothing left, or only members without an ID number to link
            return done
        done += linked
