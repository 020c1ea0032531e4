"""An objection filed online proves its contact with a code sent to it (R-16.6, decision 0035); the applicant is told
when the status lookup of their application was refused after repeated wrong guesses (R-16.d, decision 0028)."""

import datetime
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import OutgoingMessage
from housing.stages import Stage
from publicity.masking import mask_name
from publicity.models import Objection
from tests.factories import reload
from tests.support.publicity_online import (  # noqa: F401 (fixtures)
    contact_code,
    english_client,
    entry_value,
    field_error,
    in_notice,
    notice,
    objection_url,
    resident,
    text,
)

pytestmark = pytest.mark.django_db

MOBILE = "13900139000"


def ask_for_code(client, notice, contact=MOBILE, **extra):
    return client.post(objection_url(notice), {"action": "send_code", "code-objector_contact": contact}, **extra)


def objection(page, in_notice, code, contact=MOBILE):
    return {"objector_name": "李四", "objector_contact": contact, "verification_code": code,
            "entry": entry_value(page, mask_name(in_notice.applicant_name)), "reasons": "申请人名下在深圳另有住房。"}


def code_sent_to(contact=MOBILE) -> str:
    message = OutgoingMessage.objects.filter(recipient=contact, purpose="contact_code").latest("id")
    return re.search(r"\d{6}", message.text).group()


def test_the_code_goes_to_the_mobile_and_the_form_comes_back_with_the_contact_filled_in(resident, notice):
    response = ask_for_code(resident, notice, "139 0013 9000")

    assert response.status_code == 200
    assert "A code was sent to 139****9000" in text(response)
    assert f'value="{MOBILE}"' in response.content.decode()  # the objection form below holds the contact
    message = OutgoingMessage.objects.get(purpose="contact_code")
    assert (message.channel, message.recipient) == ("sms", MOBILE)
    assert "验证码" in message.text and re.search(r"\d{6}", message.text)
    assert not Objection.objects.exists()


def test_an_email_gets_its_code_by_email(resident, notice):
    assert ask_for_code(resident, notice, "Li.Si@Example.com").status_code == 200
    assert OutgoingMessage.objects.get(purpose="contact_code").channel == "email"


def test_a_landline_cannot_get_a_code_and_is_sent_to_the_counter(resident, notice):
    response = ask_for_code(resident, notice, "0755-2345 6789")

    assert response.status_code == 400
    assert "A landline cannot receive a code" in field_error(response, "code-objector_contact")
    assert not OutgoingMessage.objects.exists()


def test_the_objection_is_filed_with_the_code_and_records_the_contact_as_confirmed(resident, notice, in_notice):
    page = ask_for_code(resident, notice)
    response = resident.post(objection_url(notice), objection(page, in_notice, code_sent_to()))

    assert response.status_code == 302
    filed = Objection.objects.get()
    assert filed.contact_verified and filed.objector_contact == MOBILE
    assert reload(in_notice).stage == Stage.FROZEN


@pytest.mark.parametrize("wrong", ["", "000000x", "the other contact's code"])
def test_without_the_right_code_nothing_is_filed_and_the_entry_stays_open(resident, notice, in_notice, wrong):
    page = ask_for_code(resident, notice)
    if wrong == "the other contact's code":
        wrong = contact_code("13700137000")
    elif wrong == "000000x":
        wrong = "999999" if code_sent_to() != "999999" else "888888"
    response = resident.post(objection_url(notice), objection(page, in_notice, wrong))

    assert response.status_code == 400
    assert field_error(response, "verification_code")
    assert not Objection.objects.exists()
    assert reload(in_notice).stage == Stage.PUBLIC_NOTICE


def test_a_code_is_used_once(resident, notice, in_notice):
    page = ask_for_code(resident, notice)
    code = code_sent_to()
    assert resident.post(objection_url(notice), objection(page, in_notice, code)).status_code == 302
    again = resident.post(objection_url(notice), {**objection(page, in_notice, code), "objector_name": "王五"})
    assert again.status_code == 400 and "wrong or has expired" in field_error(again, "verification_code")
    assert Objection.objects.count() == 1


