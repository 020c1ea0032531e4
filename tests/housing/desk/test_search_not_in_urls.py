"""R-X.2, R-X.3: a search of the application list by ID number or name travels by POST and is kept in the session
under a random key: no URL the portal builds carries the term (docs/decisions/0024)."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from housing.groups import Group
from tests.factories import ApplicationFactory, staff

pytestmark = pytest.mark.django_db

LIST = reverse("housing:application_list")


def urls_in(content: str) -> list[str]:
    return [unquote(u) for u in re.findall(r'(?:href|action)="([^"]*)"', content)]


def test_a_search_by_id_number_finds_the_case_and_no_url_carries_the_number(portal, allocation_round):
    wanted = ApplicationFactory(round=allocation_round)
    ApplicationFactory(round=allocation_round)
    portal.login(staff("ccb", "clerk"))
    page = portal.get(LIST)
    data = portal.fill(portal.page_form(page), {"q": wanted.applicant_id_number, "group": Group.NO_HOUSING})
    response = portal.post(LIST, data)
    assert response.status_code == 302
    assert wanted.applicant_id_number not in unquote(response.url) and "group=no_housing" in response.url
    listing = portal.get(response.url).content.decode()
    assert f'href="/applications/{wanted.number}/"' in listing
    assert len(re.findall(r'<th scope="row"><a href="/applications/', listing)) == 1
    assert not [u for u in urls_in(listing) if wanted.applicant_id_number in u]


def test_a_search_typed_into_the_address_bar_is_moved_into_the_session(portal, allocation_round):
    wanted = ApplicationFactory(round=allocation_round)
    portal.login(staff("ccb", "clerk"))
    response = portal.get(LIST, {"q": wanted.applicant_name, "page": "2"})
    assert response.status_code == 302 and wanted.applicant_name not in unquote(response.url)
    assert f'href="/applications/{wanted.number}/"' in portal.get(response.url).content.decode()


def test_another_session_cannot_read_a_kept_search(portal, allocation_round):
    wanted = ApplicationFactory(round=allocation_round)
    portal.login(staff("ccb", "clerk"))
    url = portal.get(LIST, {"q": wanted.applicant_id_number}).url
    portal.login(staff("ccb", "clerk"))  # a new session
    page = portal.get(url).content.decode()
    assert "That search is no longer kept" in page
