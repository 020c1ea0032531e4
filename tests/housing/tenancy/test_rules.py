"""R-33(1), R-33(2), R-28, R-29: the plain rules at their boundaries."""

import datetime
from decimal import Decimal

import pytest

from housing.rules.arrears import Check, find_arrears, find_not_living, months_due
from housing.rules.buy_back import (
    buy_back_price,
    fifth_anniversary,
    land_revenue_payment,
    within_five_years,
    years_held,
)

D = datetime.date
JAN_TO_DEC = [D(2025, m, 1) for m in range(1, 13)]


@pytest.mark.parametrize("unpaid, expected", [
    ([], None),
    ([D(2025, 3, 1)], None),                                   # 1 month: no
    ([D(2025, 3, 1), D(2025, 4, 1)], "consecutive"),          # 2 consecutive: yes
    ([D(2025, 1, 1), D(2025, 3, 1), D(2025, 5, 1), D(2025, 7, 1), D(2025, 9, 1)], None),  # 5 scattered: no
    ([D(2025, 1, 1), D(2025, 3, 1), D(2025, 5, 1), D(2025, 7, 1), D(2025, 9, 1), D(2025, 11, 1)], "total"),  # 6: yes
    ([D(2025, 12, 1), D(2025, 1, 1)], None),                  # Dec and Jan of the same year are not consecutive
])
def test_arrears_boundaries(unpaid, expected):
    finding = find_arrears(due=JAN_TO_DEC, paid=[m for m in JAN_TO_DEC if m not in unpaid])
    assert (finding.kind if finding else None) == expected


def test_a_growing_run_is_the_same_finding():
    two = find_arrears(due=JAN_TO_DEC[:4], paid=JAN_TO_DEC[:2])
    three = find_arrears(due=JAN_TO_DEC[:5], paid=JAN_TO_DEC[:2])
    assert two.key == three.key == "consecutive:2025-03"
    assert three.months == (D(2025, 3, 1), D(2025, 4, 1), D(2025, 5, 1))


def test_consecutive_across_the_year_end():
    due = [D(2024, 12, 1), D(2025, 1, 1)]
    assert find_arrears(due=due, paid=[]).kind == "consecutive"


@pytest.mark.parametrize("on, last_due", [
    (D(2025, 3, 31), D(2025, 2, 1)),  # March's rent is due by 31 March: not yet in arrears on that day
    (D(2025, 4, 1), D(2025, 3, 1)),   # from 1 April it is
])
def test_month_due_by_its_last_day(on, last_due):
    assert months_due(starts_on=D(2025, 1, 15), ends_on=D(2027, 1, 14), on=on)[-1] == last_due


def test_months_due_stop_at_the_end_of_the_lease():
    due = months_due(starts_on=D(2024, 1, 1), ends_on=D(2024, 6, 30), on=D(2025, 1, 1))
    assert due[0] == D(2024, 1, 1) and due[-1] == D(2024, 6, 1) and len(due) == 6


@pytest.mark.parametrize("second, between, expected", [
    (D(2025, 7, 9), None, False),              # one day short of 6 months
    (D(2025, 7, 10), None, True),              # exactly 6 months
    (D(2025, 7, 10), True, False),             # lived in between
    (D(2025, 7, 10), False, True),             # empty between too
])
def test_not_living_six_months_apart(second, between, expected):
    checks = [Check(1, D(2025, 1, 10), False), Check(3, second, False)]
    if between is not None:
        checks.append(Check(2, D(2025, 4, 1), between))
    assert (find_not_living(checks) is not None) is expected


@pytest.mark.parametrize("on, within", [
    (D(2025, 3, 14), True),   # the day before the fifth anniversary
    (D(2025, 3, 15), False),  # the anniversary: 5 years are complete
    (D(2025, 3, 16), False),
])
def test_five_years(on, within):
    assert within_five_years(purchased_on=D(2020, 3, 15), on=on) is within


def test_fifth_anniversary_of_29_february():
    assert fifth_anniversary(D(2020, 2, 29)) == D(2025, 2, 28)


def test_buy_back_price():
    years = years_held(purchased_on=D(2022, 1, 1), on=D(2024, 1, 1))  # 730 days
    assert years == Decimal("2.00")
    price = buy_back_price(original_price=Decimal("600000.00"), years=years, depreciation_rate=Decimal("0.0200"),
                           price_level_factor=Decimal("1.0500"))
    assert price == Decimal("604800.00")  # 600000 × (1 − 0.04) × 1.05


def test_land_revenue_rounds_half_up_to_the_fen():
    assert land_revenue_payment(share=Decimal("0.3333"), ordinary_price=Decimal("600000.15"),
                                original_price=Decimal("600000.00")) == Decimal("0.05")  # 0.049995 → 0.05
    assert land_revenue_payment(share=Decimal("0.5000"), ordinary_price=Decimal("500000.00"),
                                original_price=Decimal("600000.00")) == Decimal("0.00")
