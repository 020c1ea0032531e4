"""The one helper that cites articles, the one that names staff, and the one official name of each unit
(decision 0048)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from departments.models import StaffUser, Unit, UnitCode, official_name, person_name
from housing.cases.citations import cited, in_language
from housing.groups import Group


@pytest.mark.parametrize("rids, zh, en", [
    ("R-16.8a", "第十六条第（八）项", "Art. 16(8)"),
    (["R-16.8a", "R-16.8c", "R-24"], "第十六条第（八）项、第二十四条", "Art. 16(8), Art. 24"),
    ("R-12.9, R-30–R-34", "第十二条第（九）项、第三十条至第三十四条", "Art. 12(9), Arts. 30–34"),
    ("R-X.2, R-38", "第三十八条", "Art. 38"),  # a cross-cutting requirement cites no article
    ("R-X.1", "", ""),
    ("", "", ""),
    (None, "", ""),
])
def test_articles_are_cited_as_people_cite_them_in_each_language(rids, zh, en):
    assert in_language(rids, language="zh-hans") == zh and in_language(rids, language="en") == en


def test_free_text_keeps_its_words_and_cites_its_articles():
    reason = "经实质审核，申请人不符合申请条件。 (R-22.1 用人单位列入本年度新区重点企业名录)"
    assert in_language(reason, language="zh-hans") == \
        "经实质审核，申请人不符合申请条件。 (第二十二条第（一）项 用人单位列入本年度新区重点企业名录)"


def test_the_household_conditions_cite_the_article_of_the_group():
    assert in_language("R-HH.2", Group.NO_HOUSING, language="zh-hans") == "第二十条第（六）项"
    assert in_language("R-HH.2", Group.ENTERPRISE_TALENT, language="en") == "Art. 22(5)"


def test_the_lazy_form_reads_in_the_language_it_is_shown_in():
    message = cited(["R-16.6"])
    with translation.override("zh-hans"):
        assert str(message) == "第十六条第（六）项"
    with translation.override("en"):
        assert str(message) == "Art. 16(6)"


def test_the_template_filter_cites_a_list_of_a_history_row():
    template = Template("{% load citations %}{{ articles|cite:group }}")
    with translation.override("zh-hans"):
        assert template.render(Context({"articles": ["R-16.3", "R-HH.1"], "group": Group.NO_HOUSING})) == \
            "第十六条第（三）项、第二十条第（六）项"


@pytest.mark.parametrize("family, given, shown", [
    ("陈", "晓燕", "陈晓燕"),
    ("欧阳", "娜娜", "欧阳娜娜"),
    ("Chen", "Xiaoyan", "Chen Xiaoyan"),
    ("", "某用人单位", "某用人单位"),
    ("", "", ""),
])
def test_names_are_shown_family_name_first(family, given, shown):
    assert person_name(family, given) == shown
    user = StaffUser(username="ccb_clerk", last_name=family, first_name=given)
    assert user.get_full_name() == shown and str(user) == (shown or "ccb_clerk")


@pytest.mark.django_db
@pytest.mark.parametrize("code", [UnitCode.CCB, UnitCode.FINANCE, UnitCode.DISCIPLINE, UnitCode.JOINT_MEETING,
                                  UnitCode.ORG_PERSONNEL, UnitCode.ECON_SERVICES, UnitCode.SOCIAL_CONSTRUCTION,
                                  UnitCode.PUBLIC_AFFAIRS])
def test_a_unit_has_one_name_in_each_language(code):
    unit = Unit.objects.get(code=code)
    with translation.override("zh-hans"):
        assert str(UnitCode(code).label) == unit.name_zh == str(unit)
    with translation.override("en"):
        assert str(UnitCode(code).label) == unit.name_en


def test_a_document_is_signed_with_the_official_name():
    with translation.override("zh-hans"):
        assert official_name(UnitCode.CCB) == "深圳市龙华新区城市建设局"
    with translation.override("en"):
        assert official_name(UnitCode.CCB) == "City Construction Bureau, Longhua New District, Shenzhen"
