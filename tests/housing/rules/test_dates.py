"""The calendar arithmetic of the rules (housing/rules/dates.py): one row per month end and 29 February."""

import datetime as dt

import pytest

from housing.rules.buy_back import fifth_anniversary, within_five_years
from housing.rules.dates import add_months, add_years


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),   # no 31 February: the month's last day (Civil Code Art. 202)
    (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
    (dt.date(2027, 5, 31), -3, dt.date(2027, 2, 28)),
    (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 31)),  # across the new year
    (dt.date(2027, 1, 15), -1, dt.date(2026, 12, 15)),
    (dt.date(2026, 12, 31), 2, dt.date(2027, 2, 28)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize("day, years, expected", [
    (dt.date(2028, 2, 29), 1, dt.date(2029, 2, 28)),
    (dt.date(2028, 2, 29), 4, dt.date(2032, 2, 29)),
    (dt.date(2028, 2, 29), -3, dt.date(2025, 2, 28)),  # a lease ending on 29 February started three years before
    (dt.date(2028, 2, 29), -5, dt.date(2023, 2, 28)),
    (dt.date(2026, 12, 31), 3, dt.date(2029, 12, 31)),
])
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


# within 5 years of the purchase is every day before its fifth anniversary.
@pytest.mark.parametrize("bought, on, within", [
    (dt.date(2024, 2, 29), dt.date(2029, 2, 27), True),
    (dt.date(2024, 2, 29), dt.date(2029, 2, 28), False),  # no 29 February in 2029: the anniversary is the 28th
    (dt.date(2023, 2, 28), dt.date(2028, 2, 27), True),
    (dt.date(2023, 2, 28), dt.date(2028, 2, 28), False),
    (dt.date(2023, 3, 1), dt.date(2028, 2, 29), True),    # bought on 1 March: still within on 29 February
    (dt.date(2023, 3, 1), dt.date(2028, 3, 1), False),
    (dt.date(2028, 2, 29), dt.date(2033, 2, 27), True),
    (dt.date(2028, 2, 29), dt.date(2033, 2, 28), False),
])
def test_within_five_years_of_the_purchase(bought, on, within):
    assert within_five_years(purchased_on=bought, on=on) is within


@pytest.mark.parametrize("bought, anniversary", [
    (dt.date(2024, 2, 29), dt.date(2029, 2, 28)),
    (dt.date(2027, 2, 28), dt.date(2032, 2, 28)),
    (dt.date(2027, 3, 1), dt.date(2032, 3, 1)),
])
def test_fifth_anniversary(bought, anniversary):
    assert fifth_anniversary(bought) == anniversary
