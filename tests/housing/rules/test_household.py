"""R-HH.1–4 and the hukou conditions' exception for adult children away (R-18.1, R-19.1, R-20.1)."""

import datetime as dt
from dataclasses import replace

import pytest

from housing.groups import Group
from housing.rules.eligibility.household import RELATION_EN, RELATION_ZH
from housing.rules.eligibility import evaluate
from tests.housing.rules.builders import POLICY, dossier, member, with_applicant

ADULT = dt.date(2000, 1, 1)
TURNS_18_ON_APPLICATION_DAY = dt.date(2008, 3, 15)
TURNS_18_THE_DAY_AFTER = dt.date(2008, 3, 16)


def verdict(d, cid):
    return evaluate(d, POLICY).condition(cid)


# --- R-HH.1 ---------------------------------------------------------------------------------
@pytest.mark.parametrize("relation, applying, passed", [
    ("spouse", True, True),
    ("child", True, True),
    ("parent", True, True),
    ("grandparent", True, None),  # a conditional duty (Civil Code Art. 1074): the reviewer decides
    ("grandchild", True, None),
    ("sibling", True, None),      # Civil Code Art. 1075
    ("other", True, False),
    ("other", False, True),       # family members who do not apply are not co-applicants
    ("sibling", False, True),
])
def test_hh1_co_applicants_in_a_legal_support_relationship(relation, applying, passed):
    result = verdict(dossier(members=(member(relation, applying=applying),)), "R-HH.1")
    assert result.passed is passed
    if passed is not True:
        # the relation in words (兄弟姐妹 / sibling), never its code or its path in the dossier
        assert RELATION_ZH[relation] in result.message_zh and RELATION_EN[relation] in result.message_en
        assert "members[" not in result.message_en + result.message_zh


# --- R-HH.2 ---------------------------------------------------------------------------------
@pytest.mark.parametrize("marital, members, passed", [
    ("married", (member("spouse"),), True),
    ("married", (member("spouse", applying=False),), False),
    ("married", (), False),
    ("married", (member("spouse"), member("child", birth=TURNS_18_THE_DAY_AFTER, applying=False)), False),
    ("married", (member("spouse"), member("child", birth=TURNS_18_ON_APPLICATION_DAY, applying=False)), True),
    ("married", (member("spouse"), member("child", birth=TURNS_18_THE_DAY_AFTER)), True),
    ("single", (member("child", birth=TURNS_18_THE_DAY_AFTER, applying=False),), True),
    ("divorced", (member("child", birth=TURNS_18_THE_DAY_AFTER, applying=False),), True),
    ("widowed", (), True),
])
def test_hh2_married_applicant_brings_spouse_and_minor_children(marital, members, passed):
    d = with_applicant(dossier(members=members), marital_status=marital)
    assert verdict(d, "R-HH.2").passed is passed


def test_hh2_without_marital_status_is_undecided():
    result = verdict(with_applicant(dossier(), marital_status=None), "R-HH.2")
    assert result.passed is None and "marital status" in result.message_en
    assert "婚姻状况" in result.message_zh


def test_hh2_child_without_readable_birth_date_is_undecided():
    child = replace(member("child", applying=False), id_number="440309XXXXXXXX0000")
    result = verdict(with_applicant(dossier(members=(member("spouse"), child)), marital_status="married"), "R-HH.2")
    assert result.passed is None and "resident ID number" in result.message_en and "成员child" in result.message_en


# --- R-HH.3 and the hukou conditions -------------------------------------------------------
FAMILY = [Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE, Group.NO_HOUSING]
TALENTS = [Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT]
HUKOU_ID = {Group.LOW_INCOME_NO_HOUSING: "R-18.1", Group.MINIMUM_ALLOWANCE: "R-19.1", Group.NO_HOUSING: "R-20.1"}


