"""Ranking a round (R-16.3, SPEC §7) and sending the proposed list: services and pages."""

import datetime
import hashlib

import pytest
from django.urls import reverse

from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import Group
from housing.models import Application, Ranking
from housing.rules.ranking import RULE, RankingCandidate, rank
from housing.ranking.services import propose_ranked, rank_round
from housing.stages import Stage
from tests.factories import ApplicationFactory, staff
from tests.factories.applications import EmployerDataFactory, MemberFactory
from tests.factories.workflow import advance, reload
from tests.support.confirmations import post_and_confirm

pytestmark = pytest.mark.django_db

SEED = "2025-R1-40719"
RULE_TEXT = "龙华区住房和建设局公共租赁住房轮候排序规则（2025年）"
D = datetime.date

# (hukou_since, first insurance, honours): the worked example of docs/lottery.md.
C3_FACTS = [
    (D(2008, 3, 1), D(2006, 7, 1), []),
    (D(2006, 7, 1), D(2009, 1, 1), []),
    (D(2012, 5, 1), D(2004, 10, 1), []),
    (D(2006, 7, 1), D(2006, 7, 1), ["moral_model"]),
    (D(2010, 1, 1), D(2006, 7, 1), []),
]


def eligible(round_, group=Group.NO_HOUSING, **kwargs) -> Application:
    return advance(ApplicationFactory(round=round_, group=group, **kwargs), Stage.ELIGIBLE)


@pytest.fixture
def c3_apps(allocation_round):
    apps = []
    for hukou, insurance, honours in C3_FACTS:
        member = MemberFactory(hukou_since=hukou, first_social_insurance_date=insurance)
        apps.append(eligible(allocation_round, members=[member], facts={"contact_phone": "13800138000",
                                                                      "honours": honours}))
    return apps


@pytest.fixture
def ccb_reviewer(db):
    return staff("ccb", "reviewer")


def c3_candidates(apps):
    return [RankingCandidate(ref=a.number, group=Group.NO_HOUSING, hukou_since=h, first_social_insurance_date=i,
                             honours=tuple(hon)) for a, (h, i, hon) in zip(apps, C3_FACTS)]


def stored(ranking):
    return sorted((e.employer_code or None, e.application.number, e.rank, e.lottery_key)
                  for e in ranking.entries.select_related("application") if e.rank is not None)


def expected(result):
    return sorted((q.employer, e.ref, e.rank, e.lottery_key) for q in result.queues for e in q.entries)


def test_stored_ranks_are_those_of_the_rules_for_the_same_facts(c3_apps, ccb_reviewer, allocation_round):
    ranking = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                         rule_text=RULE_TEXT)
    assert stored(ranking) == expected(rank(c3_candidates(c3_apps), seed=SEED))
    # The worked example: the earliest date first, then the honour holder.
    by_number = {e.application.number: e.rank for e in ranking.entries.select_related("application")}
    assert by_number[c3_apps[2].number] == 1
    assert by_number[c3_apps[3].number] == 2
    assert ranking.rule_in_force == RULE and ranking.rule_text == RULE_TEXT and ranking.seed == SEED
    assert ranking.method_zh and ranking.method_en and not ranking.published


def test_lottery_keys_are_the_sha256_of_seed_and_number(c3_apps, ccb_reviewer, allocation_round):
    seed = "龙华2025第一批"
    ranking = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=seed,
                         rule_text=RULE_TEXT)
    entries = list(ranking.entries.select_related("application"))
    assert len(entries) == len(c3_apps)
    for entry in entries:
        assert entry.lottery_key == hashlib.sha256(f"{seed}:{entry.application.number}".encode()).hexdigest()


def test_talents_rank_within_each_employer(allocation_round):
    first, second = EmployerDataFactory(), EmployerDataFactory()
    facts = {"talent_degree": "master", "degree_full_time": True, "contact_phone": "13800138000"}
    doctor = {**facts, "talent_degree": "doctorate"}
    apps = [eligible(allocation_round, Group.INSTITUTION_TALENT, employer=emp, facts=f)
            for emp, f in [(first, facts), (first, doctor), (second, facts), (second, facts)]]
    reviewer = staff("org_personnel", "reviewer")
    ranking = rank_round(actor=reviewer, round=allocation_round, group=Group.INSTITUTION_TALENT, seed=SEED,
                         rule_text=RULE_TEXT)
    candidates = [RankingCandidate(ref=a.number, group=Group.INSTITUTION_TALENT, degree=a.talent_degree,
                                   employer_credit_code=a.employer.credit_code) for a in apps]
    assert stored(ranking) == expected(rank(candidates, seed=SEED))
    assert {e.employer_code for e in ranking.entries.all()} == {first.credit_code, second.credit_code}
    doctor_entry = ranking.entries.get(application=apps[1])
    assert (doctor_entry.employer_code, doctor_entry.rank) == (first.credit_code, 1)


