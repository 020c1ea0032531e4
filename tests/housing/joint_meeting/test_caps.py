"""R-17.1, R-17.2: one employer gets at most 50 homes in a year's plan, or the number a Joint Meeting decision in
force gives it for that year: in the talent unit's split, in the ranking's cut and at selection."""

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.exceptions import InvalidInput
from housing.groups import Form, Group
from housing.joint_meeting.selectors import employer_cap, employer_caps, highest_cap
from housing.joint_meeting.services import record_decision
from housing.models import Employer, EmployerQuota, PlanQuota, RankingEntry
from housing.plan.services import split_employer_quota
from housing.ranking.services import quota_cut, rank_round
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, make_credit_code, staff
from tests.factories.applications import EmployerDataFactory
from tests.factories.plan import add_stock, approved_plan
from tests.factories.selection import set_policy
from tests.factories.workflow import advance
from tests.housing.joint_meeting.conftest import decide_quota, quota_input

pytestmark = pytest.mark.django_db

TALENT_FACTS = {"talent_degree": "master", "degree_full_time": True, "contact_phone": "13800138000"}


@pytest.fixture
def year():
    return timezone.localdate().year + 1


@pytest.fixture
def org_quota(year):
    add_stock(Form.PUBLIC_RENTAL, 200)
    plan = approved_plan(year, quotas={"org_personnel": (200, 0)})
    return PlanQuota.objects.get(plan=plan, unit__code="org_personnel")


def split(quota, employer, homes, decision=None):
    return split_employer_quota(actor=staff("org_personnel", "reviewer"), plan_quota=quota, employer=employer,
                                rental_units=homes, sale_units=0, decision=decision)


# --- the split of the talent unit's quota -------------------------------------------------------------------

def test_fifty_homes_without_a_decision_fifty_one_refused(org_quota, agency):
    assert split(org_quota, agency, 50).total == 50
    with pytest.raises(InvalidInput) as refused:
        split(org_quota, agency, 51)
    assert "Art. 17" in refused.value.field_errors["decision"][0]
    assert EmployerQuota.objects.get().total == 50


def test_with_a_decision_for_eighty_eighty_allowed_eighty_one_refused(org_quota, agency, year):
    decision = decide_quota(agency, year, 80)
    with pytest.raises(InvalidInput) as refused:
        split(org_quota, agency, 81, decision)
    assert "80" in refused.value.field_errors["decision"][0]
    assert not EmployerQuota.objects.exists()
    assert split(org_quota, agency, 80, decision).total == 80


def test_a_decision_for_another_year_or_employer_does_not_apply(org_quota, agency, year):
    other = Employer.objects.create(name="深圳市龙华区另一局", credit_code=make_credit_code(710009),
                                    kind=Employer.Kind.AGENCY)
    for decision in (decide_quota(agency, year - 1, 80, minutes="纪要1号"), decide_quota(other, year, 80)):
        with pytest.raises(InvalidInput) as refused:
            split(org_quota, agency, 51, decision)
        assert "not the one in force" in refused.value.field_errors["decision"][0]
    assert employer_cap(employer_id=agency.pk, year=year, policy_cap=50) == 50
    assert not EmployerQuota.objects.exists()


def test_a_superseded_decision_no_longer_applies(org_quota, agency, year):
    first = decide_quota(agency, year, 80)
    corrected = record_decision(actor=staff("joint_meeting", "head"), data=quota_input(
        agency, year, 60, minutes="纪要5号"), supersedes=first, correction_reason="套数有误")
    with pytest.raises(InvalidInput):
        split(org_quota, agency, 80, first)
    with pytest.raises(InvalidInput):
        split(org_quota, agency, 61, corrected)
    assert split(org_quota, agency, 60, corrected).decision == corrected
    assert employer_cap(employer_id=agency.pk, year=year, policy_cap=50) == 60


def test_the_talent_unit_can_no_longer_enter_a_decision_in_words(portal, org_quota, agency, year):
    """The free-text reference and date of before are gone: above 50 only by choosing a recorded decision."""
    portal.login(staff("org_personnel", "head"))
    url = reverse("housing:employer_quotas", args=[year])
    page = portal.get(url)
    names = portal.page_form(page).names()
    assert "decision" in names and "decision_reference" not in names and "decided_on" not in names
    refused = portal.post(url, {"employer": agency.pk, "rental_units": 51, "sale_units": 0,
                                "decision_reference": "联席会议决定5号", "decided_on": timezone.localdate()})
    assert refused.status_code == 400 and not EmployerQuota.objects.exists()


def test_the_split_page_offers_the_decisions_in_force_of_the_plans_year_only(portal, org_quota, agency, year,
                                                                             enterprise):
    in_force = decide_quota(agency, year, 80)
    decide_quota(agency, year - 1, 90, minutes="纪要去年")  # another year
    decide_quota(enterprise, year, 70, minutes="纪要企业")  # an employer the unit does not cover
    page = portal.login(staff("org_personnel", "head")).get(reverse("housing:employer_quotas", args=[year]))
    assert portal.page_form(page).choices("decision") == ["", str(in_force.pk)]