def test_five_wrong_codes_void_the_right_one(resident, notice, in_notice, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "filing": (10, 3600)}
    page = ask_for_code(resident, notice)
    code = code_sent_to()
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(5):
        assert resident.post(objection_url(notice), objection(page, in_notice, wrong)).status_code == 400
    assert resident.post(objection_url(notice), objection(page, in_notice, code)).status_code == 400
    assert not Objection.objects.exists()


def test_a_code_expires(resident, notice, in_notice, monkeypatch):
    # The cache (Redis in production) forgets the code when its time is up; here the time is one second.
    monkeypatch.setattr("publicity.online.contact_codes.CODE_MINUTES", 1 / 60)
    page = ask_for_code(resident, notice)
    code = code_sent_to()
    time.sleep(2.1)
    assert resident.post(objection_url(notice), objection(page, in_notice, code)).status_code == 400


def test_codes_for_one_contact_are_limited_whatever_the_address(notice, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "contact_code": (2, 3600)}
    for n in range(2):
        assert ask_for_code(english_client(REMOTE_ADDR=f"10.3.0.{n}"), notice).status_code == 200
    refused = ask_for_code(english_client(REMOTE_ADDR="10.3.0.9"), notice)
    assert refused.status_code == 429
    assert OutgoingMessage.objects.filter(purpose="contact_code").count() == 2


def test_codes_from_one_address_are_limited_and_do_not_use_up_its_filings(notice, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "contact_code_ip": (2, 3600), "filing": (1, 3600)}
    client = english_client(REMOTE_ADDR="10.4.0.1")
    assert ask_for_code(client, notice, "13700137001").status_code == 200
    assert ask_for_code(client, notice, "13700137002").status_code == 200
    assert ask_for_code(client, notice, "13700137003").status_code == 429


def test_no_code_is_sent_outside_the_notice_period(resident, notice, time_machine):
    time_machine.move_to(timezone.make_aware(datetime.datetime.combine(
        notice.ends_on + datetime.timedelta(days=2), datetime.time(10))))
    response = ask_for_code(resident, notice)
    assert response.status_code in (200, 400)
    assert not OutgoingMessage.objects.exists()


STATUS_URL = reverse("publicity:status_lookup")


def guess(client, number, **extra):
    return client.post(STATUS_URL, {"application_number": number, "id_number": "110101199001010000",
                                    "lookup_code": "ZZZZ-ZZZZ"}, **extra)


def test_the_failure_that_uses_up_the_limit_tells_the_applicant_once(resident, in_notice, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "status_number": (3, 3600)}
    for n in range(2):
        guess(resident, in_notice.number, REMOTE_ADDR=f"10.5.0.{n}")
    assert not OutgoingMessage.objects.filter(purpose="lookup_failures").exists()

    guess(resident, in_notice.number, REMOTE_ADDR="10.5.0.3")
    for n in range(3):  # refused before the lookup now; nothing more is sent
        assert guess(resident, in_notice.number, REMOTE_ADDR=f"10.5.1.{n}").status_code == 429

    warning = OutgoingMessage.objects.get(purpose="lookup_failures")
    assert (warning.channel, warning.recipient, warning.application_id) == ("sms", "13800138000", in_notice.pk)
    assert in_notice.number in warning.text and "查询" in warning.text
    assert in_notice.applicant_id_number not in warning.text


def test_guesses_at_a_number_nobody_holds_message_nobody(resident, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "status_number": (2, 3600)}
    for n in range(3):
        guess(resident, "LH-2000-C3-000001", REMOTE_ADDR=f"10.6.0.{n}")
    assert not OutgoingMessage.objects.exists()


def test_wrong_codes_do_not_use_up_an_entrys_allowance(resident, notice, in_notice, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "objection_entry": (1, 86400), "filing": (10, 3600)}
    page = ask_for_code(resident, notice)
    code = code_sent_to()
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(3):
        assert resident.post(objection_url(notice), objection(page, in_notice, wrong)).status_code == 400
    assert resident.post(objection_url(notice), objection(page, in_notice, code)).status_code == 302
