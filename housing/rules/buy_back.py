"""R-28, R-29: economic housing within and after 5 years of the purchase (plain data in, amounts out).

The purchase date is the sale contract's signing day (docs/decisions/0018). "Within 5 years" (未满五年) is
every day before the fifth anniversary; from the anniversary on the owner has held it 5 years (满五年).

Buy-back price (R-28, R-33): original price × (1 − depreciation per year × years held) × price-level factor,
never below zero; years held = days held / 365, to two decimals; the price to the fen, half up.

Land-revenue payment (R-29): share × (ordinary housing price − original price), to the fen, half up; nothing
when the ordinary price is not above the original.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from housing.rules.dates import add_years

YEARS = 5
FEN = Decimal("0.01")


def fifth_anniversary(purchased_on: datetime.date) -> datetime.date:
    return add_years(purchased_on, YEARS)  # bought on 29 February: the anniversary is 28 February


def within_five_years(*, purchased_on: datetime.date, on: datetime.date) -> bool:
    return on < fifth_anniversary(purchased_on)


def buy_back_barred_by(*, violation: bool, purchased_on: datetime.date, on: datetime.date,
                       full_title: bool) -> str | None:
    """Which article bars a buy-back decided ``on``; None when it may be decided.

    R-28 (Art. 28): a ground of Art. 28 applies only within 5 years of the purchase. R-33 (Art. 33): a violation
    applies to an owner "未取得保障性住房完全产权" whatever the years held, until full title is obtained
    (docs/decisions/0041)."""
    if violation:
        return "R-33" if full_title else None
    return None if within_five_years(purchased_on=purchased_on, on=on) else "R-28"


def years_held(*, purchased_on: datetime.date, on: datetime.date) -> Decimal:
    days = max((on - purchased_on).days, 0)
    return (Decimal(days) / Decimal(365)).quantize(FEN, rounding=ROUND_HALF_UP)


def buy_back_price(*, original_price: Decimal, years: Decimal, depreciation_rate: Decimal,
                   price_level_factor: Decimal) -> Decimal:
    remaining = max(Decimal(1) - depreciation_rate * years, Decimal(0))
    return (original_price * remaining * price_level_factor).quantize(FEN, rounding=ROUND_HALF_UP)


def land_revenue_payment(*, share: Decimal, ordinary_price: Decimal, original_price: Decimal) -> Decimal:
    difference = max(ordinary_price - original_price, Decimal(0))
    return (share * difference).quantize(FEN, rounding=ROUND_HALF_UP)
