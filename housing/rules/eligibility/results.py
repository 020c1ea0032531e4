"""The result of one condition, and how a condition collects what it found."""

from dataclasses import dataclass, field

from housing.rules.eligibility.facts import Dossier, Person


@dataclass(frozen=True)
class ConditionResult:
    id: str
    passed: bool | None  # None: undecided, a needed fact or policy figure is missing
    message_zh: str
    message_en: str
    # The dossier's paths of the facts whose absence left it undecided (applicant.owns_housing, income.…): for a
    # form that asks the facts to point at its questions; readers see the messages, which name them in words.
    missing_facts: tuple[str, ...] = ()


# The facts of the dossier as a reviewer calls them (the last part of the fact's path in dossier.schema.json).
FACT_WORDS = {
    "hukou": ("户籍所在地", "place of hukou"),
    "marital_status": ("婚姻状况", "marital status"),
    "hukou_by_joining": ("是否投靠取得户籍", "way the hukou was obtained"),
    "social_insurance_months": ("社会保险累计缴费月数", "number of months of social insurance paid"),
    "low_income_treatment": ("是否享受低保或低保边缘待遇", "minimum-allowance treatment"),
    "total_assets": ("家庭总资产", "total household assets"),
    "per_capita_by_year": ("家庭人均年收入", "per-capita household income"),
    "full_time": ("学位是否通过全日制学习取得", "mode of study of the degree"),
    "talent": ("职称或学位", "title or degree"),
    "employer": ("用人单位", "employer"),
    "family_planning_violation": ("是否违反计划生育政策", "family-planning record"),
    "family_planning_handled_date": ("计划生育违法处理日期", "date the family-planning violation was dealt with"),
    "owns_housing": ("是否拥有自有住房", "housing owned"),
    "owns_residential_land": ("是否拥有宅基地", "residential land owned"),
    "bought_policy_housing_elsewhere": ("是否在其他地方购买过政策性住房", "policy housing bought elsewhere"),
    "bought_policy_housing_in_city": ("是否在本市购买过政策性住房", "policy housing bought in the city"),
    "received_price_difference_payment": ("是否领取过住房差价款", "price-difference payment received"),
    "received_purchase_subsidy": ("是否享受过购房补贴", "purchase subsidy received"),
    "rents_affordable_housing": ("是否租住保障性住房", "affordable housing rented"),
}


def fact_words(path: str) -> tuple[str, str]:
    """applicant.marital_status → (婚姻状况, marital status); members[1].hukou → (户籍所在地, place of hukou)."""
    parts = [part for part in path.split(".") if not part.isdigit()]
    return FACT_WORDS.get(parts[-1], FACT_WORDS.get(parts[-2] if len(parts) > 1 else "", ("有关信息", "fact")))


@dataclass
class Findings:
    """Failures win over missing facts: a condition that fails on one fact fails even if
    another is unknown; only when nothing failed does a missing fact leave it undecided."""

    failures: list[tuple[str, str]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)  # paths of the missing facts (ConditionResult.missing_facts)

    def fail(self, zh: str, en: str) -> None:
        self.failures.append((zh, en))

    def lack(self, zh: str, en: str, fact: str = "") -> None:
        self.missing.append((zh, en))
        if fact:
            self.facts.append(fact)

    def lack_fact(self, who_zh: str, who_en: str, path: str) -> None:
        """``path`` names the fact in the dossier; the reader is told it in words (FACT_WORDS)."""
        zh, en = fact_words(path)
        self.lack(f"{who_zh}：未登记{zh}，无法判断", f"{who_en}: the {en} is not recorded, so this cannot be decided",
                  path)

    def lack_policy(self, zh: str, en: str) -> None:
        self.lack(
            f"政策参数缺失：{zh}尚未录入，须由系统管理员在政策参数中录入",
            f"Policy figure missing: {en} has not been entered; a system administrator must enter it in the policy parameters",
        )

    def result(self, cid: str, ok_zh: str, ok_en: str) -> ConditionResult:
        if self.failures:
            return ConditionResult(cid, False, *_join(self.failures))
        if self.missing:
            return ConditionResult(cid, None, *_join(self.missing), missing_facts=tuple(dict.fromkeys(self.facts)))
        return ConditionResult(cid, True, ok_zh, ok_en)


def _join(items: list[tuple[str, str]]) -> tuple[str, str]:
    items = list(dict.fromkeys(items))  # one fact may be missing for two routes
    return "；".join(zh for zh, _ in items), "; ".join(en for _, en in items)


def person_path(dossier: Dossier, person: Person) -> str:
    if person is dossier.applicant:
        return "applicant"
    for i, member in enumerate(dossier.members):
        if member is person:
            return f"members[{i}]"
    raise ValueError("not a person of this dossier")


def who(dossier: Dossier, person: Person) -> tuple[str, str, str]:
    """(label in Chinese, label in English, path in the dossier) of a person."""
    path = person_path(dossier, person)
    if path == "applicant":
        return f"申请人{person.name}", f"Applicant {person.name}", path
    if person.applying:
        return f"共同申请人{person.name}", f"Co-applicant {person.name}", path
    return f"家庭成员{person.name}", f"Family member {person.name}", path


def check_false(findings: Findings, dossier: Dossier, person: Person, fact: str, zh: str, en: str) -> None:
    """A yes/no fact that must be false (has not bought, does not own …)."""
    value = getattr(person, fact)
    who_zh, who_en, path = who(dossier, person)
    if value is None:
        findings.lack_fact(who_zh, who_en, f"{path}.{fact}")
    elif value:
        findings.fail(f"{who_zh}{zh}", f"{who_en} {en}")
