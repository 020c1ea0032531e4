"""R-3.2: the nightly search for persons who hold two claims at once (old rounds, imports, data from before the
register): each is a flagged set that a head of the CCB resolves. Idempotent: the same claims are flagged once
(the set's signature is unique per person); a new claim makes a new set."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from housing.events import is_staff_action
from housing.guarantees.register import link_unlinked_members
from housing.guarantees.selectors import claims_of_persons_on_several, distinct_claims, signature_of
from housing.models import FlaggedSet, OfficeAction

CHUNK = 2000
ACTION = "flagged_set_found"


def _flag(claims: dict[int, list], today: datetime.date) -> list[FlaggedSet]:
    found = {}
    for person, held in claims.items():
        distinct = distinct_claims(held)
        if len(distinct) >= 2:
            found[person] = (signature_of(distinct), sorted({c.application_id for c in held}),
                             sorted({c.number for c in held}))
    if not found:
        return []
    known = set()
    people = list(found)
    for start in range(0, len(people), CHUNK):
        known |= set(FlaggedSet.objects.filter(person_id__in=people[start:start + CHUNK])
                     .values_list("person_id", "signature"))
    new = [(person, sig, apps, numbers) for person, (sig, apps, numbers) in found.items()
           if (person, sig) not in known]
    if not new:
        return []
    with transaction.atomic():
        sets = FlaggedSet.objects.bulk_create(
            [FlaggedSet(person_id=p, signature=sig, found_on=today) for p, sig, _apps, _numbers in new],
            batch_size=CHUNK)
        Through = FlaggedSet.applications.through
        Through.objects.bulk_create([Through(flaggedset_id=s.pk, application_id=a)
                                     for s, (_p, _sig, apps, _n) in zip(sets, new) for a in apps], batch_size=CHUNK)
        if not is_staff_action(ACTION):
            raise ValueError(f"{ACTION!r} is not a staff action of housing.events.Event")
        # each run that finds something is one staff action under no one's name, listing its sets (a
        # first run over old data may find thousands: one row, not one per set).
        OfficeAction.objects.bulk_create([OfficeAction(
            actor=None, actor_name="scheduled-job", action=ACTION, article="R-3.2", object_type="flaggedset",
            object_id=str(sets[0].pk), summary=_("%(count)s flagged sets found, each a person on two applications or "
                                                 "guarantees at once.") % {"count": len(sets)},
            data={"sets": {str(s.pk): numbers for s, (_p, _sig, _apps, numbers) in zip(sets, new)}})])
    return sets


def flag_persons(*, candidates=None, today: datetime.date | None = None) -> int:
    """Flag every person on two or more applications who holds two claims; ``candidates`` (a queryset of
    applications) limits the search to their persons. Returns the number of new sets."""
    today = today or timezone.localdate()
    return len(_flag(claims_of_persons_on_several(today=today, applications=candidates), today))


def find_flagged_sets(*, today: datetime.date | None = None) -> int:
    """The nightly job: link the members no path linked yet, then flag every duplicate of the whole register."""
    link_unlinked_members()
    return flag_persons(today=today)
