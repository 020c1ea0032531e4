"""evaluate(dossier, policy): every condition of the dossier's group, in catalogue order (SPEC §6)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from housing.groups import Form, Group, TALENT_GROUPS
from housing.rules.catalogue import CONDITIONS_BY_GROUP
from housing.rules.eligibility import common, family, household, talent
from housing.rules.eligibility.facts import Dossier
from housing.rules.eligibility.results import ConditionResult
from housing.rules.policy import PolicySnapshot

Rule = Callable[[Dossier, PolicySnapshot], ConditionResult]


def _spouse_fp(cid: str) -> Rule:
    return lambda d, p: common.spouse_family_planning(cid, d)


RULES: dict[str, Rule] = {
    "R-4": lambda d, p: common.r4_form_allowed(d),
    # C1, Art. 18
    "R-18.1": lambda d, p: common.all_longhua_hukou("R-18.1", d),
    "R-18.2": family.r18_2_income_below_line,
    "R-18.3": family.r18_3_assets_within_limit,
    "R-18.4": lambda d, p: family.r18_4_no_policy_housing_anywhere(d),
    "R-18.5": lambda d, p: common.no_land_housing_or_transfer("R-18.5", d, p),
    "R-18.6": lambda d, p: common.family_planning("R-18.6", d, d.applicants, 15),
    # C2, Art. 19
    "R-19.1": lambda d, p: common.all_longhua_hukou("R-19.1", d),
    "R-19.2": lambda d, p: family.r19_2_low_income_treatment(d),
    "R-19.3": lambda d, p: common.no_policy_housing_in_city("R-19.3", d),
    "R-19.4": lambda d, p: common.no_land_or_housing("R-19.4", d),
    "R-19.5": _spouse_fp("R-19.5"),
    # C3, Art. 20
    "R-20.1": lambda d, p: common.all_longhua_hukou("R-20.1", d),
    "R-20.2": lambda d, p: family.r20_2_social_insurance(d),
    "R-20.3": lambda d, p: common.no_policy_housing_in_city("R-20.3", d),
    "R-20.4": lambda d, p: common.no_land_or_housing("R-20.4", d),
    "R-20.5": _spouse_fp("R-20.5"),
    # C4–C6, Arts. 21, 22
    "R-22.1": lambda d, p: talent.r22_1_key_enterprise(d),
    "R-21.1": lambda d, p: talent.r21_1_talent(d),
    "R-21.2": lambda d, p: common.no_policy_housing_in_city("R-21.2", d),
    "R-21.3": lambda d, p: common.no_land_or_housing("R-21.3", d),
    "R-21.4": _spouse_fp("R-21.4"),
    # Household composition
    "R-HH.1": lambda d, p: household.hh1_support_relationship(d),
    "R-HH.2": lambda d, p: household.hh2_spouse_and_minors(d),
    "R-HH.3": lambda d, p: household.hh3_adult_children_away(d),
    "R-HH.4": lambda d, p: household.hh4_not_by_joining(d),
}


@dataclass(frozen=True)
class Evaluation:
    eligible: bool | None
    group: str
    form: str
    policy_version: str
    conditions: tuple[ConditionResult, ...]
    subsidy_monthly: Decimal | None = None
    # Why an eligible subsidy application has no amount (a policy figure not yet entered).
    subsidy_message_zh: str = ""
    subsidy_message_en: str = ""

    def condition(self, cid: str) -> ConditionResult:
        return next(c for c in self.conditions if c.id == cid)

    @property
    def failed(self) -> tuple[ConditionResult, ...]:
        return tuple(c for c in self.conditions if c.passed is False)


def _eligible(results: tuple[ConditionResult, ...]) -> bool | None:
    if any(r.passed is False for r in results):
        return False
    if all(r.passed is True for r in results):
        return True
    return None


def evaluate(dossier: Dossier, policy: PolicySnapshot) -> Evaluation:
    results = tuple(RULES[cid](dossier, policy) for cid in CONDITIONS_BY_GROUP[dossier.group])
    eligible = _eligible(results)
    amount, zh, en = None, "", ""
    if eligible is True and dossier.form == Form.SUBSIDY:
        amount, zh, en = _subsidy(dossier, policy)
    return Evaluation(eligible, dossier.group, dossier.form, policy.version, results, amount, zh, en)


def _subsidy(dossier: Dossier, policy: PolicySnapshot) -> tuple[Decimal | None, str, str]:
    if dossier.group in TALENT_GROUPS:
        amount = talent.talent_subsidy(dossier, policy)
        if amount is None:
            return None, "政策参数缺失：人才货币补贴标准尚未录入，须由系统管理员录入", (
                "Policy figure missing: the talent subsidy amount has not been entered; a system administrator must enter it"
            )
        return amount.quantize(Decimal("0.01")), "", ""
    if dossier.group == Group.MINIMUM_ALLOWANCE:
        if policy.c2_subsidy_standard is None:
            return None, "政策参数缺失：低保及低保边缘家庭货币补贴标准（第二十六条）尚未录入，须由系统管理员录入", (
                "Policy figure missing: the subsidy standard for minimum-allowance households (Art. 26) has not been "
                "entered; a system administrator must enter it"
            )
        return policy.c2_subsidy_standard.quantize(Decimal("0.01")), "", ""
    return None, "", ""
