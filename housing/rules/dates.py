"""Calendar arithmetic shared by the rules (plain dates in, dates out).

A month is kept as its first day. Adding months or years keeps the day of the month, or takes the month's last
day when it has no such day (31 May − 3 months = 28/29 February; 29 February + 1 year = 28 February), as the
civil code counts periods (民法典 Art. 202; docs/decisions/0017, 0018, 0019).
"""

import calendar
import datetime


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    """The first day of the month after ``month``'s."""
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier, when negative); the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)
