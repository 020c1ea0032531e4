"""A public notice whose order comes from a published ranking (R-16.3, R-23.3), built through the services: the
reviewer ranks the eligible applications with a seed, proposes them, the CCB rechecks and publishes the notice, and
an objection freezes one entry (R-16.6). For the public pages' order, frozen mark and lottery link (decision 0045)."""

from dataclasses import dataclass

from housing.groups import Group
from housing.models import Application, Ranking
from housing.ranking.services import propose_ranked, rank_round
from housing.stages import Stage
from publicity.models import PublicNotice
from tests.factories import ApplicationFactory, advance, staff, take
from tests.factories.workflow import latest_notice, reload

SEED = "龙华2026第一批公开摇号"


@dataclass
class RankedNotice:
    ranking: Ranking
    notice: PublicNotice
    applications: list[Application]  # in rank order
    frozen: Application


def ranked_notice(allocation_round, count: int = 4) -> RankedNotice:
    reviewer = staff("ccb", "reviewer")  # the CCB reviews and ranks C3
    eligible = [advance(ApplicationFactory(round=allocation_round), Stage.ELIGIBLE) for _ in range(count)]
    ranking = rank_round(actor=reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                         rule_text="按申请受理时间先后排序；同日受理的，以公开摇号结果为准。")
    propose_ranked(actor=reviewer, ranking=ranking)
    rechecked = [advance(reload(app), Stage.RECHECKED) for app in eligible]
    advance(rechecked[0], Stage.PUBLIC_NOTICE)  # publishing puts every rechecked application into the notice
    in_rank_order = sorted((reload(app) for app in rechecked), key=lambda app: app.proposed_rank)
    frozen = take("freeze_for_objection", in_rank_order[-1])
    return RankedNotice(ranking=ranking, notice=latest_notice(frozen), applications=in_rank_order, frozen=frozen)
