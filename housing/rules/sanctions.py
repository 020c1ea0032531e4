"""R-35, R-36, R-37, R-29: the register's grounds, what each costs, and whether a ban is in force on a day.

Plain functions over plain data (CONVENTIONS 1). How a ban is counted (docs/decisions/0017): a period of N years
"from the refusal" is counted as the civil code counts periods (民法典 Art. 201, 202): the day of the refusal is
not counted, the period ends on the same day N years later, or on the last day of the month when that year has no
such day (29 February → 28 February), and that last day is still barred. A new application is accepted from the
day after ``barred_until``.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from housing.rules.dates import add_years  # 29 February + N years = 28 February in a common year (民法典 Art. 202)

R36_1 = "R-36.1"
R36_2 = "R-36.2"
R37 = "R-37"


@dataclass(frozen=True)
class Sanction:
    subject: str  # "person" or "employer"
    fine: Decimal | None
    years: int
    article: str  # the R-id; shown to people through housing.cases.citations


# 30,000 yuan and 10 years: 10,000 yuan and 3 years; R-37: 3 years, the measures name no fine.
SANCTIONS = {
    R36_1: Sanction("person", Decimal("30000.00"), 10, "R-36"),
    R36_2: Sanction("person", Decimal("10000.00"), 3, "R-36"),
    R37: Sanction("employer", None, 3, "R-37"),
}


def barred_until(ground: str, refused_on: datetime.date) -> datetime.date:
    """The last day on which no application is accepted (inclusive)."""
    return add_years(refused_on, SANCTIONS[ground].years)


def is_barred(*, barred_from: datetime.date, until: datetime.date, on: datetime.date) -> bool:
    """The ban covers every day from ``barred_from`` to ``until``, both included."""
    return barred_from <= on <= until


@dataclass(frozen=True)
class Ban:
    ground: str
    barred_from: datetime.date
    barred_until: datetime.date


def ban_in_force(bans: list[Ban], on: datetime.date) -> Ban | None:
    """Of a person's or an employer's bans, the one in force on the day that ends last."""
    current = [b for b in bans if is_barred(barred_from=b.barred_from, until=b.barred_until, on=on)]
    return max(current, key=lambda b: b.barred_until) if current else None
