"""Talent conditions: R-21.1 (Art. 21(1), 22(1), 39(6)) and R-22.1 (the key-enterprise list)."""

from decimal import Decimal

from housing.groups import EMPLOYER_KINDS, Group
from housing.rules.eligibility.ages import age_on, new_year_of
from housing.rules.eligibility.facts import Dossier
from housing.rules.eligibility.results import ConditionResult, Findings
from housing.rules.policy import PolicySnapshot
from housing.rules.talent_route import qualifying_route, route_amount

KIND_ZH = {"agency": "机关", "public_institution": "事业单位", "ecw_institution": "教文卫事业单位", "enterprise": "企业"}
TITLE_EN = {"full_senior": "full-senior", "deputy_senior": "deputy-senior"}
DEGREE_EN = {"doctorate": "doctoral", "master": "master's", "bachelor": "bachelor's"}
KIND_EN = {"agency": "a government agency", "public_institution": "a public institution",
           "ecw_institution": "an education, culture or health institution", "enterprise": "an enterprise"}
# 未满N周岁 on 1 January of the application year (R-21.1a).
SENIOR_AGE_LIMITS = {"full_senior": 50, "deputy_senior": 45}
DEGREE_AGE_LIMITS = {"doctorate": 38, "master": 33, "bachelor": 28}
TITLE_ZH = {"full_senior": "正高级职称", "deputy_senior": "副高级职称"}
DEGREE_ZH = {"doctorate": "博士", "master": "硕士", "bachelor": "学士"}


def r22_1_key_enterprise(dossier: Dossier) -> ConditionResult:
    year = dossier.application_date.year
    employer = dossier.employer
    if employer is None:
        f = Findings()
        f.lack_fact("用人单位", "Employer", "employer")
        return f.result("R-22.1", "", "")
    listed = employer.key_enterprise_year
    if listed == year:
        return ConditionResult(
            "R-22.1", True,
            f"{employer.name}列入{year}年新区重点企业名录",
            f"{employer.name} is on the {year} key-enterprise list",
        )
    on_zh = f"仅列入{listed}年名录" if listed else "未列入任何年度名录"
    on_en = f"is on the {listed} list only" if listed else "is on no year's list"
    return ConditionResult(
        "R-22.1", False,
        f"{employer.name}未列入申请年度（{year}年）重点企业名录，{on_zh}",
        f"{employer.name} is not on the key-enterprise list of the application year {year}; it {on_en}",
    )


def _age_check(f: Findings, dossier: Dossier, limit: int, what_zh: str, what_en: str) -> bool | None:
    birth = dossier.applicant.birth_date
    if birth is None:
        f.lack("申请人出生日期无法从身份证号读出",
               "The applicant's birth date cannot be read from the resident ID number", "applicant.id_number")
        return None
    day = new_year_of(dossier.application_date)
    age = age_on(birth, day)
    if age < limit:
        return True
    f.fail(
        f"{what_zh}须在{day.isoformat()}未满{limit}周岁，申请人当日已满{age}周岁",
        f"a talent with {what_en} must be under {limit} on {day.isoformat()}; the applicant was {age} that day",
    )
    return False


def senior_path(dossier: Dossier, f: Findings) -> bool | None:
    """A senior talent: full-senior under 50, deputy-senior under 45, title by a R-39.6 route."""
    talent = dossier.talent
    title = talent.title
    if title not in SENIOR_AGE_LIMITS:
        f.fail("无正高级或副高级职称", "no full-senior or deputy-senior title")
        return False
    if talent.title_basis is None:
        f.lack("高级职称取得方式未载明（第三十九条第（六）项）",
               "how the senior title was obtained is not stated (Art. 39(6))", "talent.title_basis")
        age = _age_check(f, dossier, SENIOR_AGE_LIMITS[title], TITLE_ZH[title], f"a {TITLE_EN.get(title, title)} title")
        return False if age is False else None
    return _age_check(f, dossier, SENIOR_AGE_LIMITS[title], TITLE_ZH[title], f"a {TITLE_EN.get(title, title)} title")


