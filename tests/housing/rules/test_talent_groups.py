"""C4–C6: R-21.1 (employer, title or degree, age on 1 January; R-39.6) and R-22.1."""

import datetime as dt
from dataclasses import replace

import pytest

from housing.groups import Group
from housing.rules.eligibility.talent import KIND_EN, KIND_ZH
from housing.rules.eligibility import Talent, evaluate
from tests.housing.rules.builders import POLICY, born, dossier

C4, C5, C6 = Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT


def verdict(d, cid):
    return evaluate(d, POLICY).condition(cid)


SENIOR = {"full_senior": 50, "deputy_senior": 45}
DEGREE = {"doctorate": 38, "master": 33, "bachelor": 28}


def talent_for(kind):
    if kind in SENIOR:
        return Talent(title=kind, title_basis="national_exam")
    return Talent(degree=kind, full_time=True)


# --- the age limits: 未满N周岁 on 1 January 2026 -------------------------------------------------
@pytest.mark.parametrize("kind, limit", [*SENIOR.items(), *DEGREE.items()])
@pytest.mark.parametrize("birth_offset, passed", [
    ("day_before_new_year", False),   # born 31 Dec: N on 1 January already
    ("new_year", False),              # born 1 January: N on the day itself
    ("day_after_new_year", True),     # born 2 January: still N-1 on 1 January
])
@pytest.mark.parametrize("group", [C4, C5, C6])
def test_age_limit_on_new_year(kind, limit, birth_offset, passed, group):
    birth = {
        "day_before_new_year": dt.date(2026 - limit - 1, 12, 31),
        "new_year": dt.date(2026 - limit, 1, 1),
        "day_after_new_year": dt.date(2026 - limit, 1, 2),
    }[birth_offset]
    result = verdict(born(dossier(group, talent=talent_for(kind)), birth), "R-21.1")
    assert result.passed is passed
    if not passed:
        assert f"under {limit}" in result.message_en and f"未满{limit}周岁" in result.message_zh
        assert "_" not in result.message_en  # the title or degree in words (a full-senior title), not its code


def test_age_is_taken_on_new_year_not_on_the_application_date():
    # 28 on 1 March 2026, still 27 on 1 January 2026: a bachelor passes.
    d = born(dossier(C4, talent=talent_for("bachelor"), application_date=dt.date(2026, 12, 31)), dt.date(1998, 3, 1))
    assert verdict(d, "R-21.1").passed is True


# --- employers -------------------------------------------------------------------------------
@pytest.mark.parametrize("group, kind, passed", [
    (C4, "agency", True), (C4, "public_institution", True), (C4, "ecw_institution", False), (C4, "enterprise", False),
    (C5, "agency", False), (C5, "public_institution", False), (C5, "ecw_institution", True), (C5, "enterprise", False),
    (C6, "agency", False), (C6, "public_institution", False), (C6, "ecw_institution", False), (C6, "enterprise", True),
])
def test_employer_kind_per_group(group, kind, passed):
    d = dossier(group)
    result = verdict(replace(d, employer=replace(d.employer, kind=kind)), "R-21.1")
    assert result.passed is passed
    if not passed:
        assert KIND_EN[kind] in result.message_en and KIND_ZH[kind] in result.message_zh


@pytest.mark.parametrize("listed, passed", [(2026, True), (2025, False), (2027, False), (None, False)])
def test_r22_1_on_this_years_key_enterprise_list(listed, passed):
    d = dossier(C6)
    result = verdict(replace(d, employer=replace(d.employer, key_enterprise_year=listed)), "R-22.1")
    assert result.passed is passed
    assert "key-enterprise list" in result.message_en and "重点企业名录" in result.message_zh


@pytest.mark.parametrize("cid", ["R-21.1", "R-22.1"])
def test_missing_employer_is_named(cid):
    result = verdict(dossier(C6, employer=None), cid)
    assert result.passed is None and "employer is not recorded" in result.message_en and "用人单位" in result.message_zh


# --- how the title or degree was obtained ---------------------------------------------
@pytest.mark.parametrize("talent, passed, named", [
    (Talent(title="full_senior", title_basis="guangdong_certificate"), True, None),
    (Talent(title="deputy_senior", title_basis="senior_technician"), True, None),
    (Talent(title="full_senior", title_basis=None), None, "Art. 39(6)"),
    # without its basis the title gives way to the degree
    (Talent(title="full_senior", title_basis=None, degree="doctorate", full_time=True), True, None),
    (Talent(degree="doctorate", full_time=True, foreign_degree_certified=True), True, None),
    (Talent(degree="doctorate", full_time=True, foreign_degree_certified=False), False, "not certified"),
    (Talent(degree="doctorate", full_time=False), False, "full-time study"),
    (Talent(degree="doctorate", full_time=None), None, "mode of study"),
    (Talent(), False, "no bachelor's degree"),
    (Talent(title=None, degree=None, full_time=True), False, "no full-senior or deputy-senior title"),
])
def test_qualification(talent, passed, named):
    result = verdict(born(dossier(C4, talent=talent), dt.date(1990, 6, 1)), "R-21.1")  # 35 on 1 January 2026
    assert result.passed is passed
    if named:
        assert named in result.message_en and "." not in result.message_en.replace("Art. ", "").rstrip(".")


def test_a_senior_title_over_age_still_qualifies_by_degree():
    # 40 on 1 January: too old for a doctorate (38), young enough for a deputy-senior title (45).
    d = born(dossier(C5, talent=Talent(title="deputy_senior", title_basis="national_exam", degree="doctorate",
                                       full_time=True)), dt.date(1985, 6, 1))
    assert verdict(d, "R-21.1").passed is True
    too_old = born(d, dt.date(1980, 6, 1))  # 45
    result = verdict(too_old, "R-21.1")
    assert result.passed is False and "under 45" in result.message_en and "under 38" in result.message_en


def test_missing_talent_is_named():
    result = verdict(dossier(C4, talent=None), "R-21.1")
    assert result.passed is None and "title or degree" in result.message_en and "职称或学位" in result.message_zh


def test_unreadable_id_number_leaves_the_age_undecided():
    d = dossier(C4)
    result = verdict(replace(d, applicant=replace(d.applicant, id_number="44030919951332001X")), "R-21.1")
    assert result.passed is None and "resident ID number" in result.message_en
