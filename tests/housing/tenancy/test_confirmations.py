"""R-31–R-34: an act that ends a tenancy states whose tenancy, which home and the dates that follow, and is done
only once exactly that is confirmed (docs/decisions/0047)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import Tenancy, Termination
from housing.tenancy.services.exits import serve_termination_notice
from tests.factories.staff import staff
from tests.factories.tenancy import TenancyFactory
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenancy(db):
    return TenancyFactory(monthly_rent=Decimal("1250.50"))


def _notice(tenancy):
    return reverse("housing:termination_create", args=[tenancy.pk])


def test_the_notice_of_termination_states_the_tenant_the_home_and_the_move_out_date(portal, clerk, tenancy):
    portal.login(clerk)
    day = timezone.localdate()
    response = portal.submit(_notice(tenancy), {"reason": "lease_end", "notified_on": day.isoformat()})
    text = confirmation_text(response)
    assert tenancy.application.applicant_name in text and tenancy.contract.number in text
    assert (day + datetime.timedelta(days=30)).isoformat() in text and "1,250.50" in text
    assert not Termination.objects.exists() and Tenancy.objects.get(pk=tenancy.pk).status == "active"
    assert f'href="{reverse("housing:tenancy_detail", args=[tenancy.pk])}"' in response.content.decode()
    assert confirm(portal, response, _notice(tenancy)).status_code == 302
    assert Termination.objects.get().reason == "lease_end"


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "f" * 32}])
def test_a_notice_posted_without_a_true_confirmation_is_not_served(portal, clerk, tenancy, forged):
    portal.login(clerk)
    response = portal.post(_notice(tenancy), {"reason": "voluntary", "version": tenancy.version,
                                              "notified_on": timezone.localdate().isoformat(), **forged})
    assert 'id="confirm-act"' in response.content.decode()
    assert not Termination.objects.exists()


def test_a_notice_confirmed_after_another_was_served_meanwhile_is_refused(portal, clerk, tenancy):
    portal.login(clerk)
    shown = portal.submit(_notice(tenancy), {"reason": "voluntary", "notified_on": timezone.localdate().isoformat()})
    confirmation_text(shown)
    serve_termination_notice(actor=staff("ccb", "clerk"), tenancy=tenancy, expected_version=tenancy.version,
                             reason=Termination.Reason.LEASE_END, notified_on=timezone.localdate())
    response = confirm(portal, shown, _notice(tenancy))
    assert response.status_code == 400
    assert "already served" in response.content.decode()
    assert Termination.objects.get().reason == "lease_end"


def test_the_keys_returned_end_the_tenancy_only_once_confirmed(portal, clerk, tenancy):
    serve_termination_notice(actor=clerk, tenancy=tenancy, expected_version=tenancy.version,
                             reason=Termination.Reason.VOLUNTARY, notified_on=timezone.localdate())
    portal.login(clerk)
    url = reverse("housing:keys_returned", args=[tenancy.pk])
    response = portal.submit(url, {"returned_on": timezone.localdate().isoformat()})
    assert "goes back into the stock" in confirmation_text(response)
    assert Tenancy.objects.get(pk=tenancy.pk).status == "ending"
    assert confirm(portal, response, url).status_code == 302
    assert Tenancy.objects.get(pk=tenancy.pk).status == "ended"


def test_a_court_request_is_stated_before_it_is_recorded(portal, head, tenancy):
    serve_termination_notice(actor=head, tenancy=tenancy, expected_version=tenancy.version,
                             reason=Termination.Reason.VOLUNTARY,
                             notified_on=timezone.localdate() - datetime.timedelta(days=40))
    portal.login(head)
    url = reverse("housing:court_request_create", args=[tenancy.pk])
    response = portal.submit(url, {"requested_on": timezone.localdate().isoformat()})
    assert "enforce the eviction" in confirmation_text(response)
    assert Termination.objects.get().court_case_opened_on is None
    assert confirm(portal, response, url).status_code == 302
    assert Termination.objects.get().court_case_opened_on == timezone.localdate()
