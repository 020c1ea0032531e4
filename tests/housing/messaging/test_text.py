"""R-16.d, R-X.2: what an SMS says (signed, short, naming the application, never an ID number) and how a
recipient is shown. No database needed."""

import logging

import pytest

from housing.messaging.logs import log
from housing.messaging.text import contains_id_number, normalize_mobile, redact_id_numbers, sms_text
from housing.models import mask_recipient

ID = "44030619900101123X"


@pytest.mark.parametrize("text, found", [
    (f"身份证{ID}。", True), (f"id {ID.lower()}", True), ("440306199001011234", True),
    ("LH-2026-C3-000001", False), ("13812345678", False), ("4403061990010112345", False),  # 19 digits: not one
])
def test_an_id_number_is_found_wherever_it_stands(text, found):
    assert contains_id_number(text) is found


def test_an_id_number_is_taken_out_of_a_text():
    assert ID not in redact_id_numbers(f"申请人{ID}的申请") and "申请人" in redact_id_numbers(f"申请人{ID}的申请")


def test_an_sms_is_signed_on_one_line_and_names_the_application(settings):
    settings.SMS_SIGNATURE = "龙华区住房保障"
    assert sms_text("您的申请已受理。\n请等待。", number="LH-2026-C3-000001") == (
        "【龙华区住房保障】申请LH-2026-C3-000001：您的申请已受理。 请等待。")


def test_a_long_sms_is_trimmed_and_keeps_the_number(settings):
    settings.SMS_MAX_CHARS = 70
    text = sms_text("说明" * 100 + "申请LH-2026-C3-000001", number="LH-2026-C3-000001")
    assert len(text) == 70 and text.endswith("…") and "LH-2026-C3-000001" in text


def test_an_sms_never_carries_an_id_number():
    assert ID not in sms_text(f"理由：{ID}不符", number="LH-2026-C3-000001")


@pytest.mark.parametrize("raw, mobile", [("138 1234 5678", "13812345678"), ("+86 138-1234-5678", "13812345678"),
                                         ("0755-12345678", None), ("", None), ("12812345678", None)])
def test_only_a_mobile_number_takes_an_sms(raw, mobile):
    assert normalize_mobile(raw) == mobile


def test_a_recipient_is_shown_masked():
    assert mask_recipient("sms", "13812345678") == "138****5678"
    assert mask_recipient("email", "zhang.san@example.cn") == "z***@example.cn"


def test_the_messaging_log_masks_phone_numbers_and_hides_id_numbers(caplog):
    with caplog.at_level(logging.INFO, logger="housing.messaging"):
        log.info("to %s about %s", "13812345678", ID)
    assert "138****5678" in caplog.text and "13812345678" not in caplog.text and ID not in caplog.text
