"""What recording a buy-back (R-28, R-33) or a transfer (R-29) of economic housing will do, stated before it is
done: the price or the land-revenue payment as the service computes it, in figures and in capital figures.
Read inside the rehearsal of the act, so the figures are the service's own."""

from django.utils.translation import gettext as _

from housing.models import BuyBack, OwnershipTransfer
from housing.web.confirmation import Confirmation
from housing.web.money import in_capitals, with_separators


def _contract_facts(contract) -> list[tuple[str, str]]:
    return [(_("Contract"), contract.number), (_("Buyer"), contract.application.applicant_name),
            (_("Home"), str(contract.unit or "—")), (_("Original price (yuan)"), with_separators(contract.price) if contract.price is not None else "—")]


def buy_back_confirmation(buy_back: BuyBack) -> Confirmation:
    contract = buy_back.contract
    price = buy_back.buy_back_price
    return Confirmation(
        title=_("Record the buy-back of contract %(number)s") % {"number": contract.number},
        lead=_("%(buyer)s buys the home back for %(price)s yuan (%(capitals)s); the home goes back into the "
               "stock. A buy-back recorded is not undone.") % {
            "buyer": buy_back.buyer, "price": with_separators(price), "capitals": in_capitals(price)},
        confirm_label=_("Confirm the buy-back"),
        basis={"act": "buy-back", "contract": contract.pk, "ground": buy_back.ground, "price": str(price),
               "buyer": buy_back.buyer, "day": buy_back.decided_on.isoformat(), "facts": buy_back.facts,
               "factor": str(buy_back.price_index_factor), "source": buy_back.price_index_source},
        facts=_contract_facts(contract) + [
            (_("Ground"), buy_back.get_ground_display()),
            (_("Years held"), str(buy_back.years_held)),
            (_("Price-level factor"), str(buy_back.price_index_factor)),
            (_("Buy-back price (yuan)"), with_separators(price)),
            (_("In capital figures"), in_capitals(price)),
            (_("Decided on"), buy_back.decided_on.isoformat())])


def transfer_confirmation(transfer: OwnershipTransfer) -> Confirmation:
    contract = transfer.contract
    payment = transfer.land_revenue_payment
    return Confirmation(
        title=_("Record the transfer of contract %(number)s") % {"number": contract.number},
        lead=_("The sale at market price is recorded with a land-revenue payment of %(payment)s yuan "
               "(%(capitals)s); the seller's household may not apply for economic housing again.") % {
            "payment": with_separators(payment), "capitals": in_capitals(payment)},
        confirm_label=_("Confirm the transfer"),
        basis={"act": "transfer", "contract": contract.pk, "sale": str(transfer.sale_price),
               "ordinary": str(transfer.ordinary_price), "share": str(transfer.land_revenue_share),
               "payment": str(payment), "declined": transfer.first_right_declined_on.isoformat(),
               "paid": transfer.paid_on.isoformat() if transfer.paid_on else ""},
        facts=_contract_facts(contract) + [
            (_("Sale price (yuan)"), with_separators(transfer.sale_price)),
            (_("Ordinary housing price (yuan)"), with_separators(transfer.ordinary_price)),
            (_("Land-revenue payment (yuan)"), with_separators(payment)),
            (_("In capital figures"), in_capitals(payment))])
