"""R-21.1a and the "at least N years" windows: one row per boundary, 29 February included."""

import datetime as dt

import pytest

from housing.rules.eligibility.ages import age_on, anniversary, new_year_of, years_passed


@pytest.mark.parametrize("birth, on, age", [
    (dt.date(1976, 1, 1), dt.date(2026, 1, 1), 50),   # the birthday itself counts as reached
    (dt.date(1976, 1, 2), dt.date(2026, 1, 1), 49),
    (dt.date(1975, 12, 31), dt.date(2026, 1, 1), 50),
    (dt.date(2000, 2, 29), dt.date(2027, 2, 28), 27),  # Civil Code Art. 201: month end
    (dt.date(2000, 2, 29), dt.date(2027, 2, 27), 26),
    (dt.date(2000, 2, 29), dt.date(2028, 2, 28), 27),  # leap year: the real anniversary is the 29th
    (dt.date(2000, 2, 29), dt.date(2028, 2, 29), 28),
])
def test_age_on(birth, on, age):
    assert age_on(birth, on) == age


@pytest.mark.parametrize("day, years, expected", [
    (dt.date(2011, 3, 15), 15, dt.date(2026, 3, 15)),
    (dt.date(2020, 2, 29), 5, dt.date(2025, 2, 28)),
    (dt.date(2020, 2, 29), 4, dt.date(2024, 2, 29)),
])
def test_anniversary(day, years, expected):
    assert anniversary(day, years) == expected


@pytest.mark.parametrize("since, on, passed", [
    (dt.date(2020, 2, 29), dt.date(2025, 2, 28), True),
    (dt.date(2020, 2, 29), dt.date(2025, 2, 27), False),
    (dt.date(2021, 3, 15), dt.date(2026, 3, 15), True),
    (dt.date(2021, 3, 16), dt.date(2026, 3, 15), False),
])
def test_five_years_passed(since, on, passed):
    assert years_passed(since, on, 5) is passed


def test_ages_are_taken_on_new_year_of_the_application_year():
    assert new_year_of(dt.date(2026, 12, 31)) == dt.date(2026, 1, 1)
