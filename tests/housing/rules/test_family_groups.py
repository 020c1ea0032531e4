"""C1–C3: R-18.2–R-18.6, R-19.2–R-19.5, R-20.2–R-20.5, one row per boundary."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from housing.groups import Group
from housing.rules.eligibility import Income, evaluate
from tests.housing.rules.builders import POLICY, dossier, member, with_applicant

C1, C2, C3 = Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE, Group.NO_HOUSING
D = Decimal


def verdict(d, cid, policy=POLICY):
    return evaluate(d, policy).condition(cid)


def with_income(d, **changes):
    return replace(d, income=replace(d.income, **changes))


# --- below the line in each of the two years before the application year ------------
@pytest.mark.parametrize("incomes, passed, named", [
    ({2024: D("29999.99"), 2025: D("31999.99")}, True, None),
    ({2024: D("30000.00"), 2025: D("31999.99")}, False, "2024"),   # equal to the line is not below it
    ({2024: D("29999.99"), 2025: D("32000.00")}, False, "2025"),
    ({2024: D("29999.99"), 2025: D("32000.01")}, False, "2025"),
    ({2023: D("1.00"), 2025: D("1.00")}, None, "2024"),  # 2023 is not one of the two
    ({2024: D("1.00")}, None, "2025"),
    ({2024: D("30000.00")}, False, "2024"),                         # a failure wins over a missing year
    ({2024: D("0"), 2025: D("0"), 2026: D("99999")}, True, None),   # the application year itself does not count
])
def test_r18_2_income_below_the_line_in_each_year(incomes, passed, named):
    result = verdict(with_income(dossier(C1), per_capita_by_year=incomes), "R-18.2")
    assert result.passed is passed
    if named:
        assert named in result.message_en and named in result.message_zh


def test_r18_2_without_income_facts_is_undecided():
    result = verdict(dossier(C1, income=None), "R-18.2")
    assert result.passed is None and "2024" in result.message_en and "per-capita household income" in result.message_en
    assert "家庭人均年收入" in result.message_zh


@pytest.mark.parametrize("lines, missing_year", [({2024: D("30000")}, "2025"), ({2025: D("32000")}, "2024"), ({}, "2024")])
def test_r18_2_missing_line_asks_the_administrator(lines, missing_year):
    result = verdict(dossier(C1), "R-18.2", replace(POLICY, low_income_line_by_year=lines))
    assert result.passed is None
    assert f"low-income line for {missing_year}" in result.message_en and "administrator" in result.message_en
    assert f"{missing_year}年低收入标准线" in result.message_zh and "系统管理员" in result.message_zh


# --- assets not above the limit ------------------------------------------------------
@pytest.mark.parametrize("assets, passed", [
    (D("199999.99"), True),
    (D("200000.00"), True),   # equal to the limit is not above it
    (D("200000.01"), False),
])
def test_r18_3_assets_not_above_the_limit(assets, passed):
    assert verdict(with_income(dossier(C1), total_assets=assets), "R-18.3").passed is passed


def test_r18_3_missing_assets_named():
    result = verdict(with_income(dossier(C1), total_assets=None), "R-18.3")
    assert result.passed is None and "total household assets" in result.message_en and "家庭总资产" in result.message_zh


def test_r18_3_missing_limit_asks_the_administrator():
    result = verdict(dossier(C1), "R-18.3", replace(POLICY, asset_limit=None))
    assert result.passed is None
    assert "asset limit" in result.message_en and "administrator" in result.message_en and "资产限额" in result.message_zh


# --- and siblings: one row per fact and per person ---------------------------
HOUSING_FACTS = {
    "R-18.4": (C1, ["bought_policy_housing_in_city", "bought_policy_housing_elsewhere", "received_price_difference_payment"]),
    "R-19.3": (C2, ["bought_policy_housing_in_city", "rents_affordable_housing", "received_purchase_subsidy"]),
    "R-20.3": (C3, ["bought_policy_housing_in_city", "rents_affordable_housing", "received_purchase_subsidy"]),
    "R-21.2": (Group.INSTITUTION_TALENT, ["bought_policy_housing_in_city", "rents_affordable_housing", "received_purchase_subsidy"]),
    "R-18.5": (C1, ["owns_housing", "owns_residential_land"]),
    "R-19.4": (C2, ["owns_housing", "owns_residential_land"]),
    "R-20.4": (C3, ["owns_housing", "owns_residential_land"]),
    "R-21.3": (Group.ECW_TALENT, ["owns_housing", "owns_residential_land"]),
}
HOUSING_ROWS = [(cid, group, fact) for cid, (group, facts) in HOUSING_FACTS.items() for fact in facts]


@pytest.mark.parametrize("cid, group, fact", HOUSING_ROWS)
@pytest.mark.parametrize("who", ["applicant", "co-applicant"])
@pytest.mark.parametrize("value, passed", [(False, True), (True, False), (None, None)])
def test_housing_facts(cid, group, fact, who, value, passed):
    if who == "applicant":
        d, who_zh = with_applicant(dossier(group), **{fact: value}), "申请人成员applicant"
    else:
        d, who_zh = dossier(group, members=(member("parent", **{fact: value}),)), "共同申请人成员parent"
    result = verdict(d, cid)
    assert result.passed is passed
    if passed is not True:  # the person is named, the fact in words, never by its path in the dossier
        assert who_zh in result.message_zh and "." not in result.message_en.rstrip(".")


@pytest.mark.parametrize("cid, group", [("R-19.3", C2), ("R-20.3", C3), ("R-21.2", Group.ENTERPRISE_TALENT)])
def test_policy_housing_elsewhere_counts_only_for_c1(cid, group):
    d = with_applicant(dossier(group), bought_policy_housing_elsewhere=True, received_price_difference_payment=True)
    assert verdict(d, cid).passed is True


def test_a_member_who_does_not_apply_is_not_checked():
    assert verdict(dossier(C3, members=(member("parent", applying=False, owns_housing=True),)), "R-20.4").passed is True


# --- the transfer look-back ------------------------------------------------------------
@pytest.mark.parametrize("transferred, passed", [
    (None, True),
    (dt.date(2021, 3, 14), True),
    (dt.date(2021, 3, 15), True),    # exactly 5 years before the application date: outside the window
    (dt.date(2021, 3, 16), False),
    (dt.date(2026, 3, 20), False),   # after the application date
])
def test_r18_5_no_transfer_within_the_look_back(transferred, passed):
    result = verdict(with_applicant(dossier(C1), last_housing_transfer_date=transferred), "R-18.5")
    assert result.passed is passed
    if passed is False:
        assert "transferred housing" in result.message_en and "转让过自有住房" in result.message_zh


def test_r18_5_look_back_comes_from_the_policy():
    d = dossier(C1, members=(member("parent", last_housing_transfer_date=dt.date(2018, 3, 16)),))
    assert verdict(d, "R-18.5").passed is True
    assert verdict(d, "R-18.5", replace(POLICY, transfer_lookback_years=8)).passed is False


@pytest.mark.parametrize("cid, group", [("R-19.4", C2), ("R-20.4", C3)])
def test_only_c1_looks_back_at_transfers(cid, group):
    assert verdict(with_applicant(dossier(group), last_housing_transfer_date=dt.date(2026, 1, 1)), cid).passed is True


# --- family planning: 15 years for every C1 applicant, 5 years for applicant and spouse ----
FP_ROWS = [
    ("R-18.6", C1, 15), ("R-19.5", C2, 5), ("R-20.5", C3, 5), ("R-21.4", Group.INSTITUTION_TALENT, 5),
]


@pytest.mark.parametrize("cid, group, years", FP_ROWS)
@pytest.mark.parametrize("days_after_anniversary, passed", [(-1, True), (0, True), (1, False)])
@pytest.mark.parametrize("who", ["applicant", "spouse"])
def test_family_planning_window(cid, group, years, days_after_anniversary, passed, who):
    handled = dt.date(2026 - years, 3, 15) + dt.timedelta(days=days_after_anniversary)
    facts = dict(family_planning_violation=True, family_planning_handled_date=handled)
    if who == "applicant":
        d, who_zh = with_applicant(dossier(group), **facts), "申请人成员applicant"
    else:
        d, who_zh = (with_applicant(dossier(group, members=(member("spouse", **facts),)), marital_status="married"),
                     "共同申请人成员spouse")
    result = verdict(d, cid)
    assert result.passed is passed
    if not passed:
        assert who_zh in result.message_zh and handled.isoformat() in result.message_en


def test_family_planning_29_february():
    facts = dict(family_planning_violation=True, family_planning_handled_date=dt.date(2016, 2, 29))
    assert verdict(with_applicant(dossier(C3, application_date=dt.date(2021, 2, 28)), **facts), "R-20.5").passed is True
    assert verdict(with_applicant(dossier(C3, application_date=dt.date(2021, 2, 27)), **facts), "R-20.5").passed is False


@pytest.mark.parametrize("cid, group, passed", [
    ("R-18.6", C1, False),                      # every applicant under Art. 18(6)
    ("R-19.5", C2, True),                       # applicant and spouse only under Arts. 19–22
    ("R-20.5", C3, True),
    ("R-21.4", Group.ENTERPRISE_TALENT, True),
])
def test_a_childs_violation_counts_only_for_c1(cid, group, passed):
    child = member("child", family_planning_violation=True, family_planning_handled_date=dt.date(2025, 1, 1))
    assert verdict(dossier(group, members=(child,)), cid).passed is passed


@pytest.mark.parametrize("cid, group", [("R-18.6", C1), ("R-19.5", C2)])
def test_family_planning_missing_facts_named(cid, group):
    result = verdict(with_applicant(dossier(group), family_planning_violation=None), cid)
    assert result.passed is None and "family-planning record" in result.message_en
    result = verdict(with_applicant(dossier(group), family_planning_violation=True), cid)
    assert result.passed is None and "计划生育违法处理日期" in result.message_zh


def test_spouse_check_needs_the_spouse():
    result = verdict(with_applicant(dossier(C3), marital_status="married"), "R-20.5")
    assert result.passed is None and "spouse" in result.message_en


# --- R-20.2 ------------------------------------------------------------------------
@pytest.mark.parametrize("treatment, passed", [(True, True), (False, False), (None, None)])
def test_r19_2_low_income_treatment(treatment, passed):
    result = verdict(with_income(dossier(C2), low_income_treatment=treatment), "R-19.2")
    assert result.passed is passed
    assert "minimum-allowance treatment" in result.message_en and "低保" in result.message_zh


@pytest.mark.parametrize("months, passed", [(0, False), (35, False), (36, True), (37, True), (None, None)])
def test_r20_2_three_years_of_social_insurance(months, passed):
    result = verdict(with_applicant(dossier(C3), social_insurance_months=months), "R-20.2")
    assert result.passed is passed
    assert "social insurance" in result.message_en and "社会保险" in result.message_zh


def test_r20_2_counts_the_applicant_only():
    d = with_applicant(dossier(C3, members=(member("spouse", social_insurance_months=120),)), social_insurance_months=12)
    assert verdict(d, "R-20.2").passed is False