@pytest.mark.parametrize("group", FAMILY)
@pytest.mark.parametrize("hukou, moved_for, hh3, all_longhua", [
    ("longhua", None, True, True),
    ("shenzhen", None, False, False),
    ("elsewhere", None, False, False),
    ("shenzhen", "military_service", True, True),
    ("elsewhere", "full_time_study", True, True),
])
def test_family_groups_adult_child_out_of_the_district(group, hukou, moved_for, hh3, all_longhua):
    d = dossier(group, members=(member("child", birth=ADULT, hukou=hukou, hukou_moved_out_for=moved_for),))
    evaluation = evaluate(d, POLICY)
    assert evaluation.condition("R-HH.3").passed is hh3
    assert evaluation.condition(HUKOU_ID[group]).passed is all_longhua


@pytest.mark.parametrize("group", TALENTS)
@pytest.mark.parametrize("hukou, moved_for, hh3", [
    ("longhua", None, True),
    ("shenzhen", None, True),
    ("elsewhere", None, False),
    ("elsewhere", "military_service", True),
    ("elsewhere", "full_time_study", True),
])
def test_talent_groups_adult_child_out_of_the_city(group, hukou, moved_for, hh3):
    d = dossier(group, members=(member("child", birth=ADULT, hukou=hukou, hukou_moved_out_for=moved_for),))
    assert verdict(d, "R-HH.3").passed is hh3


@pytest.mark.parametrize("birth, hh3, r20_1", [
    (TURNS_18_ON_APPLICATION_DAY, True, True),   # adult on the application day: the exception applies
    (TURNS_18_THE_DAY_AFTER, True, False),       # a minor: not an adult child, so not excepted from Longhua hukou
])
def test_the_exception_is_for_adult_children_only(birth, hh3, r20_1):
    d = dossier(members=(member("child", birth=birth, hukou="elsewhere", hukou_moved_out_for="full_time_study"),))
    evaluation = evaluate(d, POLICY)
    assert evaluation.condition("R-HH.3").passed is hh3
    assert evaluation.condition("R-20.1").passed is r20_1


@pytest.mark.parametrize("relation", ["parent", "spouse"])
def test_the_exception_is_for_children_only(relation):
    d = dossier(members=(member(relation, hukou="elsewhere", hukou_moved_out_for="military_service"),))
    assert verdict(d, "R-20.1").passed is False


def test_the_applicant_needs_longhua_hukou_even_with_a_reason():
    d = with_applicant(dossier(), hukou="shenzhen", hukou_moved_out_for="full_time_study")
    result = verdict(d, "R-20.1")
    assert result.passed is False and "Longhua hukou" in result.message_en and "龙华新区户籍" in result.message_zh


def test_a_child_who_does_not_apply_needs_no_hukou():
    d = dossier(members=(member("child", birth=ADULT, hukou="elsewhere", applying=False),))
    evaluation = evaluate(d, POLICY)
    assert evaluation.condition("R-HH.3").passed is True and evaluation.condition("R-20.1").passed is True


def test_missing_hukou_is_undecided_and_named():
    d = dossier(members=(member("child", birth=ADULT, hukou=None),))
    evaluation = evaluate(d, POLICY)
    for cid in ("R-HH.3", "R-20.1"):
        assert evaluation.condition(cid).passed is None
        assert "成员child" in evaluation.condition(cid).message_en
        assert "place of hukou" in evaluation.condition(cid).message_en


# --- R-HH.4 ---------------------------------------------------------------------------------
@pytest.mark.parametrize("group", [Group.NO_HOUSING, Group.ENTERPRISE_TALENT])
@pytest.mark.parametrize("joined, passed", [(False, True), (True, False), (None, None)])
def test_hh4_applicant_not_by_joining(group, joined, passed):
    result = verdict(with_applicant(dossier(group), hukou_by_joining=joined), "R-HH.4")
    assert result.passed is passed
    assert "投靠" in result.message_zh and ("joining" in result.message_en or "hukou was obtained" in result.message_en)


def test_hh4_a_co_applicant_may_have_joined():
    assert verdict(dossier(members=(member("parent", hukou_by_joining=True),)), "R-HH.4").passed is True


def test_hh4_talent_wording_covers_residence_permits():
    result = verdict(with_applicant(dossier(Group.ECW_TALENT), hukou_by_joining=True), "R-HH.4")
    assert "residence permit" in result.message_en and "居住证" in result.message_zh
