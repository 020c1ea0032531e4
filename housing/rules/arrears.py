"""R-33(1) and R-33(2): the two grounds the system finds from its own records (plain data in, findings out).

Rent (docs/decisions/0018): the rent of month M is due by the last day of month M, so on day D the months
*due* are the lease's months whose last day is before D. The lease's first month is the month it starts in,
its last the month it ends in. A month is *paid* when the ledger holds a payment for it.

Arrears (R-33(2)): 2 calendar-consecutive unpaid due months, or 6 unpaid due months in total.

Not living there (R-33(1)): two occupancy checks at least 6 calendar months apart that both found the home
not lived in, with no check between them that found it lived in.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from housing.rules.dates import add_months, first_of_month, next_month

CONSECUTIVE_MONTHS = 2  # R-33(2)
TOTAL_MONTHS = 6  # R-33(2)
NOT_LIVING_MONTHS = 6  # R-33(1)


def lease_months(starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    """Every month of the lease, as its first day."""
    months, month = [], first_of_month(starts_on)
    while month <= ends_on:
        months.append(month)
        month = next_month(month)
    return months


def months_due(*, starts_on: datetime.date, ends_on: datetime.date, on: datetime.date) -> list[datetime.date]:
    """The lease's months whose rent was due before ``on`` (month M is due by the last day of M)."""
    return [m for m in lease_months(starts_on, ends_on) if next_month(m) <= on]


@dataclass(frozen=True)
class ArrearsFinding:
    kind: str  # "consecutive" or "total"
    months: tuple[datetime.date, ...]  # the unpaid months the finding rests on
    key: str  # what makes it one finding: the kind and its first month (a growing run is the same finding)
    article: str = "R-33.2"


def find_arrears(*, due: Sequence[datetime.date], paid: Iterable[datetime.date]) -> ArrearsFinding | None:
    """R-33(2). Two consecutive unpaid months come first (the earliest such run, all its months); otherwise
    6 unpaid months in total (the first six: the sixth is the one that made it a ground)."""
    paid = {first_of_month(m) for m in paid}
    unpaid = [first_of_month(m) for m in sorted(due) if first_of_month(m) not in paid]
    run: list[datetime.date] = []
    for month in unpaid:
        if run and next_month(run[-1]) == month:
            run.append(month)
        elif len(run) >= CONSECUTIVE_MONTHS:
            break
        else:
            run = [month]
    if len(run) >= CONSECUTIVE_MONTHS:
        return ArrearsFinding("consecutive", tuple(run), f"consecutive:{run[0]:%Y-%m}")
    if len(unpaid) >= TOTAL_MONTHS:
        months = tuple(unpaid[:TOTAL_MONTHS])
        return ArrearsFinding("total", months, f"total:{months[-1]:%Y-%m}")
    return None


@dataclass(frozen=True)
class Check:
    id: int
    checked_on: datetime.date
    occupied: bool


@dataclass(frozen=True)
class NotLivingFinding:
    first: Check
    last: Check
    article: str = "R-33.1"


def find_not_living(checks: Iterable[Check]) -> NotLivingFinding | None:
    """R-33(1): the earliest pair of not-occupied checks ≥ 6 months apart with no occupied check between."""
    ordered = sorted(checks, key=lambda c: (c.checked_on, c.id))
    start: Check | None = None
    for check in ordered:
        if check.occupied:
            start = None
            continue
        if start is None:
            start = check
        elif check.checked_on >= add_months(start.checked_on, NOT_LIVING_MONTHS):
            return NotLivingFinding(start, check)
    return None
