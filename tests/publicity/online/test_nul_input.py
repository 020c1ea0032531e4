"""R-X.5: a NUL in what a resident sends — the objection link's ?entry=, a posted field of the objection, inquiry
and lookup forms — is a 400 with the form's words, never a 500, and nothing is saved."""

import pytest
from django.urls import reverse

from publicity.masking import mask_name
from publicity.models import Inquiry, Objection
from tests.support.publicity_online import (  # noqa: F401 (fixtures)
    entry_value,
    in_notice,
    inquiry_url,
    notice,
    objection_url,
    resident,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["entry=%00", "entry=Q%00", "entry=%0a"])
def test_a_control_character_in_the_objection_link_is_a_400(resident, notice, query):
    response = resident.get(f"{objection_url(notice)}?{query}")
    assert response.status_code == 400
    assert "control character" in text(response)


def test_the_objection_link_with_a_real_number_still_chooses_the_entry(resident, notice, in_notice):
    assert resident.get(f"{objection_url(notice)}?entry={in_notice.number}").status_code == 200


@pytest.mark.parametrize("field", ["objector_name", "objector_contact", "entry", "reasons"])
def test_a_nul_in_an_objection_field_is_a_form_error(resident, notice, in_notice, field):
    page = resident.get(objection_url(notice))
    data = {"objector_name": "李四", "objector_contact": "13900139000",
            "entry": entry_value(page, mask_name(in_notice.applicant_name)), "reasons": "申请人名下在深圳另有住房。"}
    data[field] = "\x00" if field == "entry" else data[field][:2] + "\x00" + data[field][2:]
    response = resident.post(objection_url(notice), data)
    assert response.status_code == 400
    assert not Objection.objects.exists()


@pytest.mark.parametrize("field", ["asker_name", "asker_contact", "question"])
def test_a_nul_in_an_inquiry_field_is_a_form_error(resident, notice, field):
    page = resident.get(inquiry_url(notice))
    assert page.status_code == 200
    data = {"asker_name": "王五", "asker_contact": "13900139000", "question": "请问公示期多长？"}
    clean = dict(data)
    data[field] = data[field] + "\x00"
    response = resident.post(inquiry_url(notice), data)
    assert response.status_code == 400
    assert not Inquiry.objects.exists()
    assert resident.post(inquiry_url(notice), clean).status_code == 302  # the same form without the NUL is filed


@pytest.mark.parametrize("url, data", [
    (reverse("publicity:objection_lookup"), {"receipt": "YY-20260101-0000\x000000", "contact": "13800138000"}),
    (reverse("publicity:status_lookup"), {"application_number": "LH\x00", "id_number": "4403\x00",
                                          "lookup_code": "ABCD-\x00"}),
])
def test_a_nul_in_a_lookup_is_answered_without_a_500(resident, url, data):
    response = resident.post(url, data) if "status" in url else resident.get(url, data)
    assert response.status_code in (200, 400)
