"""R-6, R-38: the audit records are read by discipline inspection (every role, every unit's records) and by the
CCB's head; every other account is refused, on every page, whoever asks (docs/decisions/0042)."""

import pytest
from django.urls import reverse

from departments.models import SignInRecord
from departments.sign_ins import record_sign_in
from tests.factories.staff import staff

pytestmark = pytest.mark.django_db

PAGES = ("housing:audit_records", "housing:sign_in_records", "housing:reference_history",
         "housing:personal_data_reads")
READERS = [("discipline", "clerk"), ("discipline", "reviewer"), ("discipline", "head"), ("ccb", "head")]
REFUSED = [("ccb", "clerk"), ("ccb", "reviewer"), ("org_personnel", "head"), ("finance", "head"),
           ("joint_meeting", "head"), ("verify_public_security", "clerk")]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("unit,role", READERS)
def test_discipline_and_the_ccb_head_read_every_page(as_user, page, unit, role):
    response = as_user(staff(unit, role)).get(reverse(page))
    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("unit,role", REFUSED)
def test_every_other_role_is_refused(as_user, page, unit, role):
    assert as_user(staff(unit, role)).get(reverse(page)).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_a_system_administrator_is_refused(as_user, page):
    admin = staff(None, "sysadmin", is_staff=True)
    assert as_user(admin).get(reverse(page)).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_header_links_the_records_only_for_their_readers(as_user):
    link = reverse("housing:audit_records")
    assert link in as_user(staff("discipline", "reviewer")).get(reverse("housing:work_queue")).content.decode()
    assert link not in as_user(staff("ccb", "clerk")).get(reverse("housing:work_queue")).content.decode()


def test_the_sign_ins_filter_by_account_outcome_and_day(as_user, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="Firefox")
    record_sign_in(request=request, outcome=SignInRecord.Outcome.FAILED, username="li.guess")
    record_sign_in(request=request, outcome=SignInRecord.Outcome.SIGNED_IN, username="wang.ok")
    reader = as_user(staff("discipline", "reviewer"))
    page = reader.get(reverse("housing:sign_in_records"), {"username": "li.guess"}).content.decode()
    assert "li.guess" in page and "wang.ok" not in page and "10.0.0.1" in page and "Firefox" in page
    page = reader.get(reverse("housing:sign_in_records"), {"outcome": "signed_in"}).content.decode()
    assert "wang.ok" in page and "li.guess" not in page
    page = reader.get(reverse("housing:sign_in_records"), {"date_from": "2001-01-01", "date_to": "2001-01-02"})
    assert "wang.ok" not in page.content.decode()


def test_a_bad_filter_is_reported_and_the_page_still_answers(as_user):
    reader = as_user(staff("discipline", "reviewer"))
    response = reader.get(reverse("housing:sign_in_records"), {"date_from": "not-a-day", "outcome": "nonsense"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    response = reader.get(reverse("housing:personal_data_reads"), {"date_from": "2026-03-02", "date_to": "2026-03-01"})
    assert response.status_code == 200 and "The last day comes before the first." in response.content.decode()
