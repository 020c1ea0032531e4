"""Money as people read it: thousands separators everywhere, capital figures (大写) on contracts and payments."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from housing.web.money import in_capitals, with_separators


@pytest.mark.parametrize("amount, shown", [
    ("0.05", "0.05"),
    ("10", "10.00"),
    ("999.99", "999.99"),
    ("1010.01", "1,010.01"),
    ("11100", "11,100.00"),
    ("100001.10", "100,001.10"),
    ("1000000000.00", "1,000,000,000.00"),
    ("2.005", "2.01"),  # to the fen, half up
    ("-1500", "-1,500.00"),
])
def test_amounts_are_shown_with_thousands_separators(amount, shown):
    assert with_separators(Decimal(amount)) == shown


@pytest.mark.parametrize("amount, capitals", [
    ("0", "人民币零元整"),
    ("0.05", "人民币伍分"),
    ("0.50", "人民币伍角整"),
    ("10.00", "人民币壹拾元整"),  # 壹拾, never a bare 拾
    ("16", "人民币壹拾陆元整"),
    ("110", "人民币壹佰壹拾元整"),
    ("1010.01", "人民币壹仟零壹拾元零壹分"),  # a zero inside: 零; 角 zero before 分: 零
    ("1409.50", "人民币壹仟肆佰零玖元伍角整"),
    ("6007.14", "人民币陆仟零柒元壹角肆分"),  # several zeros in a row: one 零
    ("325.04", "人民币叁佰贰拾伍元零肆分"),
    ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分"),
    ("11100.00", "人民币壹万壹仟壹佰元整"),
    ("100001.10", "人民币壹拾万零壹元壹角整"),
    ("100700", "人民币壹拾万零柒佰元整"),
    ("1001000", "人民币壹佰万壹仟元整"),  # zeros that end a group are not written
    ("100010000", "人民币壹亿零壹万元整"),
    ("1000000000.00", "人民币壹拾亿元整"),
    ("1000000001", "人民币壹拾亿零壹元整"),
    ("123456789012.34", "人民币壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分"),
])
def test_capital_figures_follow_the_bank_rules(amount, capitals):
    assert in_capitals(Decimal(amount)) == capitals


def test_a_negative_amount_has_no_capital_figures():
    with pytest.raises(ValueError):
        in_capitals(Decimal("-1"))


def test_the_template_filters_show_both_forms_and_nothing_for_no_amount():
    template = Template("{% load money %}[{{ a|yuan }}][{{ a|capitals }}][{{ none|yuan|default:'—' }}]")
    assert template.render(Context({"a": Decimal("11100"), "none": None})) == "[11,100.00][人民币壹万壹仟壹佰元整][—]"
