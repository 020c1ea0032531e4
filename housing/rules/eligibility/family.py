"""Conditions of the family groups that no other group shares: R-18.2–4, R-19.2, R-20.2."""

from housing.rules.eligibility.facts import Dossier
from housing.rules.eligibility.results import ConditionResult, Findings, check_false
from housing.rules.policy import PolicySnapshot

INSURANCE_MONTHS = 36  # 累计三年以上 (以上 includes the figure itself)


def r18_2_income_below_line(dossier: Dossier, policy: PolicySnapshot) -> ConditionResult:
    """在提出申请前家庭人均年收入连续两年均低于低收入标准线: each of the two calendar years before the application year."""
    f = Findings()
    year = dossier.application_date.year
    incomes = dossier.income.per_capita_by_year if dossier.income else {}
    for y in (year - 2, year - 1):
        income = incomes.get(y)
        line = policy.low_income_line_by_year.get(y)
        if income is None:
            f.lack_fact(f"{y}年", f"Year {y}", f"income.per_capita_by_year.{y}")
        if line is None:
            f.lack_policy(f"{y}年低收入标准线", f"the low-income line for {y}")
        if income is not None and line is not None and not income < line:
            f.fail(
                f"{y}年家庭人均年收入{income:.2f}元不低于当年低收入标准线{line:.2f}元",
                f"Per-capita household income of {y}, {income:.2f} yuan, is not below "
                f"that year's low-income line of {line:.2f} yuan",
            )
    return f.result(
        "R-18.2",
        f"{year - 2}年、{year - 1}年家庭人均年收入均低于当年低收入标准线",
        f"Per-capita household income was below the low-income line in both {year - 2} and {year - 1}",
    )


def r18_3_assets_within_limit(dossier: Dossier, policy: PolicySnapshot) -> ConditionResult:
    """家庭总资产不超过一定限额: equal to the limit passes."""
    f = Findings()
    assets = dossier.income.total_assets if dossier.income else None
    limit = policy.asset_limit
    if assets is None:
        f.lack_fact("家庭", "Household", "income.total_assets")
    if limit is None:
        f.lack_policy("家庭总资产限额", "the household asset limit")
    if assets is not None and limit is not None and assets > limit:
        f.fail(
            f"家庭总资产{assets:.2f}元超过限额{limit:.2f}元",
            f"Household total assets of {assets:.2f} yuan are above the limit of {limit:.2f} yuan",
        )
    return f.result(
        "R-18.3",
        f"家庭总资产{assets}元不超过限额{limit}元",
        f"Household total assets of {assets} yuan are not above the limit of {limit} yuan",
    )


def r18_4_no_policy_housing_anywhere(dossier: Dossier) -> ConditionResult:
    """在本市及国内其他城市未购买过政策性住房，未领取过购房补差款."""
    f = Findings()
    for person in dossier.applicants:
        check_false(f, dossier, person, "bought_policy_housing_in_city", "在本市购买过政策性住房", "bought policy housing in Shenzhen")
        check_false(f, dossier, person, "bought_policy_housing_elsewhere", "在国内其他城市购买过政策性住房",
                    "bought policy housing in another city in China")
        check_false(f, dossier, person, "received_price_difference_payment", "领取过购房补差款",
                    "received a price-difference payment")
    return f.result(
        "R-18.4",
        "申请人、共同申请人在本市及国内其他城市未购买过政策性住房，未领取过购房补差款",
        "No applicant bought policy housing in Shenzhen or another city in China, nor received a price-difference "
        "payment",
    )


def r19_2_low_income_treatment(dossier: Dossier) -> ConditionResult:
    """SPEC R-19.2: civil affairs grants the treatment only below the standard, so it establishes both halves."""
    treatment = dossier.income.low_income_treatment if dossier.income else None
    if treatment is None:
        f = Findings()
        f.lack_fact("家庭", "Household", "income.low_income_treatment")
        return f.result("R-19.2", "", "")
    if treatment:
        return ConditionResult(
            "R-19.2", True,
            "家庭享受民政部门低保或低保边缘待遇，即收入低于低收入居民社会救助认定标准",
            "The household receives civil-affairs minimum-allowance treatment, which is "
            "granted only below the social-assistance low-income standard",
        )
    return ConditionResult(
        "R-19.2", False,
        "家庭未享受民政部门低保或低保边缘待遇",
        "The household does not receive civil-affairs minimum-allowance treatment",
    )


def r20_2_social_insurance(dossier: Dossier) -> ConditionResult:
    """申请人参加本市社会保险（养老或医疗，不含少儿保险）累计三年以上."""
    months = dossier.applicant.social_insurance_months
    if months is None:
        f = Findings()
        f.lack_fact("申请人", "Applicant", "applicant.social_insurance_months")
        return f.result("R-20.2", "", "")
    if months >= INSURANCE_MONTHS:
        return ConditionResult(
            "R-20.2", True,
            f"申请人累计参加本市社会保险{months}个月，满三年",
            f"The applicant paid Shenzhen social insurance for {months} months in total, "
            "at least 3 years",
        )
    return ConditionResult(
        "R-20.2", False,
        f"申请人累计参加本市社会保险{months}个月，不满三年（36个月）",
        f"The applicant paid Shenzhen social insurance for only {months} months in total, "
        "less than 3 years (36 months)",
    )
