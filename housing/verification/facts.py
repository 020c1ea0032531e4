"""R-14, R-16.4, R-39.5: which agency answers for which fact of the recheck, and how long it has to answer.

The facts and their agencies are the recheck's own (housing.rules.catalogue.RECHECK_ITEMS); an agency that
answers for none of them (the sub-district offices, today) receives no request.
"""

import datetime

from housing.rules.catalogue import RECHECK_ITEMS

# Art. 14 asks the agencies to answer "in time" (及时) and sets no period: ten calendar days, counted from the day
# the CCB asks, is this portal's decision (docs/decisions/0034-agency-verification.md). Recorded on each request.
DEADLINE_DAYS = 10


def items_by_agency() -> dict[str, list[str]]:
    """Agency code -> the facts it answers for, in the recheck's order."""
    out: dict[str, list[str]] = {}
    for item, (_label, agency) in RECHECK_ITEMS.items():
        out.setdefault(agency, []).append(item)
    return out


def fact_label(item: str):
    return RECHECK_ITEMS[item][0] if item in RECHECK_ITEMS else item


def due_on(opened: datetime.date, days: int = DEADLINE_DAYS) -> datetime.date:
    """The last day to answer: ``days`` calendar days after the day of the request."""
    return opened + datetime.timedelta(days=days)
