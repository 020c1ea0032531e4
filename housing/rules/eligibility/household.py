"""Household composition, R-HH.1–4 (Arts. 18(7), 19(6), 20(6), 21(5), 22(5))."""

from housing.groups import TALENT_GROUPS
from housing.rules.eligibility.ages import age_on
from housing.rules.eligibility.facts import Dossier, Person
from housing.rules.eligibility.results import ConditionResult, Findings, who

# 法定的赡养、抚养或扶养关系，包括申请人的配偶、子女、父母等.
SUPPORT_RELATIONS = frozenset({"spouse", "child", "parent"})
# Civil Code Arts. 1074, 1075: a duty only when parents are dead or unable (grandparents,
# grandchildren) or likewise for siblings; the dossier does not say, the reviewer decides
# (docs/decisions/0009).
CONDITIONAL_RELATIONS = frozenset({"grandparent", "grandchild", "sibling"})
EXCEPTED_MOVES = frozenset({"military_service", "full_time_study"})
ADULT_AGE = 18
# The relations and marital statuses as the reviewer reads them (the dossier stores their codes).
RELATION_ZH = {"spouse": "配偶", "child": "子女", "parent": "父母", "sibling": "兄弟姐妹", "grandparent": "祖父母或外祖父母",
               "grandchild": "孙子女或外孙子女", "other": "其他亲属"}
RELATION_EN = {"spouse": "spouse", "child": "child", "parent": "parent", "sibling": "sibling",
               "grandparent": "grandparent", "grandchild": "grandchild", "other": "other relative"}
MARITAL_ZH = {"single": "未婚", "married": "已婚", "divorced": "离异", "widowed": "丧偶"}


def is_adult(person: Person, dossier: Dossier) -> bool | None:
    birth = person.birth_date
    return None if birth is None else age_on(birth, dossier.application_date) >= ADULT_AGE


def hukou_where_required(dossier: Dossier) -> tuple[frozenset[str], str, str]:
    """R-HH.3: out of the district for C1–C3, out of the city for C4–C6."""
    if dossier.group in TALENT_GROUPS:
        return frozenset({"longhua", "shenzhen"}), "深圳市", "Shenzhen"
    return frozenset({"longhua"}), "龙华新区", "Longhua district"


def excepted_adult_child(person: Person, dossier: Dossier) -> bool:
    """An adult child whose hukou left for military service or full-time study (R-HH.3)."""
    return person.relation == "child" and person.hukou_moved_out_for in EXCEPTED_MOVES and is_adult(person, dossier) is True


def hh1_support_relationship(dossier: Dossier) -> ConditionResult:
    f = Findings()
    for person in dossier.co_applicants:
        who_zh, who_en, path = who(dossier, person)
        if person.relation in SUPPORT_RELATIONS:
            continue
        if person.relation in CONDITIONAL_RELATIONS:
            f.lack(
                f"{who_zh}与申请人的关系为{RELATION_ZH.get(person.relation, person.relation)}，仅在特定情形下有法定扶养义务，须由审核人员认定",
                f"{who_en} is the applicant's {RELATION_EN.get(person.relation, person.relation)}: a legal support duty exists only in "
                "particular circumstances (Civil Code Arts. 1074, 1075), which the reviewer must establish",
            )
        else:
            f.fail(
                f"{who_zh}与申请人的关系为{RELATION_ZH.get(person.relation, person.relation)}，不属于法定赡养、抚养或扶养关系，不能作为共同申请人",
                f"{who_en} is the applicant's {RELATION_EN.get(person.relation, person.relation)}, not a legal support relationship, "
                "and may not be a co-applicant",
            )
    return f.result(
        "R-HH.1",
        "全部共同申请人均为申请人的配偶、子女或父母",
        "Every co-applicant is the applicant's spouse, child or parent",
    )


def hh2_spouse_and_minors(dossier: Dossier) -> ConditionResult:
    f = Findings()
    status = dossier.applicant.marital_status
    if status is None:
        f.lack_fact("申请人", "Applicant", "applicant.marital_status")
        return f.result("R-HH.2", "", "")
    if status != "married":
        return ConditionResult(
            "R-HH.2", True,
            f"申请人婚姻状况为{MARITAL_ZH.get(status, status)}，非已婚，无须配偶及未成年子女共同申请",
            "The applicant is not married; no spouse or minor child must apply",
        )
    spouses = dossier.spouses
    if not any(s.applying for s in spouses):
        f.fail(
            "申请人已婚，但配偶未作为共同申请人",
            "The applicant is married but the spouse is not a co-applicant",
        )
    for person in dossier.members:
        if person.relation != "child" or person.applying:
            continue
        who_zh, who_en, path = who(dossier, person)
        adult = is_adult(person, dossier)
        if adult is None:
            f.lack(
                f"子女{person.name}的出生日期无法从身份证号读出，无法判断是否未成年",
                f"The birth date of child {person.name} cannot be read from the resident ID number, so whether the child is a minor cannot be decided",
                f"{path}.id_number",
            )
        elif not adult:
            f.fail(
                f"申请人已婚，未成年子女{person.name}（申请日未满18周岁）未作为共同申请人",
                f"The applicant is married and the minor child {person.name} (under 18 on the application date) "
                f"is not a co-applicant",
            )
    return f.result(
        "R-HH.2",
        "申请人已婚，配偶及全部未成年子女均为共同申请人",
        "The applicant is married and the spouse and every minor child are co-applicants",
    )


def hh3_adult_children_away(dossier: Dossier) -> ConditionResult:
    f = Findings()
    places, place_zh, place_en = hukou_where_required(dossier)
    for person in dossier.co_applicants:
        if person.relation != "child":
            continue
        who_zh, who_en, path = who(dossier, person)
        adult = is_adult(person, dossier)
        if adult is None:
            f.lack(
                f"{who_zh}的出生日期无法从身份证号读出",
                f"The birth date of {who_en} cannot be read from the resident ID number",
                f"{path}.id_number",
            )
            continue
        if not adult:
            continue
        if person.hukou is None:
            f.lack_fact(who_zh, who_en, f"{path}.hukou")
        elif person.hukou not in places and person.hukou_moved_out_for not in EXCEPTED_MOVES:
            f.fail(
                f"{who_zh}为成年子女，户籍不在{place_zh}，且并非因服兵役或就读全日制学校迁出",
                f"{who_en} is an adult child whose hukou is outside {place_en} and did not move out for "
                f"military service or full-time study",
            )
    return f.result(
        "R-HH.3",
        f"作为共同申请人的成年子女户籍均在{place_zh}，或因服兵役、就读全日制学校迁出",
        f"Every adult child who applies holds hukou in {place_en} or moved it out for military service or "
        "full-time study",
    )


def hh4_not_by_joining(dossier: Dossier) -> ConditionResult:
    f = Findings()
    talent = dossier.group in TALENT_GROUPS
    what_zh = "深圳市户籍或居住证" if talent else "龙华新区户籍"
    what_en = "a Shenzhen hukou or residence permit" if talent else "the Longhua hukou"
    joined = dossier.applicant.hukou_by_joining
    if joined is None:
        f.lack_fact("申请人", "Applicant", "applicant.hukou_by_joining")
    elif joined:
        f.fail(
            f"申请人系投靠取得{what_zh}，只能作为共同申请人",
            f"The applicant obtained {what_en} by joining and may only be a co-applicant",
        )
    return f.result(
        "R-HH.4",
        f"申请人并非投靠取得{what_zh}",
        f"The applicant did not obtain {what_en} by joining",
    )
