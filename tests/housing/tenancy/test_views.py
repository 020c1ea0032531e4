"""The tenancy pages: who reads, who acts, and refusals (other units, wrong role, discipline inspection)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import OccupancyCheck, Termination
from tests.factories.staff import staff
from tests.factories.tenancy import SaleContractFactory, TenancyFactory
from tests.housing.conftest import page_text
from tests.support.confirmations import confirm


@pytest.fixture
def tenancy(db):
    return TenancyFactory()


def test_list_filters_and_detail(portal, clerk, tenancy):
    other = TenancyFactory()
    portal.login(clerk)
    everything = page_text(portal.get(reverse("housing:tenancy_list")))
    assert tenancy.contract.number in everything and other.contract.number in everything
    ends = page_text(portal.get(reverse("housing:tenancy_list"), {"ends_before": "2000-01-01"}))
    assert tenancy.contract.number not in ends
    arrears = page_text(portal.get(reverse("housing:tenancy_list"), {"in_arrears": "on"}))
    assert tenancy.contract.number not in arrears
    detail = portal.get(reverse("housing:tenancy_detail", args=[tenancy.pk]))
    assert detail.status_code == 200
    assert "Rent ledger" in page_text(detail) and "Unpaid" in page_text(detail)


def test_a_clerk_records_a_check_through_the_page(portal, clerk, tenancy):
    portal.login(clerk)
    response = portal.submit(reverse("housing:occupancy_check_create", args=[tenancy.pk]),
                             {"checked_on": timezone.localdate().isoformat(), "occupied": "yes"})
    assert response.status_code == 302
    assert OccupancyCheck.objects.get().occupied is True


def test_a_voluntary_notice_through_the_page(portal, clerk, tenancy):
    portal.login(clerk)
    url = reverse("housing:termination_create", args=[tenancy.pk])
    response = portal.submit(url, {"reason": "voluntary", "notified_on": timezone.localdate().isoformat()})
    assert not Termination.objects.exists()  # ends a tenancy: confirmed first (docs/decisions/0047)
    response = confirm(portal, response, url)
    assert response.status_code == 302
    assert Termination.objects.get().move_out_by == timezone.localdate() + datetime.timedelta(days=30)


@pytest.mark.parametrize("unit, roles, status", [
    ("ccb", ("clerk",), 200),
    ("finance", ("clerk",), 200),
    ("discipline", ("clerk", "reviewer", "head"), 200),
    ("org_personnel", ("clerk", "reviewer", "head"), 403),
    ("verify_subdistrict", ("clerk",), 403),
])
def test_who_reads(portal, tenancy, unit, roles, status):
    portal.login(staff(unit, *roles))
    assert portal.get(reverse("housing:tenancy_detail", args=[tenancy.pk])).status_code == status
    assert portal.get(reverse("housing:tenancy_list")).status_code == status


@pytest.mark.parametrize("name, data", [
    ("occupancy_check_create", {"checked_on": "2025-01-01", "occupied": "yes"}),
    ("violation_create", {"ground": "R-33.3", "facts": "x"}),
    ("termination_create", {"reason": "lease_end", "notified_on": "2025-01-01", "version": "1"}),
    ("keys_returned", {"returned_on": "2025-01-01", "version": "1"}),
])
@pytest.mark.parametrize("unit, roles", [
    ("discipline", ("clerk", "reviewer", "head")),
    ("finance", ("clerk", "reviewer", "head")),
    ("org_personnel", ("clerk", "reviewer", "head")),
])
def test_others_cannot_write(portal, tenancy, name, data, unit, roles):
    portal.login(staff(unit, *roles))
    assert portal.post(reverse(f"housing:{name}", args=[tenancy.pk]), data).status_code == 403
    assert not OccupancyCheck.objects.exists() and not Termination.objects.exists()


def test_wrong_role_in_the_ccb(portal, tenancy):
    portal.login(staff("ccb", "clerk"))
    assert portal.get(reverse("housing:move_out_extension", args=[tenancy.pk])).status_code == 403
    portal.login(staff("ccb", "reviewer"))
    assert portal.get(reverse("housing:rent_import")).status_code == 403
    assert portal.get(reverse("housing:occupancy_check_create", args=[tenancy.pk])).status_code == 403


def test_discipline_cannot_import_or_buy_back(portal, db):
    contract = SaleContractFactory()
    portal.login(staff("discipline", "clerk", "reviewer", "head"))
    assert portal.get(reverse("housing:ownership_list")).status_code == 200
    assert portal.post(reverse("housing:buy_back_create", args=[contract.pk]), {}).status_code == 403
    assert portal.post(reverse("housing:rent_import_confirm"), {"token": "x" * 32, "sha256": "0"}).status_code == 403