def degree_path(dossier: Dossier, f: Findings) -> bool | None:
    """A mid/junior talent: a full-time degree (a foreign one certified), doctorate < 38, master < 33, bachelor < 28."""
    talent = dossier.talent
    degree = talent.degree
    if degree not in DEGREE_AGE_LIMITS:
        f.fail("无学士及以上学位", "no bachelor's degree or higher")
        return False
    outcome: bool | None = True
    if talent.full_time is None:
        f.lack_fact("学位", "Degree", "talent.full_time")
        outcome = None
    elif not talent.full_time:
        f.fail("学位并非通过全日制学习取得，在职进修不计",
               "the degree did not come from full-time study; in-service study does not count")
        outcome = False
    if talent.foreign_degree_certified is False:
        f.fail("国（境）外学位未经国家教育主管部门认证",
               "the foreign degree is not certified by the national education authority")
        outcome = False
    age = _age_check(f, dossier, DEGREE_AGE_LIMITS[degree], f"{DEGREE_ZH[degree]}学位人才", f"a {DEGREE_EN.get(degree, degree)} degree")
    if outcome is False or age is False:
        return False
    if outcome is None or age is None:
        return None
    return True


def r21_1_talent(dossier: Dossier) -> ConditionResult:
    f = Findings()
    employer = dossier.employer
    kinds = EMPLOYER_KINDS[dossier.group]
    if employer is None:
        f.lack_fact("用人单位", "Employer", "employer")
    elif employer.kind not in kinds:
        f.fail(
            f"用人单位{employer.name}为{KIND_ZH.get(employer.kind, employer.kind)}，"
            f"本类别须为：{'、'.join(KIND_ZH[k] for k in sorted(kinds))}",
            f"The employer {employer.name} is {KIND_EN.get(employer.kind, employer.kind)}; this group needs: "
            f"{', '.join(KIND_EN[k] for k in sorted(kinds))}",
        )
    talent_ok, qualified_by = talent_qualification(dossier)
    if dossier.talent is None:
        f.lack_fact("人才", "Talent", "talent")
    elif talent_ok is not True:
        senior, degree = Findings(), Findings()
        s, d = senior_path(dossier, senior), degree_path(dossier, degree)
        if talent_ok is False:
            f.fail(
                "既不符合高级人才条件：" + "；".join(z for z, _ in senior.failures + senior.missing)
                + "；也不符合中初级人才条件：" + "；".join(z for z, _ in degree.failures + degree.missing),
                "Neither a senior talent: " + "; ".join(e for _, e in senior.failures + senior.missing)
                + "; nor a mid/junior talent: " + "; ".join(e for _, e in degree.failures + degree.missing),
            )
        else:
            undecided = [x for x, ok in ((senior, s), (degree, d)) if ok is None]
            for x in undecided:
                for zh, en in x.missing:
                    f.lack(zh, en)
                f.facts.extend(x.facts)
    basis_zh = {"title": "高级人才", "degree": "中初级人才"}
    basis_en = {"title": "a senior talent",
                "degree": "a mid/junior talent"}
    return f.result(
        "R-21.1",
        f"在{'、'.join(KIND_ZH[k] for k in sorted(kinds))}工作，且为年龄符合条件的"
        f"{basis_zh.get(qualified_by, '')}（年龄以{new_year_of(dossier.application_date).isoformat()}为准）",
        f"Works for an eligible employer and is {basis_en.get(qualified_by, '')} within the age limit "
        f"on {new_year_of(dossier.application_date).isoformat()}",
    )


def talent_qualification(dossier: Dossier) -> tuple[bool | None, str | None]:
    """Whether the applicant is a senior or mid/junior talent, and by what: "title", "degree" or None."""
    if dossier.talent is None:
        return None, None
    s = senior_path(dossier, Findings())
    if s:
        return True, "title"
    d = degree_path(dossier, Findings())
    if d:
        return True, "degree"
    if s is None or d is None:
        return None, None
    return False, None


def talent_subsidy(dossier: Dossier, policy: PolicySnapshot) -> Decimal | None:
    """R-27: the amount of the route the talent qualified by (housing.rules.talent_route, R-39.6)."""
    ok, by = talent_qualification(dossier)
    if not ok:
        return None
    t = dossier.talent
    route = qualifying_route(title=t.title if by == "title" else None, title_basis=t.title_basis, degree=t.degree,
                             full_time=t.full_time, foreign_degree_certified=t.foreign_degree_certified)
    return route_amount(route, policy.talent_subsidies)
