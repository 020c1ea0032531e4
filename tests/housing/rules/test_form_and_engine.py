"""R-4 for every group × form; the engine's order, verdict and subsidy (contracts/README.md)."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from housing.groups import Form, Group
from housing.rules.eligibility.common import FORM_EN, FORM_ZH
from housing.rules.catalogue import CONDITIONS_BY_GROUP
from housing.rules.eligibility import Talent, dossier_from_json, evaluate
from housing.rules.eligibility.engine import _eligible
from housing.rules.eligibility.results import ConditionResult
from housing.rules.policy import PolicySnapshot
from tests.housing.rules.builders import POLICY, born, dossier, with_applicant

ALLOWED = {
    (Group.LOW_INCOME_NO_HOUSING, Form.ECONOMIC_HOUSING),
    (Group.MINIMUM_ALLOWANCE, Form.PUBLIC_RENTAL), (Group.MINIMUM_ALLOWANCE, Form.SUBSIDY),
    (Group.NO_HOUSING, Form.PUBLIC_RENTAL),
    (Group.INSTITUTION_TALENT, Form.PUBLIC_RENTAL), (Group.INSTITUTION_TALENT, Form.SUBSIDY),
    (Group.ECW_TALENT, Form.PUBLIC_RENTAL), (Group.ECW_TALENT, Form.SUBSIDY),
    (Group.ENTERPRISE_TALENT, Form.PUBLIC_RENTAL), (Group.ENTERPRISE_TALENT, Form.SUBSIDY),
}


@pytest.mark.parametrize("group", list(Group))
@pytest.mark.parametrize("form", list(Form))
def test_r4_every_group_and_form(group, form):
    result = evaluate(dossier(group, form), POLICY).condition("R-4")
    assert result.passed is ((group, form) in ALLOWED)
    # the form of guarantee in words (公共租赁住房 / public rental housing), never its code
    assert FORM_ZH[form] in result.message_zh and FORM_EN[form] in result.message_en


@pytest.mark.parametrize("group", list(Group))
def test_a_clean_dossier_is_eligible_with_every_condition_in_catalogue_order(group):
    evaluation = evaluate(dossier(group), POLICY)
    assert [c.id for c in evaluation.conditions] == CONDITIONS_BY_GROUP[group]
    assert [c.passed for c in evaluation.conditions] == [True] * len(CONDITIONS_BY_GROUP[group])
    assert evaluation.eligible is True
    assert evaluation.policy_version == "test"
    assert all(c.message_zh and c.message_en for c in evaluation.conditions)


@pytest.mark.parametrize("passed, eligible", [
    ([True, True], True),
    ([True, None], None),
    ([True, False], False),
    ([None, False], False),
    ([None, None], None),
])
def test_verdict(passed, eligible):
    assert _eligible(tuple(ConditionResult(str(i), p, "", "") for i, p in enumerate(passed))) is eligible


def test_one_failed_condition_makes_the_dossier_ineligible_and_one_missing_fact_undecided():
    failed = evaluate(with_applicant(dossier(), owns_housing=True), POLICY)
    assert failed.eligible is False and [c.id for c in failed.failed] == ["R-20.4"]
    undecided = evaluate(with_applicant(dossier(), owns_housing=None), POLICY)
    assert undecided.eligible is None and undecided.condition("R-20.4").passed is None


@pytest.mark.parametrize("group, talent, birth, amount", [
    (Group.INSTITUTION_TALENT, Talent(title="full_senior", title_basis="national_exam"), dt.date(1980, 1, 1), "2500.00"),
    (Group.ECW_TALENT, Talent(title="deputy_senior", title_basis="guangdong_certificate"), dt.date(1985, 1, 1), "2000.00"),
    (Group.ENTERPRISE_TALENT, Talent(degree="doctorate", full_time=True), dt.date(1990, 1, 2), "1500.00"),
    (Group.INSTITUTION_TALENT, Talent(degree="master", full_time=True), dt.date(1995, 1, 2), "1000.00"),
    (Group.INSTITUTION_TALENT, Talent(degree="bachelor", full_time=True), dt.date(2000, 1, 2), "500.00"),
    # A title without its basis does not pay the title's amount; the degree qualifies.
    (Group.INSTITUTION_TALENT, Talent(title="full_senior", degree="master", full_time=True), dt.date(1995, 1, 2), "1000.00"),
])
def test_talent_subsidy_by_title_then_degree(group, talent, birth, amount):
    evaluation = evaluate(born(dossier(group, Form.SUBSIDY, talent=talent), birth), POLICY)
    assert evaluation.eligible is True
    assert evaluation.subsidy_monthly == Decimal(amount)


def test_talent_subsidy_comes_from_the_policy_in_force():
    policy = replace(POLICY, talent_subsidies={**POLICY.talent_subsidies, "master": Decimal("1100")})
    assert evaluate(dossier(Group.INSTITUTION_TALENT, Form.SUBSIDY), policy).subsidy_monthly == Decimal("1100.00")


def test_c2_subsidy_is_the_policy_standard():
    assert evaluate(dossier(Group.MINIMUM_ALLOWANCE, Form.SUBSIDY), POLICY).subsidy_monthly == Decimal("800.00")


def test_c2_subsidy_standard_missing_is_named():
    evaluation = evaluate(dossier(Group.MINIMUM_ALLOWANCE, Form.SUBSIDY), replace(POLICY, c2_subsidy_standard=None))
    assert evaluation.eligible is True and evaluation.subsidy_monthly is None
    assert "Art. 26" in evaluation.subsidy_message_en and "administrator" in evaluation.subsidy_message_en
    assert "系统管理员" in evaluation.subsidy_message_zh


@pytest.mark.parametrize("d", [
    dossier(Group.INSTITUTION_TALENT, Form.PUBLIC_RENTAL),  # not a subsidy
    with_applicant(dossier(Group.INSTITUTION_TALENT, Form.SUBSIDY), owns_housing=True),  # not eligible
    with_applicant(dossier(Group.MINIMUM_ALLOWANCE, Form.SUBSIDY), owns_housing=None),  # undecided
])
def test_no_subsidy_amount_unless_an_eligible_subsidy(d):
    assert evaluate(d, POLICY).subsidy_monthly is None


def test_the_shipped_policy_leaves_c1_income_and_assets_undecided():
    evaluation = evaluate(dossier(Group.LOW_INCOME_NO_HOUSING), PolicySnapshot())
    assert evaluation.eligible is None
    assert [c.id for c in evaluation.conditions if c.passed is None] == ["R-18.2", "R-18.3"]


def test_dossier_from_json():
    d = dossier_from_json({
        "ref": "A-1", "group": "low_income_no_housing", "form": "economic_housing", "application_date": "2026-03-15",
        "applicant": {"name": "张三", "id_number": "440309199006010018", "hukou": "longhua",
                      "last_housing_transfer_date": "2020-01-02", "social_insurance_months": 40},
        "members": [{"name": "李四", "id_number": "x", "relation": "spouse", "applying": True,
                     "family_planning_handled_date": None}],
        "income": {"per_capita_by_year": {"2024": 1000.5}, "total_assets": 5},
        "talent": {"degree": "master"},
        "honours": ["moral_model"],
    })
    assert d.application_date == dt.date(2026, 3, 15) and d.ref == "A-1"
    assert d.applicant.relation == "applicant" and d.applicant.last_housing_transfer_date == dt.date(2020, 1, 2)
    assert d.members[0].relation == "spouse" and d.members[0].birth_date is None
    assert d.income.per_capita_by_year == {2024: Decimal("1000.5")} and d.income.total_assets == Decimal("5")
    assert d.talent.degree == "master" and d.talent.full_time is None and d.employer is None
    assert d.honours == ("moral_model",)