@pytest.mark.parametrize("unit, role", [
    ("ccb", "clerk"), ("org_personnel", "reviewer"), ("social_construction", "head"), ("discipline", "reviewer"),
])
def test_only_the_responsible_unit_ranks(c3_apps, allocation_round, unit, role):
    with pytest.raises(NotPermitted):
        rank_round(actor=staff(unit, role), round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                   rule_text=RULE_TEXT)
    assert not Ranking.objects.exists()


@pytest.mark.parametrize("role", ["reviewer", "head"])
def test_the_reviewer_or_head_of_the_responsible_unit_ranks(c3_apps, allocation_round, role):
    rank_round(actor=staff("ccb", role), round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
               rule_text=RULE_TEXT)
    assert Ranking.objects.count() == 1


@pytest.mark.parametrize("seed, rule_text, field", [(SEED, "", "rule_text"), (SEED, "   ", "rule_text"),
                                                    ("", RULE_TEXT, "seed")])
def test_the_rule_text_and_the_seed_are_required(c3_apps, ccb_reviewer, allocation_round, seed, rule_text, field):
    with pytest.raises(InvalidInput) as exc:
        rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=seed,
                   rule_text=rule_text)
    assert field in exc.value.field_errors
    assert not Ranking.objects.exists()


def test_a_c1_applicant_who_paid_insurance_without_a_date_is_excluded(allocation_round, ccb_reviewer):
    never_paid = eligible(allocation_round, Group.LOW_INCOME_NO_HOUSING, members=[
        MemberFactory(social_insurance_months=0, first_social_insurance_date=None)])
    paid_no_date = eligible(allocation_round, Group.LOW_INCOME_NO_HOUSING, members=[
        MemberFactory(social_insurance_months=24, first_social_insurance_date=None)])
    ranking = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.LOW_INCOME_NO_HOUSING,
                         seed=SEED, rule_text=RULE_TEXT)
    assert ranking.entries.get(application=never_paid).rank == 1
    excluded = ranking.entries.get(application=paid_no_date)
    assert excluded.rank is None and "R-23.1" in excluded.excluded_reason_en and excluded.excluded_reason_zh


def test_propose_ranked_puts_every_ranked_application_on_the_proposed_list(c3_apps, ccb_reviewer,
                                                                          allocation_round):
    excluded = eligible(allocation_round, members=[MemberFactory(first_social_insurance_date=None)])
    ranking = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                         rule_text=RULE_TEXT)
    assert propose_ranked(actor=ccb_reviewer, ranking=ranking) == len(c3_apps)
    for entry in ranking.entries.filter(rank__isnull=False):
        app = reload(entry.application)
        assert (app.stage, app.proposed_rank) == (Stage.PROPOSED, entry.rank)
        history = app.history.order_by("-id").first()
        assert history.event == "propose" and history.payload["rank"] == entry.rank
    assert reload(excluded).stage == Stage.ELIGIBLE
    ranking.refresh_from_db()
    assert ranking.published and ranking.proposed_at is not None and ranking.proposed_by == ccb_reviewer


def test_propose_ranked_by_another_unit_is_refused(c3_apps, ccb_reviewer, allocation_round):
    ranking = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                         rule_text=RULE_TEXT)
    with pytest.raises(NotPermitted):
        propose_ranked(actor=staff("org_personnel", "reviewer"), ranking=ranking)
    assert all(reload(a).stage == Stage.ELIGIBLE for a in c3_apps)


def test_a_second_draw_is_allowed_until_the_first_was_used(c3_apps, ccb_reviewer, allocation_round):
    first = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed="a",
                       rule_text=RULE_TEXT)
    second = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed="b",
                        rule_text=RULE_TEXT)
    assert first.entries.count() == second.entries.count() == len(c3_apps)  # the first is kept, not replaced
    with pytest.raises(InvalidInput):  # only the newest may be sent
        propose_ranked(actor=ccb_reviewer, ranking=first)
    propose_ranked(actor=ccb_reviewer, ranking=second)
    with pytest.raises(InvalidInput):
        rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed="c",
                   rule_text=RULE_TEXT)
    assert Ranking.objects.count() == 2


def test_propose_refuses_when_the_eligible_applications_changed(c3_apps, ccb_reviewer, allocation_round):
    ranking = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                         rule_text=RULE_TEXT)
    eligible(allocation_round)
    with pytest.raises(InvalidInput):
        propose_ranked(actor=ccb_reviewer, ranking=ranking)
    assert all(reload(a).stage == Stage.ELIGIBLE for a in c3_apps)


# --- the pages -------------------------------------------------------------------------------------------

def test_ranking_through_the_pages(portal, c3_apps, ccb_reviewer, allocation_round):
    portal.login(ccb_reviewer)
    detail = portal.get(reverse("housing:round_detail", args=[allocation_round.pk]))
    create_url = reverse("housing:ranking_create", args=[allocation_round.pk])
    assert f'{create_url}?group={Group.NO_HOUSING}' in detail.content.decode()
    response = portal.submit(create_url, {"group": Group.NO_HOUSING, "seed": SEED, "rule_text": RULE_TEXT,
                                          "unit_quota": len(c3_apps)})
    ranking = Ranking.objects.get()
    assert response.status_code == 302 and response.url == reverse("housing:ranking_detail", args=[ranking.pk])
    page = portal.get(response.url).content.decode()
    assert SEED in page and all(a.number in page for a in c3_apps)
    propose_url = reverse("housing:ranking_propose", args=[ranking.pk])
    assert propose_url in page
    assert all(reload(a).stage == Stage.ELIGIBLE for a in c3_apps)  # not before the confirmation
    assert post_and_confirm(portal, propose_url, {}).status_code == 302
    assert all(reload(a).stage == Stage.PROPOSED for a in c3_apps)
    assert propose_url not in portal.get(reverse("housing:ranking_detail", args=[ranking.pk])).content.decode()


