"""The system administrator has no unit, so no case is in their scope (R-X.2): the admin shows accounts and reference
data, and no page of it carries an applicant's or a member's ID number, a contact phone or an objector's contact
(docs/decisions/0024)."""

import re

import pytest

from housing.models import Application, HouseholdMember
from publicity.models import Inquiry, Objection
from tests.support.public_site import build_public_site

pytestmark = pytest.mark.django_db


def personal_data() -> set[str]:
    values = set(Application.objects.values_list("applicant_id_number", flat=True))
    values |= set(HouseholdMember.objects.values_list("id_number", flat=True))
    values |= {v for v in Application.objects.values_list("contact_phone", flat=True) if v}
    values |= set(Objection.objects.values_list("objector_contact", flat=True))
    values |= set(Inquiry.objects.values_list("asker_contact", flat=True))
    return {v for v in values if v}


def admin_pages(client) -> dict[str, str]:
    """The admin's index, every list it links to and the first records of each list."""
    pages = {"/admin/": client.get("/admin/").content.decode()}
    lists = sorted(set(re.findall(r'href="(/admin/[a-z_]+/[a-z_]+/)"', pages["/admin/"])))
    for url in lists:
        pages[url] = client.get(url).content.decode()
        for change in sorted(set(re.findall(r'href="(/admin/[a-z_]+/[a-z_]+/\d+/change/)[^"]*"', pages[url])))[:3]:
            pages[change] = client.get(change).content.decode()
    return pages


def test_no_admin_page_shows_personal_data_of_a_case(admin_client, clock):
    build_public_site(clock)
    secrets = personal_data()
    assert secrets and Objection.objects.exists()
    pages = admin_pages(admin_client)
    assert len(pages) > 5
    leaks = {(url, value) for url, content in pages.items() for value in secrets if value in content}
    assert not leaks


@pytest.mark.parametrize("url", ["/admin/housing/application/", "/admin/housing/applicationhistory/",
                                 "/admin/publicity/objection/"])
def test_cases_and_objections_are_not_in_the_admin(admin_client, url):
    assert admin_client.get(url).status_code == 404
