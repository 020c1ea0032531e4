"""R-28, R-29: buy-back within 5 years of the purchase (signing day), transfer from the fifth anniversary on."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from housing.exceptions import InvalidInput
from housing.models import BuyBack, HousingUnit, OfficeAction, OwnershipTransfer
from housing.rules.buy_back import fifth_anniversary
from housing.rules.dates import add_years
from housing.tenancy.services.ownership import record_buy_back, record_transfer
from tests.factories.staff import staff
from tests.factories.tenancy import SaleContractFactory

DAY = datetime.timedelta(days=1)


@pytest.fixture
def head(db):
    return staff("ccb", "head")


def contract_signed_five_years_before(day):
    # on 29 February of a leap year: signed on 28 February five years earlier (no 29 February then)
    return SaleContractFactory(signed_on=add_years(day, -5))


def contract_past_its_fifth_anniversary():
    """A sale signed about five years and a month ago, and its fifth anniversary, about a month ago: every day
    around it can be a decision day, however today falls (29 February, a month's end)."""
    contract = SaleContractFactory(signed_on=add_years(timezone.localdate(), -5) - 31 * DAY)
    return contract, fifth_anniversary(contract.signed_on)


def buy_back(contract, actor, decided_on):
    return record_buy_back(actor=actor, contract=contract, ground="bought_other", facts="已购买其他住房",
                           price_level_factor=Decimal("1.0500"), price_level_source="深圳市统计局 房价指数 2025",
                           buyer="深圳市龙华新区城市建设局", decided_on=decided_on)


@pytest.mark.parametrize("offset, allowed", [(-1, True), (0, False), (1, False)])
def test_buy_back_only_before_the_fifth_anniversary(head, offset, allowed):
    contract, anniversary = contract_past_its_fifth_anniversary()
    decided_on = anniversary + offset * DAY
    if allowed:
        result = buy_back(contract, head, decided_on)
        assert result.depreciation_rate == Decimal("0.0200") and result.original_price == Decimal("600000.00")
        expected = (Decimal("600000.00") * (1 - Decimal("0.02") * result.years_held) * Decimal("1.05")).quantize(
            Decimal("0.01"))
        assert result.buy_back_price == expected
        assert result.price_index_source == "深圳市统计局 房价指数 2025"
        assert HousingUnit.objects.get(pk=contract.unit_id).status == HousingUnit.Status.AVAILABLE
        assert OfficeAction.objects.filter(action="bought_back").count() == 1
    else:
        with pytest.raises(InvalidInput, match="only within 5 years") as refused:
            buy_back(contract, head, decided_on)
        assert refused.value.article == "R-28"
        assert not BuyBack.objects.exists()


@pytest.mark.parametrize("offset, allowed", [(-1, False), (0, True), (1, True)])
def test_transfer_only_from_the_fifth_anniversary(head, offset, allowed):
    contract, anniversary = contract_past_its_fifth_anniversary()
    on = anniversary + offset * DAY
    kwargs = dict(actor=head, contract=contract, sale_price=Decimal("900000.00"),
                  ordinary_price=Decimal("1000000.00"), land_revenue_share=Decimal("0.3333"),
                  first_right_declined_on=on, on=on)
    if allowed:
        transfer = record_transfer(**kwargs)
        assert transfer.land_revenue_payment == Decimal("133320.00")  # 0.3333 × 400000.00
        assert transfer.seller_id_number == contract.application.applicant_id_number
    else:
        with pytest.raises(InvalidInput, match="cannot be transferred") as refused:
            record_transfer(**kwargs)
        assert refused.value.article == "R-29"
        assert not OwnershipTransfer.objects.exists()


def test_ownership_is_a_deciders_duty(db):
    contract = SaleContractFactory(signed_on=timezone.localdate() - 365 * DAY)
    with pytest.raises(Exception, match=r"Art\. 28, Art\. 29"):
        buy_back(contract, staff("ccb", "clerk"), timezone.localdate())
    assert not BuyBack.objects.exists()


def test_the_sale_page_shows_every_input_of_the_buy_back_to_its_readers_only(head, portal):
    """R-28, R-6: the buy-back price can be re-computed from the page; other units cannot open it."""
    from django.urls import reverse

    contract = contract_signed_five_years_before(timezone.localdate() + 30 * DAY)
    result = buy_back(contract, head, timezone.localdate())
    url = reverse("housing:ownership_detail", args=[contract.pk])
    portal.login(staff("discipline", "reviewer"))
    page = portal.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    for shown in ("600,000.00", str(result.years_held), "0.0200", "1.0500", "深圳市统计局 房价指数 2025",
                  f"{result.buy_back_price:,.2f}", "Home bought back"):
        assert shown in text, shown
    portal.login(staff("social_construction", "head"))
    assert portal.get(url).status_code in (403, 404)


# --- a violation until full title, whatever the years (docs/decisions/0041) ----------------------------

def violation_buy_back(contract, actor, decided_on):
    return record_buy_back(actor=actor, contract=contract, ground="violation", facts="擅自转租（第三十三条第（三）项）",
                           price_level_factor=Decimal("1.0000"), price_level_source="深圳市统计局 房价指数",
                           buyer="深圳市龙华新区城市建设局", decided_on=decided_on)


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_a_violation_is_bought_back_after_the_fifth_year_while_the_owner_has_no_full_title(head, offset):
    contract, anniversary = contract_past_its_fifth_anniversary()
    result = violation_buy_back(contract, head, anniversary + offset * DAY)
    assert result.ground == BuyBack.Ground.VIOLATION
    assert OfficeAction.objects.get(action="bought_back").article == "R-33"


def test_a_violation_of_an_owner_with_full_title_is_not_bought_back(head):
    contract, anniversary = contract_past_its_fifth_anniversary()
    # the land-revenue share paid (Art. 29) gives full title; the portal records it with the transfer
    OwnershipTransfer.objects.create(
        contract=contract, seller_id_number=contract.application.applicant_id_number, sale_price=Decimal("900000.00"),
        ordinary_price=Decimal("1000000.00"), land_revenue_share=Decimal("0.5000"),
        land_revenue_payment=Decimal("200000.00"), first_right_declined_on=anniversary, paid_on=anniversary,
        recorded_by=head)
    with pytest.raises(InvalidInput):
        violation_buy_back(contract, head, anniversary + DAY)
    assert not BuyBack.objects.exists()
