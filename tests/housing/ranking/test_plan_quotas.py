"""The ranking's quotas come from the round's approved supply plan (R-15.3, R-16.3, R-17; named read
housing.plan.selectors.ranking_quotas)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.exceptions import InvalidInput
from housing.groups import Form, Group
from housing.models import PlanQuota, Ranking
from housing.plan.services import split_employer_quota
from housing.ranking.services import propose_ranked, rank_round
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, staff
from tests.factories.applications import EmployerDataFactory
from tests.factories.plan import add_stock, approved_plan
from tests.factories.workflow import advance, reload
from tests.housing.conftest import field_error

pytestmark = pytest.mark.django_db

SEED = "2026-PLAN-1"
RULE_TEXT = "龙华区住房和建设局公共租赁住房轮候排序规则（2026年）"
TALENT_FACTS = {"talent_degree": "master", "degree_full_time": True, "contact_phone": "13800138000"}


def plan_round(**quotas):
    """A round under an approved plan with ``quotas`` = {unit_code: (rental, sale)}, the stock carrying them."""
    rental = sum(q[0] for q in quotas.values())
    sale = sum(q[1] for q in quotas.values())
    if rental:
        add_stock(Form.PUBLIC_RENTAL, rental)
    if sale:
        add_stock(Form.ECONOMIC_HOUSING, sale)
    approved_plan(timezone.localdate().year, quotas=quotas)
    return AllocationRoundFactory()


def eligible(round_, group=Group.NO_HOUSING, count=1, **kwargs):
    return [advance(ApplicationFactory(round=round_, group=group, **kwargs), Stage.ELIGIBLE) for _ in range(count)]


def rank(round_, group=Group.NO_HOUSING, actor=None, **quotas):
    return rank_round(actor=actor or staff("ccb", "reviewer"), round=round_, group=group, seed=SEED,
                      rule_text=RULE_TEXT, **quotas)


def within(ranking) -> int:
    return ranking.entries.filter(within_quota=True, rank__isnull=False).count()


def test_an_empty_unit_quota_takes_the_homes_the_plan_gives_the_unit():
    round_ = plan_round(ccb=(2, 0))
    eligible(round_, count=3)
    ranking = rank(round_)
    assert ranking.unit_quota == 2 and within(ranking) == 2
    assert propose_ranked(actor=staff("ccb", "reviewer"), ranking=ranking) == 2


def test_a_ranking_above_the_plans_quota_is_refused_naming_the_plan_and_nothing_is_stored():
    round_ = plan_round(ccb=(2, 0))
    eligible(round_, count=3)
    with pytest.raises(InvalidInput) as refused:
        rank(round_, unit_quota=3)
    message = str(refused.value.field_errors["unit_quota"][0])
    assert str(round_.supply_plan) in message and "2" in message
    assert not Ranking.objects.exists()


def test_a_smaller_quota_than_the_plan_stops_the_list_earlier():
    round_ = plan_round(ccb=(5, 0))
    eligible(round_, count=3)
    assert within(rank(round_, unit_quota=1)) == 1


def test_what_earlier_proposed_lists_took_is_no_longer_left_to_the_unit():
    """R-15.3: the CCB's quota covers its two groups (C1 and C3) together."""
    round_ = plan_round(ccb=(2, 1))
    eligible(round_, count=2)
    reviewer = staff("ccb", "reviewer")
    assert propose_ranked(actor=reviewer, ranking=rank(round_)) == 2
    c1 = eligible(round_, Group.LOW_INCOME_NO_HOUSING, count=2)
    with pytest.raises(InvalidInput):
        rank(round_, Group.LOW_INCOME_NO_HOUSING, unit_quota=2)
    ranking = rank(round_, Group.LOW_INCOME_NO_HOUSING)
    assert ranking.unit_quota == 1 and within(ranking) == 1
    assert propose_ranked(actor=reviewer, ranking=ranking) == 1
    assert sorted(reload(a).stage for a in c1) == sorted([Stage.PROPOSED, Stage.ELIGIBLE])


def test_each_employer_gets_no_more_than_its_share_of_the_plan():
    """R-7.2, R-17: the unit split its quota; an employer outside the split gets none."""
    round_ = plan_round(org_personnel=(5, 0))
    shared, left_out = EmployerDataFactory(), EmployerDataFactory()
    eligible(round_, Group.INSTITUTION_TALENT, count=2, employer=shared, facts=TALENT_FACTS)
    outside = eligible(round_, Group.INSTITUTION_TALENT, employer=left_out, facts=TALENT_FACTS)
    quota = PlanQuota.objects.get(plan=round_.supply_plan, unit__code="org_personnel")
    employer = reload(outside[0]).employer.__class__.objects.get(credit_code=shared.credit_code)
    split_employer_quota(actor=staff("org_personnel", "reviewer"), plan_quota=quota, employer=employer,
                         rental_units=1, sale_units=0)
    reviewer = staff("org_personnel", "reviewer")
    ranking = rank(round_, Group.INSTITUTION_TALENT, actor=reviewer)
    fitting = {(e.employer_code, e.rank) for e in ranking.entries.filter(within_quota=True)}
    assert fitting == {(shared.credit_code, 1)}
    assert propose_ranked(actor=reviewer, ranking=ranking) == 1


def test_subsidies_are_not_cut_by_the_plans_homes():
    """decision 0014: a plan without homes opens a round of subsidies only; a home asked for is not given."""
    round_ = plan_round()
    subsidies = eligible(round_, Group.MINIMUM_ALLOWANCE, count=2, form=Form.SUBSIDY)
    home = eligible(round_, Group.MINIMUM_ALLOWANCE, form=Form.PUBLIC_RENTAL)
    reviewer = staff("social_construction", "reviewer")
    ranking = rank(round_, Group.MINIMUM_ALLOWANCE, actor=reviewer)
    assert ranking.unit_quota == 0
    assert propose_ranked(actor=reviewer, ranking=ranking) == 2
    assert [reload(a).stage for a in subsidies] == [Stage.PROPOSED, Stage.PROPOSED]
    assert reload(home[0]).stage == Stage.ELIGIBLE


def test_the_page_shows_what_the_plan_leaves_and_refuses_more(portal):
    round_ = plan_round(ccb=(2, 0))
    eligible(round_, count=3)
    portal.login(staff("ccb", "reviewer"))
    url = reverse("housing:ranking_create", args=[round_.pk])
    page = portal.get(url).content.decode()
    assert f"{round_.supply_plan}" in page and "2 homes" in page and "2 remain" in page
    response = portal.submit(url, {"group": Group.NO_HOUSING, "seed": SEED, "rule_text": RULE_TEXT, "unit_quota": 3})
    assert response.status_code == 400
    assert "at most 2" in field_error(response.content.decode(), "id_unit_quota")
    assert not Ranking.objects.exists()
