"""R-3.2: the nightly search for persons who hold two claims at once (old rounds, imports, data from before the
register): each is a flagged set that a head of the CCB resolves. Idempotent: the same claims are flagged once
(the set's signature is unique per person); a new claim makes a new set."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from housing.events import is_staff_action
from housing.guarantees.register import link_unlinked_members
from housing.guarantees.selectors import claims_by_person, distinct_claims, persons_on_several_applications, signature_of
from housing.models import FlaggedSet, OfficeAction

CHUNK = 2000
ACTION = "flagged_set_found"


def _flag_chunk(person_ids: list[int], today: datetime.date) -> list[FlaggedSet]:
    claims = claims_by_person(person_ids, today=today)
    found = {}
    for person, held in claims.items():
        distinct = distinct_claims(held)
        if len(distinct) >= 2:
            found[person] = (signature_of(distinct), sorted({c.application_id for c in held}),
                             sorted({c.number for c in held}))
    if not found:
        return []
    known = set(FlaggedSet.objects.filter(person_id__in=list(found)).values_list("person_id", "signature"))
    new = [(person, sig, apps, numbers) for person, (sig, apps, numbers) in found.items()
           if (person, sig) not in known]
    if not new:
        return []
    with transaction.atomic():
        sets = FlaggedSet.objects.bulk_create(
            [FlaggedSet(person_id=p, signature=sig, found_on=today) for p, sig, _apps, _numbers in new],
            ignore_conflicts=False)
        Through = FlaggedSet.applications.through
        Through.objects.bulk_create([Through(flaggedset_id=s.pk, application_id=a)
                                     for s, (_p, _sig, apps, _n) in zip(sets, new) for a in apps], batch_size=CHUNK)
        assert is_staff_action(ACTION)
        # every finding of the job is in the staff actions, under no one's name.
        OfficeAction.objects.bulk_create([OfficeAction(
            actor=None, actor_name="scheduled-job", action=ACTION, article="R-3.2", object_type="flaggedset",
            object_id=str(s.pk), summary=_("Applications %(numbers)s name the same person.") % {
                "numbers": ", ".join(numbers)},
            data={"person": p, "applications": numbers, "signature": sig})
            for s, (p, sig, _apps, numbers) in zip(sets, new)],
            batch_size=CHUNK)
    return sets


def flag_persons(*, candidates=None, today: datetime.date | None = None) -> int:
    """Flag every person on two or more applications who holds two claims; ``candidates`` (a queryset of
    applications) limits the search to their persons. Returns the number of new sets."""
    today = today or timezone.localdate()
    persons = list(persons_on_several_applications(candidates))
    created = 0
    for start in range(0, len(persons), CHUNK):
        created += len(_flag_chunk(persons[start:start + CHUNK], today))
    return created


def find_flagged_sets(*, today: datetime.date | None = None) -> int:
    """The nightly job: link the members no path linked yet, then flag every duplicate of the whole register."""
    link_unlinked_members()
    return flag_persons(today=today)
