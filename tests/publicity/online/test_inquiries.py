"""Inquiries (R-16.5): anyone asks during the notice, nothing freezes; the responsible unit answers, once; the
asker reads the answer with the receipt number and contact."""

import datetime
import re

import pytest
from django.urls import reverse

from housing.exceptions import InvalidInput, NotPermitted
from housing.models import ApplicationHistory
from housing.stages import Stage
from publicity import services as publicity
from publicity.masking import mask_name
from publicity.models import Inquiry
from publicity.online.services import file_inquiry_online
from tests.factories import reload, staff
from tests.support.publicity_online import entry_value, field_error, in_notice, inquiry_url, notice, resident, text

pytestmark = pytest.mark.django_db


def ask(client, notice, *, entry_name=None, **changes):
    page = client.get(inquiry_url(notice))
    assert page.status_code == 200
    data = {"asker_name": "赵六", "asker_contact": "zhao@example.com", "question": "公示期满后何时选房？",
            "entry": entry_value(page, entry_name) if entry_name else ""}
    data.update(changes)
    return client.post(inquiry_url(notice), data)


def test_a_question_gets_a_receipt_and_freezes_nothing(resident, notice, in_notice):
    rows = ApplicationHistory.objects.filter(application=in_notice).count()
    response = ask(resident, notice, entry_name=mask_name(in_notice.applicant_name))
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert re.fullmatch(r"DY-\d{8}-[0-9A-F]{8}", inquiry.receipt_number)
    assert inquiry.receipt_number in resident.get(response["Location"]).content.decode()
    assert (inquiry.notice, inquiry.application, inquiry.asker_contact) == (notice, in_notice, "zhao@example.com")
    assert reload(in_notice).stage == Stage.PUBLIC_NOTICE
    assert ApplicationHistory.objects.filter(application=in_notice).count() == rows


def test_a_general_question_names_no_entry(resident, notice):
    assert ask(resident, notice).status_code == 302
    assert Inquiry.objects.get().application is None


@pytest.mark.parametrize("days_after_end", [1, 30])
def test_a_question_after_the_period_is_refused_naming_the_period(resident, notice, clock, days_after_end):
    page = resident.get(inquiry_url(notice))
    assert page.status_code == 200
    clock.travel_to(notice.ends_on + datetime.timedelta(days=days_after_end))
    response = resident.post(inquiry_url(notice), {"asker_name": "赵六", "asker_contact": "13800138000",
                                                   "question": "何时选房？", "entry": ""})
    assert response.status_code == 400
    assert f"from {notice.starts_on:%Y-%m-%d} to {notice.ends_on:%Y-%m-%d}" in text(response)
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("asker_contact", "not a contact", "mobile or landline number"),
    ("asker_contact", "a@b", "mobile or landline number"),
    ("question", "  ", "required"),
    ("asker_name", "", "required"),
])
def test_bad_input_is_marked_and_nothing_is_saved(resident, notice, field, value, message):
    response = ask(resident, notice, **{field: value})
    assert response.status_code == 400
    assert message in field_error(response, field)
    assert not Inquiry.objects.exists()


def test_an_entry_of_another_notice_is_refused(notice):
    with pytest.raises(InvalidInput) as refused:
        file_inquiry_online(notice=notice, application_id=10**9, asker_name="赵六", asker_contact="13800138000",
                            question="？")
    assert "entry" in refused.value.field_errors
    assert not Inquiry.objects.exists()


def inquiry_about(notice, application=None) -> Inquiry:
    return file_inquiry_online(notice=notice, application_id=application.pk if application else None,
                               asker_name="赵六", asker_contact="13800138000", question="何时选房？")


# a question about an entry goes to the unit responsible for its group (C4: org_personnel);
# a general question to the CCB. docs/decisions/0013.
ANSWERS = [
    (True, ("org_personnel", "reviewer"), True),
    (True, ("org_personnel", "head"), True),
    (True, ("org_personnel", "clerk"), False),
    (True, ("ccb", "clerk"), False),
    (True, ("ccb", "head"), False),
    (True, ("econ_services", "reviewer"), False),
    (True, ("discipline", "head"), False),
    (False, ("ccb", "clerk"), True),
    (False, ("ccb", "reviewer"), True),
    (False, ("ccb", "head"), True),
    (False, ("org_personnel", "reviewer"), False),
    (False, ("discipline", "head"), False),
    (False, ("finance", "head"), False),
]


@pytest.mark.parametrize(("about_entry", "who", "allowed"), ANSWERS)
def test_who_answers_a_question(notice, in_notice, about_entry, who, allowed):
    inquiry = inquiry_about(notice, in_notice if about_entry else None)
    actor = staff(*who)
    if allowed:
        publicity.answer_inquiry(actor=actor, inquiry=inquiry, answer="公示期满并公告后七日内发出选房通知。")
        inquiry.refresh_from_db()
        assert (inquiry.answered_by, inquiry.answered_at is not None) == (actor, True)
    else:
        with pytest.raises(NotPermitted):
            publicity.answer_inquiry(actor=actor, inquiry=inquiry, answer="答复")
        inquiry.refresh_from_db()
        assert (inquiry.answer, inquiry.answered_by, inquiry.answered_at) == ("", None, None)


def test_a_question_is_answered_once_and_needs_an_answer(notice):
    inquiry = inquiry_about(notice)
    clerk = staff("ccb", "clerk")
    with pytest.raises(InvalidInput) as blank:
        publicity.answer_inquiry(actor=clerk, inquiry=inquiry, answer="  ")
    assert "answer" in blank.value.field_errors
    publicity.answer_inquiry(actor=clerk, inquiry=inquiry, answer="第一次答复")
    with pytest.raises(InvalidInput):
        publicity.answer_inquiry(actor=staff("ccb", "head"), inquiry=inquiry, answer="第二次答复")
    inquiry.refresh_from_db()
    assert (inquiry.answer, inquiry.answered_by) == ("第一次答复", clerk)


def test_the_asker_reads_the_answer_with_the_receipt_and_contact(resident, notice):
    inquiry = inquiry_about(notice)
    url = reverse("publicity:objection_lookup")
    waiting = text(resident.get(url, {"receipt": inquiry.receipt_number, "contact": "138-0013-8000"}))
    assert "Awaiting an answer" in waiting
    publicity.answer_inquiry(actor=staff("ccb", "clerk"), inquiry=inquiry, answer="公告后七日内发出选房通知。")
    answered = text(resident.get(url, {"receipt": inquiry.receipt_number, "contact": "13800138000"}))
    assert "Answered" in answered and "公告后七日内发出选房通知。" in answered
    wrong = text(resident.get(url, {"receipt": inquiry.receipt_number, "contact": "13800138001"}))
    assert "No objection or question matches" in wrong and "公告后七日内" not in wrong
