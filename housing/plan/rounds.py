"""Supply notices and allocation rounds (R-16.1, R-12.2)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import can_manage_rounds
from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import Group
from housing.models import AllocationRound, SupplyNotice
from housing.plan.selectors import approved_plan_of_year


@transaction.atomic
def open_round_with_supply_notice(*, actor, year: int, name: str, title: str, body: str, groups: list[str],
                                  application_deadline: datetime.date) -> AllocationRound:
    """R-16.1: a round opens only from a published supply notice; R-15.4: and only under the approved supply plan
    of its year."""
    if not can_manage_rounds(actor):
        raise NotPermitted(_("Only the City Construction Bureau publishes supply notices (Art. 12(2))."))
    errors = {}
    if not groups or set(groups) - set(Group.values):
        errors["groups"] = [_("Choose the applicant groups the notice invites.")]
    if not (title or "").strip():
        errors["title"] = [_("This field is required.")]
    if not (body or "").strip():
        errors["body"] = [_("State what homes are offered, to whom, and how to apply (Art. 16(1)).")]
    if application_deadline < timezone.localdate():
        errors["application_deadline"] = [_("The deadline cannot be in the past.")]
    plan = approved_plan_of_year(year)
    if plan is None:
        errors["year"] = [_("There is no approved supply plan for %(year)s: a round opens only under a plan the "
                            "Joint Meeting confirmed and the Management Committee approved (Art. 15).")
                          % {"year": year}]
    if errors:
        raise InvalidInput(_("The supply notice was not published; correct the marked fields."), field_errors=errors)
    notice = SupplyNotice.objects.create(title=title.strip(), body=body.strip(), groups=list(groups),
                                         application_deadline=application_deadline, published_at=timezone.now(),
                                         created_by=actor)
    return AllocationRound.objects.create(year=year, name=name.strip() or title.strip(), supply_notice=notice,
                                         supply_plan=plan)


@transaction.atomic
def close_round(*, actor, round: AllocationRound) -> AllocationRound:
    if not can_manage_rounds(actor):
        raise NotPermitted()
    round.status = AllocationRound.Status.CLOSED
    round.save(update_fields=["status"])
    return round
