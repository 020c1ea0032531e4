"""SPEC §13 masking of published personal data (R-16.4b): one row per case."""

import pytest

from housing.rules.policy import PolicySnapshot
from publicity.masking import mask_id_number, mask_name, mask_phone, mask_text

DEFAULT = PolicySnapshot()
FIRST_ONLY = PolicySnapshot(mask_name_keeps_last=False)


@pytest.mark.parametrize("policy, name, masked", [
    (DEFAULT, "张三", "张*"),
    (DEFAULT, "张小三", "张*三"),
    (DEFAULT, "欧阳小锋", "欧**锋"),
    (DEFAULT, "欧阳锋", "欧*锋"),
    (DEFAULT, "买买提·艾力", "买****力"),
    (DEFAULT, "李", "*"),
    (DEFAULT, "", ""),
    (DEFAULT, None, ""),
    (DEFAULT, " 王五 ", "王*"),
    (FIRST_ONLY, "张小三", "张**"),
    (FIRST_ONLY, "张三", "张*"),
    (None, "张小三", "张*三"),  # no policy in force: the shipped default
])
def test_mask_name(policy, name, masked):
    assert mask_name(name, policy) == masked


@pytest.mark.parametrize("policy, number, masked", [
    (DEFAULT, "44030619900101123X", "440306********123X"),
    (DEFAULT, "44030619900101123x", "440306********123X"),
    (DEFAULT, "440306900101123", "440306*****1123"),  # a 15-digit number of before 1999
    (PolicySnapshot(mask_id_head=3, mask_id_tail=0), "44030619900101123X", "440***************"),
    (PolicySnapshot(mask_id_head=0, mask_id_tail=0), "44030619900101123X", "*" * 18),
    # Parameters that would hide less than a third of the number hide all of it.
    (PolicySnapshot(mask_id_head=8, mask_id_tail=6), "44030619900101123X", "*" * 18),
    (PolicySnapshot(mask_id_head=10, mask_id_tail=10), "44030619900101123X", "*" * 18),
    (DEFAULT, "12345", "*****"),
    (DEFAULT, "", ""),
    (None, "44030619900101123X", "440306********123X"),
])
def test_mask_id_number(policy, number, masked):
    assert mask_id_number(number, policy) == masked


@pytest.mark.parametrize("phone, masked", [
    ("13812341234", "138****1234"),
    ("138 1234 1234", "138****1234"),
    ("+8613812341234", "+86*******1234"),
    ("27712345", "****2345"),
    ("12345", "*****"),
    ("", ""),
])
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


def test_free_text_loses_the_named_person_and_every_id_number():
    text = "张小三（身份证44030619900101123X）隐瞒房产；其妻李四，身份证440306199202021234。张小三已退回。"
    masked = mask_text(text, names=("张小三",), policy=DEFAULT)
    assert masked == ("张*三（身份证440306********123X）隐瞒房产；其妻李四，身份证440306********1234。张*三已退回。")


def test_free_text_leaves_other_long_numbers_alone():
    assert mask_text("合同编号HT2026000000000000123", policy=DEFAULT) == "合同编号HT2026000000000000123"
