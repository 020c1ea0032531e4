"""The waiting list (R-16.3, R-23; docs/decisions/0040): an eligible application that its round's ranking did not
put on the proposed list — ranked beyond the quotas, or found eligible after the ranking was used — stays eligible
and is ranked with the next round of its group.

When the responsible unit ranks a round, every eligible application of the same group from an earlier round whose
ranking of that group was already used (its proposed list sent, or published) joins this round. It keeps its dates:
its number, its registration date, its eligibility decision and the facts it is ranked on (the Art. 23(1) hukou and
social-insurance dates, the Art. 23(2) title and degree) stay as they were; only its round changes, recorded in its
history with the round it came from.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from housing.cases.counters import count_carried
from housing.cases.workflow import record_event
from housing.models import AllocationRound, Application, Ranking
from housing.stages import Stage

CARRIED_OVER_EVENT = "carried_over"


def waiting(*, round: AllocationRound, group: str):
    """Eligible applications of the group from rounds opened before ``round`` whose ranking of the group was used."""
    used = (Ranking.objects.filter(group=group, round_id__lt=round.pk)
            .filter(Q(proposed_at__isnull=False) | Q(published=True)).values("round_id"))
    return Application.objects.filter(group=group, stage=Stage.ELIGIBLE, round_id__in=used)


def carry_over(*, actor, round: AllocationRound, group: str) -> list[str]:
    """Move the waiting applications into ``round``, inside the caller's transaction; returns their numbers."""
    moved = []
    if group not in (round.supply_notice.groups or []):
        return moved  # a round whose supply notice does not invite the group takes none of its applications
    for application in waiting(round=round, group=group).select_related("round").order_by("submitted_at", "pk"):
        earlier = application.round
        locked = record_event(actor=actor, application=application, duty="propose", event=CARRIED_OVER_EVENT,
                              expected_version=application.version,
                              reason=_("Not proposed in %(earlier)s; ranked with %(round)s (Art. 16(3), Art. 23).")
                              % {"earlier": earlier, "round": round},
                              articles=["R-16.3", "R-23"],
                              payload={"from_round": earlier.pk, "to_round": round.pk})
        Application.objects.filter(pk=locked.pk).update(round=round)
        locked.round = round
        count_carried(locked, from_round_id=earlier.pk)
        moved.append(locked.number)
    return moved
