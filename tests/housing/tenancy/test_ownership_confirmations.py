"""R-28, R-29: a buy-back and a transfer fix a price and are not undone, so each is stated with the figure the
service computes, in figures and in capital figures, and done only once confirmed (docs/decisions/0047)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import BuyBack, OwnershipTransfer
from housing.rules.dates import add_years
from tests.factories.staff import staff
from tests.factories.tenancy import SaleContractFactory
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db


def test_a_buy_back_is_stated_with_its_price_and_recorded_once_confirmed(portal):
    contract = SaleContractFactory(signed_on=add_years(timezone.localdate(), -2))
    portal.login(staff("ccb", "head"))
    url = reverse("housing:buy_back_create", args=[contract.pk])
    response = portal.submit(url, {"ground": "bought_other", "facts": "已购买其他住房",
                                   "decided_on": timezone.localdate().isoformat(), "price_level_factor": "1.0000",
                                   "price_level_source": "深圳市统计局 房价指数", "buyer": "龙华区住房和建设局"})
    text = confirmation_text(response)
    assert "600,000.00" in text and "人民币" in text
    assert not BuyBack.objects.exists()
    assert confirm(portal, response, url).status_code == 302
    price = BuyBack.objects.get().buy_back_price
    assert f"{price:,.2f}" in text


def test_a_transfer_posted_without_a_true_confirmation_is_not_recorded(portal):
    contract = SaleContractFactory(signed_on=add_years(timezone.localdate(), -6))
    portal.login(staff("ccb", "head"))
    url = reverse("housing:transfer_create", args=[contract.pk])
    data = {"sale_price": "900000.00", "ordinary_price": "1000000.00", "land_revenue_share": "0.5000",
            "first_right_declined_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat()}
    for forged in ({"confirmed": "yes"}, {"confirmed": "yes", "shown": "2" * 32}):
        assert 'id="confirm-act"' in portal.post(url, {**data, **forged}).content.decode()
    assert not OwnershipTransfer.objects.exists()
    shown = portal.post(url, data)
    assert "200,000.00" in confirmation_text(shown) and "人民币贰拾万元整" in confirmation_text(shown)
    assert confirm(portal, shown, url).status_code == 302
    assert OwnershipTransfer.objects.get().land_revenue_payment == 200000