def test_the_rule_text_is_required_on_the_page(portal, c3_apps, ccb_reviewer, allocation_round):
    portal.login(ccb_reviewer)
    response = portal.submit(reverse("housing:ranking_create", args=[allocation_round.pk]),
                             {"group": Group.NO_HOUSING, "seed": SEED, "rule_text": ""})
    assert response.status_code == 400
    assert not Ranking.objects.exists()


@pytest.mark.parametrize("unit, role", [("ccb", "clerk"), ("org_personnel", "reviewer")])
def test_other_units_get_403_on_the_pages(portal, c3_apps, ccb_reviewer, allocation_round, unit, role):
    ranking = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                         rule_text=RULE_TEXT)
    portal.login(staff(unit, role))
    url = reverse("housing:ranking_create", args=[allocation_round.pk])
    if unit == "org_personnel":  # it ranks C4, which the round also invites; C3 is not offered
        page = portal.get(url)
        assert Group.NO_HOUSING not in portal.page_form(page).choices("group")
        assert portal.post(url, {"group": Group.NO_HOUSING, "seed": SEED, "rule_text": RULE_TEXT}).status_code == 400
    else:
        assert portal.get(url).status_code == 403
    assert portal.post(reverse("housing:ranking_propose", args=[ranking.pk])).status_code in (403, 404)
    assert Ranking.objects.count() == 1
    assert all(reload(a).stage == Stage.ELIGIBLE for a in c3_apps)


def test_the_proposed_list_stops_at_the_units_quota(c3_apps, ccb_reviewer, allocation_round):
    """R-16.3: ranks beyond the unit's quota stay eligible; the first ones are proposed in rank order."""
    ranking = rank_round(actor=ccb_reviewer, round=allocation_round, group=Group.NO_HOUSING, seed=SEED,
                         rule_text=RULE_TEXT, unit_quota=2)
    by_rank = sorted(ranking.entries.filter(rank__isnull=False), key=lambda e: e.rank)
    assert [e.within_quota for e in by_rank] == [True, True] + [False] * (len(by_rank) - 2)
    assert propose_ranked(actor=ccb_reviewer, ranking=ranking) == 2
    stages = {e.application.number: reload(e.application).stage for e in by_rank}
    assert [stages[e.application.number] for e in by_rank] == [Stage.PROPOSED] * 2 + [Stage.ELIGIBLE] * (len(by_rank) - 2)


def test_each_employers_queue_stops_at_its_quota_and_the_unit_quota_takes_equal_ranks_by_lottery_key(
        allocation_round):
    """R-17.1, R-23.2, R-23.3: cut within each employer, then across employers by rank and lottery key."""
    first, second = EmployerDataFactory(), EmployerDataFactory()
    facts = {"talent_degree": "master", "degree_full_time": True, "contact_phone": "13800138000"}
    for employer in (first, first, first, second, second):
        eligible(allocation_round, Group.INSTITUTION_TALENT, employer=employer, facts=facts)
    reviewer = staff("org_personnel", "reviewer")
    ranking = rank_round(actor=reviewer, round=allocation_round, group=Group.INSTITUTION_TALENT, seed=SEED,
                         rule_text=RULE_TEXT, unit_quota=3, employer_quota=2)
    entries = list(ranking.entries.all())
    assert not any(e.within_quota for e in entries if e.rank > 2)
    rank_two = sorted((e for e in entries if e.rank == 2), key=lambda e: e.lottery_key)
    assert [e.within_quota for e in rank_two] == [True, False]
    assert sum(e.within_quota for e in entries) == 3
    assert propose_ranked(actor=reviewer, ranking=ranking) == 3


@pytest.mark.parametrize("quota", [0, 51])
def test_an_employer_quota_outside_the_policy_cap_is_refused_and_nothing_is_stored(allocation_round, quota):
    employer = EmployerDataFactory()
    eligible(allocation_round, Group.INSTITUTION_TALENT, employer=employer,
             facts={"talent_degree": "master", "degree_full_time": True, "contact_phone": "13800138000"})
    with pytest.raises(InvalidInput) as refused:
        rank_round(actor=staff("org_personnel", "reviewer"), round=allocation_round,
                   group=Group.INSTITUTION_TALENT, seed=SEED, rule_text=RULE_TEXT, unit_quota=5,
                   employer_quota=quota)
    assert "Art. 17" in str(refused.value.field_errors["employer_quota"][0])
    assert not Ranking.objects.exists()
