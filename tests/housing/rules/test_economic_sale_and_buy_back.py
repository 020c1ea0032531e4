"""R-29: every buyer on a sale at market price is barred; R-28, R-33: a buy-back on an Art. 28 ground only within
5 years, for an Art. 33 violation until full title, whatever the years (docs/decisions/0041)."""

import datetime

import pytest

from housing.rules.buy_back import buy_back_barred_by
from housing.rules.economic_sale import buyers_on_sale

D = datetime.date


def test_the_buyers_are_the_applicant_the_co_applicants_and_the_spouse():
    members = [("applicant", True, "A"), ("spouse", True, "S"), ("spouse", False, "S2"), ("child", True, "C"),
               ("parent", False, "P"), ("child", False, "")]
    assert buyers_on_sale(members) == {"A", "S", "S2", "C"}


BOUGHT = D(2020, 2, 29)


@pytest.mark.parametrize("violation, on, full_title, barred", [
    (False, D(2025, 2, 27), False, None),  # the last day within 5 years (anniversary 28 February 2025)
    (False, D(2025, 2, 28), False, "R-28"),
    (True, D(2025, 2, 27), False, None),
    (True, D(2025, 2, 28), False, None),  # before: refused after the fifth year
    (True, D(2040, 6, 1), False, None),  # Art. 33: whatever the years, until full title
    (True, D(2026, 6, 1), True, "R-33"),
])
def test_buy_back_barred_by(violation, on, full_title, barred):
    assert buy_back_barred_by(violation=violation, purchased_on=BOUGHT, on=on, full_title=full_title) == barred
