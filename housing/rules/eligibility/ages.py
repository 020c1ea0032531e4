"""Ages and anniversaries (R-21.1a, R-18.6, R-19.5, R-HH.2).

"At least N years" holds on and after the N-th anniversary. An anniversary of 29 February
falls on 28 February in a year without one: Civil Code Art. 201, a period without a
corresponding day ends on the last day of that month (docs/decisions/0009).
"""

import datetime

from housing.rules.dates import add_years


def anniversary(day: datetime.date, years: int) -> datetime.date:
    return add_years(day, years)  # 29 February in a year without one: 28 February (Civil Code Art. 201)


def years_passed(since: datetime.date, on: datetime.date, years: int) -> bool:
    """True when at least `years` full years have passed from `since` to `on`."""
    return anniversary(since, years) <= on


def age_on(birth: datetime.date, on: datetime.date) -> int:
    """Completed years (周岁) on the given day; the birthday itself counts as reached."""
    age = on.year - birth.year
    if anniversary(birth, age) > on:
        age -= 1
    return age


def new_year_of(application_date: datetime.date) -> datetime.date:
    """R-21.1a: ages are taken on 1 January of the application year."""
    return datetime.date(application_date.year, 1, 1)
