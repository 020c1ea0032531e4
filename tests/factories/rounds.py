"""Allocation rounds, opened the way the CCB opens them: from a published supply notice (R-16.1)."""

import datetime

import factory
from django.utils import timezone

from housing.groups import Group
from housing.models import AllocationRound
from housing.plan.rounds import close_round, open_round_with_supply_notice
from tests.factories.plan import approved_plan
from tests.factories.staff import staff


class AllocationRoundFactory(factory.Factory):
    """``AllocationRoundFactory(groups=[Group.NO_HOUSING], year=2026, closed=True)``."""

    class Meta:
        model = AllocationRound

    actor = factory.LazyFunction(lambda: staff("ccb", "clerk"))
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    name = factory.Sequence(lambda n: f"第{n}批")
    title = factory.Sequence(lambda n: f"龙华新区保障性住房第{n}批供应公告")
    body = "本批次供应公共租赁住房与经济适用住房，申请方式见附件。"
    groups = factory.LazyFunction(lambda: list(Group.values))
    application_deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    closed = False  # closed for applications after opening (close_round)

    @classmethod
    def _create(cls, model_class, *, actor, closed=False, **kwargs):
        approved_plan(kwargs["year"])  # only an approved supply plan opens a round
        round_ = open_round_with_supply_notice(actor=actor, **kwargs)
        if closed:
            round_ = close_round(actor=actor, round=round_)
        return round_

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Rounds are opened through the service; use AllocationRoundFactory().")
