"""Economic housing after the sale (R-28, R-29): a buy-back within 5 years, a transfer after.

The purchase date is the sale contract's signing day (docs/decisions/0018); the formulas are in
housing.rules.buy_back and every input is stored with the result.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from housing.exceptions import InvalidInput
from housing.groups import Form
from housing.models import BuyBack, Contract, HousingUnit, OwnershipTransfer
from housing.rules import buy_back as rules
from housing.policy import NoPolicyInForce, policy_in_force
from housing.office.log import record_action
from housing.office.log import require_office_duty
from housing.web.money import with_separators


def purchased_on(contract: Contract) -> datetime.date:
    return contract.signed_on


def has_full_title(contract: Contract) -> bool:
    """R-29: the owner obtains full title by paying the land-revenue share; the portal records it with the transfer."""
    return OwnershipTransfer.objects.filter(contract=contract, paid_on__isnull=False).exists()


def depreciation_rate_on(day: datetime.date) -> Decimal:
    """R-28: the depreciation per year of the policy version in force on the day of the decision."""
    try:
        return policy_in_force(day).buy_back_depreciation_rate
    except NoPolicyInForce:
        raise InvalidInput(_("No policy version is in force on %(day)s; the administrator must enter one.")
                           % {"day": f"{day:%Y-%m-%d}"})


def _lock_sale(contract: Contract) -> Contract:
    locked = Contract.objects.select_for_update(of=("self",)).select_related("application", "unit").get(pk=contract.pk)
    if locked.price is None or locked.application.form != Form.ECONOMIC_HOUSING or not locked.filed_on:
        raise InvalidInput(_("Only a filed sale contract of economic housing can be bought back or transferred."))
    if BuyBack.objects.filter(contract=locked).exists():
        raise InvalidInput(_("This home was already bought back."))
    if OwnershipTransfer.objects.filter(contract=locked).exists():
        raise InvalidInput(_("A transfer of this home was already recorded."))
    return locked


def record_buy_back(*, actor, contract: Contract, ground: str, facts: str, price_level_factor: Decimal,
                    price_level_source: str, buyer: str, decided_on: datetime.date) -> BuyBack:
    """R-28 (and R-33 for a violation): bought back at the original price adjusted for depreciation and the price
    level. A ground of Art. 28 only within 5 years of the purchase; a violation (Art. 33) until full title."""
    require_office_duty(actor, "manage_ownership")
    errors = {}
    if ground not in BuyBack.Ground.values:
        errors["ground"] = [_("Choose a ground of Art. 28.")]
    if not (facts or "").strip():
        errors["facts"] = [_("This field is required.")]
    if not (buyer or "").strip():
        errors["buyer"] = [_("This field is required.")]
    if price_level_factor is None or price_level_factor <= 0:
        errors["price_level_factor"] = [_("Enter a factor above 0, e.g. 1.0500 for prices up 5 percent.")]
    if not (price_level_source or "").strip():
        errors["price_level_source"] = [_("Name the source of the price-level factor.")]
    if decided_on > timezone.localdate():
        errors["decided_on"] = [_("The date is in the future.")]
    if errors:
        raise InvalidInput(_("The buy-back was not recorded; correct the marked fields."), field_errors=errors)
    with transaction.atomic():
        locked = _lock_sale(contract)
        bought = purchased_on(locked)
        if decided_on < bought:
            raise InvalidInput(_("The decision date is before the purchase."),
                               field_errors={"decided_on": [_("The decision date is before the purchase.")]})
        barred = rules.buy_back_barred_by(violation=ground == BuyBack.Ground.VIOLATION, purchased_on=bought,
                                          on=decided_on, full_title=has_full_title(locked))
        if barred == "R-33":
            raise InvalidInput(
                _("The owner obtained full title; Art. 33 applies only to an owner without full title."),
                article="R-33", field_errors={"ground": [_("The owner has full title (Art. 29, Art. 33).")]})
        if barred == "R-28":
            raise InvalidInput(
                _("The home was bought on %(bought)s; 5 years were complete on %(anniversary)s. A buy-back under "
                  "Art. 28 is only within 5 years of the purchase; after that the owner may transfer it (Art. 29).")
                % {"bought": f"{bought:%Y-%m-%d}", "anniversary": f"{rules.fifth_anniversary(bought):%Y-%m-%d}"},
                article="R-28", field_errors={"decided_on": [_("More than 5 years after the purchase (Art. 28).")]})
        rate = depreciation_rate_on(decided_on)
        years = rules.years_held(purchased_on=bought, on=decided_on)
        price = rules.buy_back_price(original_price=locked.price, years=years, depreciation_rate=rate,
                                     price_level_factor=price_level_factor)
        buy_back = BuyBack.objects.create(
            contract=locked, ground=ground, facts=facts.strip(), price_index_source=price_level_source.strip(),
            original_price=locked.price, years_held=years, depreciation_rate=rate,
            price_index_factor=price_level_factor, buy_back_price=price, buyer=buyer.strip(), decided_on=decided_on,
            recorded_by=actor)
        if locked.unit_id:
            unit = HousingUnit.objects.select_for_update().get(pk=locked.unit_id)
            if can_proceed(unit.take_back):
                unit.take_back()
                unit.version += 1
                unit.save(update_fields=["status", "version"])
        article = "R-33" if ground == BuyBack.Ground.VIOLATION else "R-28"
        record_action(actor=actor, action="bought_back", obj=buy_back, article=article,
                      summary=_("Bought back by %(buyer)s for %(price)s yuan (contract %(number)s).")
                      % {"buyer": buyer.strip(), "price": with_separators(price), "number": locked.number},
                      data={"original_price": f"{locked.price:.2f}", "years_held": str(years),
                            "depreciation_rate": str(rate), "price_level_factor": str(price_level_factor),
                            "price_level_source": price_level_source.strip(), "price": f"{price:.2f}"})
    return buy_back


def record_transfer(*, actor, contract: Contract, sale_price: Decimal, ordinary_price: Decimal,
                    land_revenue_share: Decimal, first_right_declined_on: datetime.date,
                    paid_on: datetime.date | None = None, on: datetime.date | None = None) -> OwnershipTransfer:
    """R-29: after 5 years the owner sells, pays the land-revenue share and the government declined to buy first.
    ``on`` is the day the transfer is recorded (today)."""
    require_office_duty(actor, "manage_ownership")
    on = on or timezone.localdate()
    errors = {}
    for name, value in (("sale_price", sale_price), ("ordinary_price", ordinary_price)):
        if value is None or value <= 0:
            errors[name] = [_("Enter an amount above 0.00 yuan.")]
    if land_revenue_share is None or not Decimal(0) < land_revenue_share <= Decimal(1):
        errors["land_revenue_share"] = [_("Enter the share as a fraction above 0 and at most 1, e.g. 0.5000.")]
    if first_right_declined_on > on:
        errors["first_right_declined_on"] = [_("The date is in the future.")]
    if paid_on is not None and paid_on > on:
        errors["paid_on"] = [_("The date is in the future.")]
    if errors:
        raise InvalidInput(_("The transfer was not recorded; correct the marked fields."), field_errors=errors)
    with transaction.atomic():
        locked = _lock_sale(contract)
        bought = purchased_on(locked)
        if rules.within_five_years(purchased_on=bought, on=on):
            raise InvalidInput(
                _("The home was bought on %(bought)s; 5 years are complete only on %(anniversary)s. Before that it "
                  "cannot be transferred (Art. 29); within 5 years only a buy-back applies (Art. 28).")
                % {"bought": f"{bought:%Y-%m-%d}", "anniversary": f"{rules.fifth_anniversary(bought):%Y-%m-%d}"},
                article="R-29")
        payment = rules.land_revenue_payment(share=land_revenue_share, ordinary_price=ordinary_price,
                                             original_price=locked.price)
        transfer = OwnershipTransfer.objects.create(
            contract=locked, seller_id_number=locked.application.applicant_id_number, sale_price=sale_price,
            ordinary_price=ordinary_price, land_revenue_share=land_revenue_share, land_revenue_payment=payment,
            first_right_declined_on=first_right_declined_on, paid_on=paid_on, recorded_by=actor)
        record_action(actor=actor, action="ownership_transferred", obj=transfer, article="R-29",
                      summary=_("Transfer recorded (contract %(number)s): land-revenue payment %(payment)s yuan.")
                      % {"number": locked.number, "payment": with_separators(payment)},
                      data={"original_price": f"{locked.price:.2f}", "ordinary_price": f"{ordinary_price:.2f}",
                            "share": str(land_revenue_share), "payment": f"{payment:.2f}",
                            "sale_price": f"{sale_price:.2f}"})
    return transfer
