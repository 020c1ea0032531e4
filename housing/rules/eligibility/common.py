"""Conditions shared by several groups: the form (R-4), Longhua hukou, housing, family planning."""

from housing.groups import ALLOWED_FORMS, SHORT_CODE
from housing.rules.eligibility.ages import anniversary, years_passed
from housing.rules.eligibility.facts import Dossier, Person
from housing.rules.eligibility.household import excepted_adult_child
from housing.rules.eligibility.results import ConditionResult, Findings, check_false, who
from housing.rules.policy import PolicySnapshot

FORM_ZH = {"economic_housing": "经济适用住房", "public_rental": "公共租赁住房", "subsidy": "货币补贴"}
FORM_EN = {"economic_housing": "economic housing", "public_rental": "public rental housing", "subsidy": "a housing subsidy"}


def r4_form_allowed(dossier: Dossier) -> ConditionResult:
    """Art. 4: each group is guaranteed by its own forms (SPEC §3)."""
    allowed = ALLOWED_FORMS[dossier.group]
    code = SHORT_CODE[dossier.group]
    zh_allowed = "、".join(FORM_ZH[f] for f in allowed)
    en_allowed = ", ".join(str(f) for f in allowed)
    if dossier.form in allowed:
        return ConditionResult(
            "R-4", True,
            f"{code}类申请人可申请{FORM_ZH[dossier.form]}",
            f"Group {code} may receive {FORM_EN.get(dossier.form, dossier.form)}",
        )
    return ConditionResult(
        "R-4", False,
        f"{code}类申请人不能申请{FORM_ZH.get(dossier.form, dossier.form)}，只能申请：{zh_allowed}",
        f"Group {code} may not receive {FORM_EN.get(dossier.form, dossier.form)}; it may receive only: {en_allowed}",
    )


def all_longhua_hukou(cid: str, dossier: Dossier) -> ConditionResult:
    """R-18.1, R-19.1, R-20.1; an adult child away for military service or full-time study counts (R-HH.3)."""
    f = Findings()
    for person in dossier.applicants:
        who_zh, who_en, path = who(dossier, person)
        if person.relation != "applicant" and excepted_adult_child(person, dossier):
            continue
        if person.hukou is None:
            f.lack_fact(who_zh, who_en, f"{path}.hukou")
        elif person.hukou != "longhua":
            f.fail(f"{who_zh}不具有龙华新区户籍", f"{who_en} does not hold Longhua hukou")
    return f.result(
        cid,
        "申请人、共同申请人均具有龙华新区户籍，或为因服兵役、就读全日制学校迁出的成年子女",
        "The applicant and every co-applicant hold Longhua hukou, or are an adult child away for military "
        "service or full-time study",
    )


def no_policy_housing_in_city(cid: str, dossier: Dossier) -> ConditionResult:
    """R-19.3 (also R-20.3, R-21.2): 在本市未购买过政策性住房，未租住任何形式的保障性住房，未享受过购房补贴."""
    f = Findings()
    for person in dossier.applicants:
        check_false(f, dossier, person, "bought_policy_housing_in_city", "在本市购买过政策性住房", "bought policy housing in Shenzhen")
        check_false(f, dossier, person, "rents_affordable_housing", "租住保障性住房", "rents affordable housing")
        check_false(f, dossier, person, "received_purchase_subsidy", "享受过购房补贴", "received a purchase subsidy")
    return f.result(
        cid,
        "申请人、共同申请人在本市未购买过政策性住房，未租住保障性住房，未享受过购房补贴",
        "No applicant bought policy housing in Shenzhen, rents affordable housing or received a purchase subsidy",
    )


def no_land_or_housing(cid: str, dossier: Dossier) -> ConditionResult:
    """R-19.4 (also R-20.4, R-21.3); R-39.2: any form of housing."""
    f = Findings()
    _check_owns(f, dossier)
    return f.result(
        cid,
        "申请人、共同申请人不拥有任何形式的住宅建设用地及自有住房",
        "No applicant owns residential land or any form of housing",
    )


def _check_owns(f: Findings, dossier: Dossier) -> None:
    for person in dossier.applicants:
        check_false(f, dossier, person, "owns_residential_land", "拥有住宅建设用地", "owns residential land")
        check_false(f, dossier, person, "owns_housing", "拥有自有住房", "owns housing")


def no_land_housing_or_transfer(cid: str, dossier: Dossier, policy: PolicySnapshot) -> ConditionResult:
    """R-18.5: no land or housing, and no transfer within the look-back years before the application."""
    f = Findings()
    _check_owns(f, dossier)
    years = policy.transfer_lookback_years
    if years is None:
        f.lack_policy("转让自有住房的审查年限", "the look-back period for housing transfers")
    else:
        for person in dossier.applicants:
            transferred = person.last_housing_transfer_date
            if transferred is not None and not years_passed(transferred, dossier.application_date, years):
                who_zh, who_en, path = who(dossier, person)
                f.fail(
                    f"{who_zh}于{transferred.isoformat()}转让过自有住房，"
                    f"距申请日不满{years}年",
                    f"{who_en} transferred housing on {transferred.isoformat()}, "
                    f"less than {years} years before the application date",
                )
    return f.result(
        cid,
        f"申请人、共同申请人不拥有住宅建设用地及自有住房，申请前{years}年内未曾转让自有住房",
        f"No applicant owns residential land or housing, nor transferred housing within {years} years before the "
        "application",
    )


def family_planning(cid: str, dossier: Dossier, people: tuple[Person, ...], years: int) -> ConditionResult:
    """R-18.6 (15 years, all applicants), R-19.5 (5 years, applicant and spouse): 自处理之日起满N年."""
    f = Findings()
    for person in people:
        who_zh, who_en, path = who(dossier, person)
        if person.family_planning_violation is None:
            f.lack_fact(who_zh, who_en, f"{path}.family_planning_violation")
        elif person.family_planning_violation:
            handled = person.family_planning_handled_date
            if handled is None:
                f.lack_fact(who_zh, who_en, f"{path}.family_planning_handled_date")
            elif not years_passed(handled, dossier.application_date, years):
                f.fail(
                    f"{who_zh}违反计划生育政策，于{handled.isoformat()}依法处理，"
                    f"至申请日不满{years}年（满{years}年之日为{anniversary(handled, years).isoformat()}）",
                    f"{who_en} violated the family-planning policy, dealt with on {handled.isoformat()}, "
                    f"less than {years} years before the application date "
                    f"({years} years are reached on {anniversary(handled, years).isoformat()})",
                )
    return f.result(
        cid,
        f"没有违反计划生育政策，或依法处理之日起已满{years}年",
        f"No family-planning violation, or every violation was dealt with at least {years} years before the "
        "application",
    )


def spouse_family_planning(cid: str, dossier: Dossier) -> ConditionResult:
    """R-19.5, R-20.5, R-21.4: applicant and spouse, 5 years."""
    result = family_planning(cid, dossier, (dossier.applicant, *dossier.spouses), 5)
    if result.passed is True and dossier.applicant.marital_status == "married" and not dossier.spouses:
        return ConditionResult(
            cid, None,
            "申请人已婚，但家庭成员中没有配偶，无法审查配偶的计划生育情况",
            "The applicant is married but no spouse is among the members, so the "
            "spouse's family-planning record cannot be checked",
        )
    return result
