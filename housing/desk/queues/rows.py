"""The rows of a role's queue: what awaits, its number or name, since when, until when (docs/decisions/0046)."""

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise

SHOWN = 20  # per section, the longest waiting first; the rest are counted and linked


@dataclass(frozen=True)
class QueueRow:
    what: str | Promise
    reference: str  # the number or the name people know it by
    url: str | None
    arrived_on: datetime.date  # the day it reached this step
    today: datetime.date
    detail: str | Promise = ""
    deadline: datetime.date | None = None  # only where the measures or the policy set a period

    @property
    def days_waiting(self) -> int:
        return max((self.today - self.arrived_on).days, 0)

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.today > self.deadline

    @property
    def days_overdue(self) -> int:
        return (self.today - self.deadline).days if self.overdue else 0

    @property
    def due_today(self) -> bool:
        return self.deadline is not None and self.today == self.deadline


@dataclass
class QueueSection:
    key: str  # the id of its heading on the page
    title: str | Promise
    rows: list[QueueRow]
    total: int
    more_url: str | None = None
    # Where the measures set no period for this kind of work, the page says so instead of inventing one.
    period_note: str | Promise = ""
    extra: dict = field(default_factory=dict)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.overdue)


def section_of(key, title, qs, make_row, *, more_url=None, period_note="") -> QueueSection | None:
    """The first SHOWN of ``qs`` as rows, counted in full only when there are more; None when nothing awaits."""
    shown = list(qs[:SHOWN])
    if not shown:
        return None
    total = len(shown) if len(shown) < SHOWN else qs.count()
    return QueueSection(key=key, title=title, rows=[make_row(r) for r in shown], total=total, more_url=more_url,
                        period_note=period_note)
