"""The waiting list (R-16.3, R-23; docs/decisions/0040): an eligible application its round's ranking did not
propose is ranked with the next round of its group, keeping its dates (number, registration date, the Art. 23
dates it is ranked on)."""

import datetime

import pytest
from django.utils import timezone

from housing.cases.counters import recount_all
from housing.exceptions import InvalidInput
from housing.groups import Group
from housing.models import StageCount
from housing.ranking.services import propose_ranked, rank_round
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, MemberFactory, staff
from tests.factories.plan import approved_plan_with_homes
from tests.factories.workflow import advance, reload

pytestmark = pytest.mark.django_db
SEED = "2026-WAIT-1"
RULE_TEXT = "龙华区公共租赁住房轮候排序规则"


@pytest.fixture(autouse=True)
def plan(db):
    """Every round of the year under one approved plan giving each unit 20 homes (R-15.3)."""
    return approved_plan_with_homes(timezone.localdate().year)


def eligible(round_, since: datetime.date, group=Group.NO_HOUSING):
    member = MemberFactory(hukou_since=since, first_social_insurance_date=since)
    return advance(ApplicationFactory(round=round_, group=group, members=[member]), Stage.ELIGIBLE)


def rank(round_, group=Group.NO_HOUSING, **quotas):
    return rank_round(actor=staff("ccb", "reviewer"), round=round_, group=group, seed=SEED, rule_text=RULE_TEXT,
                      **quotas)


def ranked(ranking) -> list[str]:
    return [e.application.number for e in ranking.entries.select_related("application").filter(rank__isnull=False)
            .order_by("rank")]


def counts(round_, stage=Stage.ELIGIBLE) -> int:
    return sum(StageCount.objects.filter(round=round_, stage=stage).values_list("count", flat=True))


@pytest.fixture
def first_round_used():
    """Round 1: three eligible C3 households, a quota of one: the earliest is proposed, two wait."""
    round_1 = AllocationRoundFactory()
    apps = [eligible(round_1, datetime.date(2005 + n, 1, 1)) for n in range(3)]
    assert propose_ranked(actor=staff("ccb", "reviewer"), ranking=rank(round_1, unit_quota=1)) == 1
    return round_1, apps


def test_the_applications_not_proposed_are_ranked_with_the_next_round_by_their_own_dates(first_round_used):
    round_1, (proposed, second, third) = first_round_used
    before = {a.pk: (a.number, a.submitted_at) for a in (second, third)}
    round_2 = AllocationRoundFactory()
    newcomer = eligible(round_2, datetime.date(2006, 6, 1))  # between the two who waited
    ranking = rank(round_2)
    assert ranked(ranking) == [second.number, newcomer.number, third.number]
    for app in (second, third):
        app = reload(app)
        assert app.round_id == round_2.pk and app.stage == Stage.ELIGIBLE
        assert (app.number, app.submitted_at) == before[app.pk]  # keeping its dates
        row = app.history.order_by("-seq").first()
        assert (row.event, row.payload["from_round"]) == ("carried_over", round_1.pk)
    assert reload(proposed).round_id == round_1.pk
    assert propose_ranked(actor=staff("ccb", "reviewer"), ranking=ranking) == 3


def test_the_stage_counts_follow_the_applications_to_the_next_round(first_round_used):
    round_1, _apps = first_round_used
    round_2 = AllocationRoundFactory()
    eligible(round_2, datetime.date(2010, 1, 1))
    rank(round_2)
    assert (counts(round_1), counts(round_2)) == (0, 3)
    recount_all()
    assert (counts(round_1), counts(round_2)) == (0, 3)


def test_nothing_is_carried_while_the_earlier_rounds_ranking_is_not_used():
    round_1 = AllocationRoundFactory()
    waiting = eligible(round_1, datetime.date(2005, 1, 1))
    rank(round_1, unit_quota=1)  # drawn, not yet sent: round 1's own list may still take it
    round_2 = AllocationRoundFactory()
    own = eligible(round_2, datetime.date(2009, 1, 1))
    assert ranked(rank(round_2)) == [own.number]
    assert reload(waiting).round_id == round_1.pk


def test_an_application_found_eligible_after_its_rounds_ranking_was_used_joins_the_next(first_round_used):
    round_1, _apps = first_round_used
    late = eligible(round_1, datetime.date(2001, 1, 1))
    with pytest.raises(InvalidInput):
        rank(round_1)  # the ranking of round 1 was used: no second draw
    round_2 = AllocationRoundFactory()
    ranking = rank(round_2)
    assert ranked(ranking)[0] == late.number  # its own, earlier, hukou date ranks it first
    assert reload(late).round_id == round_2.pk


def test_another_groups_round_takes_none(first_round_used):
    round_1, (_proposed, second, _third) = first_round_used
    round_2 = AllocationRoundFactory(groups=[Group.LOW_INCOME_NO_HOUSING])
    own = eligible(round_2, datetime.date(2009, 1, 1), group=Group.LOW_INCOME_NO_HOUSING)
    assert ranked(rank(round_2, group=Group.LOW_INCOME_NO_HOUSING)) == [own.number]
    assert reload(second).round_id == round_1.pk
