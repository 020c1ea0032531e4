"""R-6, R-38, R-X.1: discipline inspection reads every staff action; nobody else outside the CCB does."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from housing.cases.selectors import AUDIT_PAGE
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance, staff

pytestmark = pytest.mark.django_db

URL = reverse("housing:audit_trail")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_discipline_reads_every_units_actions(english, allocation_round):
    c6 = advance(ApplicationFactory(round=allocation_round, c6=True), Stage.ELIGIBLE)
    english.force_login(staff("discipline", "reviewer"))
    page = english.get(URL).content.decode()
    assert c6.number in page
    # the reviewer's decision and the clerk's steps, each with its unit
    assert "Economic Services Bureau" in page and "City Construction Bureau" in page
    only_econ = english.get(URL, {"unit": "econ_services"}).context["rows"]
    assert [(row.event, row.actor_unit) for row in only_econ] == [("approve_eligibility", "econ_services")]


@pytest.mark.parametrize("unit", ["org_personnel", "econ_services", "social_construction", "public_affairs",
                                  "finance", "joint_meeting", "verify_civil_affairs"])
def test_other_units_are_refused(client, unit):
    client.force_login(staff(unit, "head"))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_menu_offers_the_trail_only_to_those_who_may_read_it(english):
    english.force_login(staff("discipline", "reviewer"))
    assert URL in english.get(reverse("housing:application_list")).content.decode()
    english.force_login(staff("social_construction", "reviewer"))
    assert URL not in english.get(reverse("housing:application_list")).content.decode()


def test_pages_go_back_in_time_and_cost_the_same(english, allocation_round):
    english.force_login(staff("discipline", "reviewer"))
    for _ in range(12):  # 12 × 5 rows: more than one page
        advance(ApplicationFactory(round=allocation_round), Stage.RECHECKED)
    with CaptureQueriesContext(connection) as first_page:
        first = english.get(URL)
    older = first.context["next_before"]
    assert older and len(first.context["rows"]) == AUDIT_PAGE
    with CaptureQueriesContext(connection) as second_page:
        second = english.get(URL, {"before": older})
    assert all(row.id < older for row in second.context["rows"])
    assert len(first_page) == len(second_page)