# --- the ranking's cut ------------------------------------------------------------------------------------------

def entries(counts: dict[str, int]) -> list[RankingEntry]:
    return [RankingEntry(employer_code=code, rank=r, lottery_key=f"{code}{r:04d}", within_quota=True)
            for code, n in counts.items() for r in range(1, n + 1)]


@pytest.mark.parametrize("cap,queue,within", [(50, 50, 50), (50, 51, 50), (80, 80, 80), (80, 81, 80)])
def test_each_employers_queue_is_cut_at_its_cap(cap, queue, within):
    cut = entries({"A": queue, "B": 60})
    quota_cut(cut, unit_quota=None, employer_quota=None, employer_caps={"A": cap, "B": 50})
    assert sum(e.within_quota for e in cut if e.employer_code == "A") == within
    assert sum(e.within_quota for e in cut if e.employer_code == "B") == 50


def test_the_caps_come_from_the_decisions_in_force_of_the_year(agency, enterprise, year):
    first = decide_quota(agency, year, 90)
    record_decision(actor=staff("joint_meeting", "head"), data=quota_input(agency, year, 80, minutes="纪要5号"),
                    supersedes=first, correction_reason="更正")
    decide_quota(enterprise, year - 1, 70, minutes="纪要去年")
    caps = employer_caps(year=year, policy_cap=50, credit_codes={agency.credit_code, enterprise.credit_code})
    assert caps == {agency.credit_code: 80, enterprise.credit_code: 50}
    assert highest_cap(year=year, policy_cap=50) == 80 and highest_cap(year=year + 1, policy_cap=50) == 50


def _same_employer_round(count: int):
    """A round under a plan that gives the talent unit 10 homes and does not split them, ``count`` eligible talents
    of one agency."""
    add_stock(Form.PUBLIC_RENTAL, 10)
    approved_plan(timezone.localdate().year, quotas={"org_personnel": (10, 0)})
    round_ = AllocationRoundFactory()
    employer = EmployerDataFactory(kind=Employer.Kind.AGENCY)
    apps = [advance(ApplicationFactory(round=round_, group=Group.INSTITUTION_TALENT, employer=employer,
                                       facts=TALENT_FACTS), Stage.ELIGIBLE) for _ in range(count)]
    return round_, Employer.objects.get(credit_code=employer.credit_code), apps


def _rank(round_, **quotas):
    return rank_round(actor=staff("org_personnel", "reviewer"), round=round_, group=Group.INSTITUTION_TALENT,
                      seed="2026-JM-1", rule_text="排序规则", **quotas)


def _within(ranking) -> int:
    return ranking.entries.filter(within_quota=True, rank__isnull=False).count()


@pytest.mark.parametrize("decided,within", [(None, 2), (3, 3)])
def test_the_ranking_proposes_no_more_of_one_employer_than_its_cap(decided, within):
    set_policy(employer_quota_cap=2)  # the cap is a policy parameter (R-17.1: 50 shipped)
    round_, employer, _apps = _same_employer_round(4)
    if decided:
        decide_quota(employer, round_.year, decided)
    assert _within(_rank(round_)) == within


def test_the_quota_entered_for_every_employer_may_reach_a_decided_cap_and_no_further():
    set_policy(employer_quota_cap=2)
    round_, employer, _apps = _same_employer_round(4)
    with pytest.raises(InvalidInput) as refused:
        _rank(round_, employer_quota=3)
    assert "employer_quota" in refused.value.field_errors
    decide_quota(employer, round_.year, 3)
    assert _within(_rank(round_, employer_quota=3)) == 3


def test_a_decision_of_another_year_does_not_raise_the_rankings_cap():
    set_policy(employer_quota_cap=2)
    round_, employer, _apps = _same_employer_round(4)
    decide_quota(employer, round_.year + 1, 3)
    assert _within(_rank(round_)) == 2


def test_the_cap_counts_homes_not_subsidies():
    """Art. 17 caps the homes rented and sold: a talent asking for a subsidy is not cut by it."""
    set_policy(employer_quota_cap=2)
    round_, employer, _apps = _same_employer_round(3)
    subsidy = advance(ApplicationFactory(round=round_, group=Group.INSTITUTION_TALENT, form=Form.SUBSIDY,
                                         employer=EmployerDataFactory(name=employer.name,
                                                                      credit_code=employer.credit_code,
                                                                      kind=employer.kind),
                                         facts=TALENT_FACTS), Stage.ELIGIBLE)
    ranking = _rank(round_)
    assert ranking.entries.get(application=subsidy).within_quota is True
