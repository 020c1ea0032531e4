"""R-14, R-X.2: the agencies' pages and the CCB's recheck page, as users see them; every refusal proven."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from housing.models import ApplicationHistory, VerificationAnswer
from housing.stages import Stage
from tests.factories import reload, staff
from tests.factories.verification import answer_all, at_recheck, ccb_clerk, with_requests

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_anonymous_is_sent_to_sign_in(client):
    request = with_requests()["verify_public_security"]
    for url in (reverse("housing:verification_queue"), reverse("housing:verification_request", args=[request.pk]),
                reverse("housing:verification_export"), reverse("housing:verification_import")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", [("ccb", "clerk"), ("ccb", "head"), ("org_personnel", "reviewer"),
                                 ("public_affairs", "head"), ("verify_public_security", "reviewer"),
                                 ("discipline", "reviewer")])
def test_no_agency_page_for_anyone_who_does_not_answer(client, who):
    request = with_requests()["verify_public_security"]
    signed_in(client, staff(*who))
    for url in (reverse("housing:verification_queue"), reverse("housing:verification_request", args=[request.pk]),
                reverse("housing:verification_export"), reverse("housing:verification_import"),
                reverse("housing:verification_correct", args=[request.pk, "hukou"])):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("housing:verification_request", args=[request.pk]),
                           {"confirmed_hukou": "true", "reference_hukou": "X", "stands_by": "on"})
    assert response.status_code == 403
    assert not VerificationAnswer.objects.exists()


def test_another_agencys_request_is_not_found(client):
    request = with_requests()["verify_public_security"]
    signed_in(client, staff("verify_planning_land", "clerk"))
    assert client.get(reverse("housing:verification_request", args=[request.pk])).status_code == 404
    response = client.post(reverse("housing:verification_request", args=[request.pk]),
                           {"confirmed_hukou": "true", "reference_hukou": "X", "stands_by": "on"})
    assert response.status_code == 404
    assert not VerificationAnswer.objects.exists()


def test_the_queue_lists_only_the_agencys_own_requests_with_deadline_and_overdue_flag(client):
    late, recent = at_recheck(), at_recheck()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=12)):
        mine = with_requests(late)["verify_public_security"]
    fresh = with_requests(recent)["verify_public_security"]
    signed_in(client, staff("verify_public_security", "clerk"))
    page = client.get(reverse("housing:verification_queue")).content.decode()
    assert reverse("housing:verification_request", args=[mine.pk]) in page
    assert reverse("housing:verification_request", args=[fresh.pk]) in page
    assert page.count("Overdue") == 1 and mine.due_on.isoformat() in page
    other = with_requests()["verify_planning_land"]
    assert reverse("housing:verification_request", args=[other.pk]) not in page


def test_the_request_shows_the_name_the_masked_id_and_only_its_own_facts(client):
    application = at_recheck(with_spouse=True)
    request = with_requests(application)["verify_public_security"]
    signed_in(client, staff("verify_public_security", "clerk"))
    page = client.get(reverse("housing:verification_request", args=[request.pk])).content.decode()
    assert application.applicant_name in page
    number = application.applicant_id_number
    assert number not in page and number[:6] in page and "*" in page
    assert application.contact_phone and application.contact_phone not in page
    assert application.number not in page
    spouse = application.members.exclude(name=application.applicant_name)
    assert spouse.exists() and all(member.name not in page for member in spouse)
    assert "Hukou" in page and "Social insurance" not in page and "Family planning" not in page


def test_the_agency_answers_on_the_page_and_must_stand_by_it(client):
    request = with_requests()["verify_public_security"]
    signed_in(client, staff("verify_public_security", "clerk"))
    url = reverse("housing:verification_request", args=[request.pk])
    refused = client.post(url, {"confirmed_hukou": "true", "reference_hukou": "公户-7"})
    assert refused.status_code == 400 and "stands by" in refused.content.decode()
    assert not VerificationAnswer.objects.exists()
    done = client.post(url, {"confirmed_hukou": "true", "reference_hukou": "公户-7", "stands_by": "on"})
    assert done.status_code == 302
    page = client.get(url).content.decode()
    assert "公户-7" in page and "the agency stands by this answer" in page
    assert 'name="confirmed_hukou"' not in page  # nothing left to answer


def test_a_correction_on_the_page(client):
    request = with_requests()["verify_public_security"]
    answer_all(request, reference="公户-7")
    signed_in(client, staff("verify_public_security", "clerk"))
    url = reverse("housing:verification_correct", args=[request.pk, "hukou"])
    assert client.post(url, {"confirmed": "untrue", "reference": "公户-8", "stands_by": "on"}).status_code == 400
    assert client.post(url, {"confirmed": "untrue", "reference": "公户-8", "reason": "户籍已迁出",
                             "stands_by": "on"}).status_code == 302
    page = client.get(reverse("housing:verification_request", args=[request.pk])).content.decode()
    assert "公户-8" in page and "户籍已迁出" in page and "<del>" in page


def test_the_ccb_asks_from_the_recheck_page_and_an_agency_cannot(client):
    application = at_recheck()
    url = reverse("housing:verification_open", args=[application.number])
    signed_in(client, staff("verify_public_security", "clerk"))
    assert client.post(url).status_code in (403, 404)
    signed_in(client, ccb_clerk())
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # again: nothing added
    assert application.verification_requests.count() == 5


def test_the_recheck_page_is_prefilled_from_the_answers_and_names_agency_and_reference(client):
    application = at_recheck()
    requests = with_requests(application)
    answer_all(requests["verify_public_security"], reference="公户核-15")
    answer_all(requests["verify_planning_land"], confirmed=False, reference="规土核-3")
    signed_in(client, ccb_clerk())
    page = client.get(reverse("housing:recheck", args=[application.number])).content.decode()
    checked = dict(re.findall(r'name="verified_(\w+)" value="(\w+)"[^>]*checked', page))
    assert checked == {"hukou": "true", "housing": "untrue"}
    assert "公户核-15" in page and "规土核-3" in page
    assert "Public Security (verifier)" in page
    assert page.count("Unanswered") == 4  # family planning, education, marriage, social insurance


def test_an_agency_answer_is_not_overridden_without_a_reason(client):
    application = at_recheck()
    requests = with_requests(application)
    answer_all(requests["verify_planning_land"], confirmed=False, reference="规土核-3")
    signed_in(client, ccb_clerk())
    url = reverse("housing:recheck", args=[application.number])
    data = {"version": reload(application).version, **{f"verified_{i}": "true" for i in (
        "housing", "family_planning", "education", "hukou", "marriage", "social_insurance")}}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "answered otherwise" in refused.content.decode()
    assert reload(application).stage == Stage.PROPOSED
    done = client.post(url, {**data, "note_housing": "已核实房产于申请前出售，附过户登记"})
    assert done.status_code == 302
    assert reload(application).stage == Stage.RECHECKED
    row = ApplicationHistory.objects.filter(application=application, event="pass_recheck").get()
    assert row.payload["overrides"] == ["housing"]
    assert row.payload["agency_answers"]["housing"]["reference"] == "规土核-3"
    result = application.recheck_results.get(item="housing")
    assert "规土核-3" in result.note and "过户登记" in result.note


def test_a_fact_without_an_answer_is_still_concluded_by_hand(client):
    application = at_recheck()
    with_requests(application)
    signed_in(client, ccb_clerk())
    data = {"version": reload(application).version, **{f"verified_{i}": "true" for i in (
        "housing", "family_planning", "education", "hukou", "marriage", "social_insurance")}}
    assert client.post(reverse("housing:recheck", args=[application.number]), data).status_code == 302
    assert reload(application).stage == Stage.RECHECKED


@pytest.mark.parametrize("who, shown", [(("verify_civil_affairs", "clerk"), True), (("verify_subdistrict", "head"), True),
                                        (("ccb", "clerk"), False), (("org_personnel", "reviewer"), False),
                                        (("discipline", "reviewer"), False)])
def test_the_header_offers_the_queue_to_the_agencies_only(client, who, shown):
    signed_in(client, staff(*who))
    page = client.get(reverse("housing:work_queue")).content.decode()
    header = page.split('<main id="main">')[0]
    assert (f'href="{reverse("housing:verification_queue")}"' in header) is shown


def test_the_queue_reads_a_fixed_number_of_rows_however_many_requests(client, django_assert_max_num_queries):
    clerk = staff("verify_social_security", "clerk")
    signed_in(client, clerk)
    with_requests()
    client.get(reverse("housing:verification_queue"))  # warm the session and the units
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("housing:verification_queue"))
    for _ in range(4):
        answer_all(with_requests()["verify_social_security"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("housing:verification_queue"))
    assert page.content.decode().count("All answered") == 4
