"""Sortable staff lists: a whitelist of columns, each turned into an ``order_by`` with a stable tie-breaker, and the
column headers that toggle the direction while keeping every other query parameter (the filters, the kept search).

    SORTS = Sorting(
        Column("number", _("Application number"), ("number",)),
        Column("received", _("Received"), ("submitted_at",), first="desc"),
        default="-received", tie_breaker="id",
    )
    sort = SORTS.read(request.GET)            # a bad ?sort= falls back to the default, silently
    rows = queryset.order_by(*sort.order_by)
    headers = sort.headers(request.GET)       # {"number": Header(...), ...} for the template

A sort parameter is ``<column>`` (ascending) or ``-<column>`` (descending). Anything else, an unknown column or a
value repeated, is the default: a list never answers a 500 to a hand-edited address. Changing the sort goes back to
the first page, since the rows of page 7 are other rows in another order.
"""

from dataclasses import dataclass, field
from typing import Callable, Mapping

from django.http import QueryDict
from django.utils.functional import Promise

PARAMETER = "sort"
PAGE = "page"


@dataclass(frozen=True)
class Column:
    """One sortable column: its key in the address, its header label, the fields it orders by (ascending as
    written; a field may carry its own "-" when the column's ascending order runs against the field, e.g. days
    waiting ascending is the latest arrival first), and the direction a first click asks for."""

    key: str
    label: str | Promise
    fields: tuple[str, ...]
    first: str = "asc"  # "asc" or "desc"
    python_key: Callable | None = None  # for rows already in memory (sort_rows)


@dataclass(frozen=True)
class Header:
    key: str
    label: str | Promise
    url: str  # the query string to follow, starting with "?"
    aria_sort: str  # "ascending", "descending" or "none" (WAI-ARIA)
    active: bool
    descending: bool


def _flip(name: str) -> str:
    return name[1:] if name.startswith("-") else f"-{name}"


@dataclass(frozen=True)
class Sort:
    sorting: "Sorting"
    column: Column
    descending: bool

    @property
    def value(self) -> str:
        return f"-{self.column.key}" if self.descending else self.column.key

    @property
    def is_default(self) -> bool:
        return self.value == self.sorting.default

    @property
    def order_by(self) -> list[str]:
        """The column's fields in the direction asked, then the tie-breaker in the same direction, so rows that tie
        keep one order across pages and reloads."""
        names = [_flip(f) if self.descending else f for f in self.column.fields]
        tie = self.sorting.tie_breaker
        if tie and tie not in {n.lstrip("-") for n in names}:
            names.append(_flip(tie) if self.descending else tie)
        return names

    def headers(self, query: QueryDict) -> dict[str, Header]:
        """One header per column: a link that sorts by it (toggling when it is the current column), keeping every
        other parameter of ``query`` and leaving out the page number."""
        out = {}
        for column in self.sorting.columns.values():
            active = column.key == self.column.key
            if active:
                target_desc = not self.descending
            else:
                target_desc = column.first == "desc"
            params = query.copy()
            params.pop(PAGE, None)
            params[PARAMETER] = f"-{column.key}" if target_desc else column.key
            if active:
                aria = "descending" if self.descending else "ascending"
            else:
                aria = "none"
            out[column.key] = Header(key=column.key, label=column.label, url=f"?{params.urlencode()}",
                                     aria_sort=aria, active=active, descending=active and self.descending)
        return out

    def sort_rows(self, rows: list) -> list:
        """Rows already in memory, ordered like ``order_by`` would (the column's ``python_key``, then the order the
        rows came in, which is the stable tie-breaker)."""
        key = self.column.python_key
        if key is None:
            raise ValueError(f"column {self.column.key!r} has no python_key")
        present = [r for r in rows if key(r) is not None]
        missing = [r for r in rows if key(r) is None]
        return sorted(present, key=key, reverse=self.descending) + missing


@dataclass(frozen=True)
class Sorting:
    """The sortable columns of one list and its default order."""

    columns: Mapping[str, Column] = field(default_factory=dict)
    default: str = ""
    tie_breaker: str = "id"

    def __init__(self, *columns: Column, default: str, tie_breaker: str = "id"):
        object.__setattr__(self, "columns", {c.key: c for c in columns})
        object.__setattr__(self, "default", default)
        object.__setattr__(self, "tie_breaker", tie_breaker)
        if self._parse(default) is None:
            raise ValueError(f"default sort {default!r} names no column")

    def _parse(self, value) -> Sort | None:
        if not isinstance(value, str) or not value:
            return None
        descending = value.startswith("-")
        column = self.columns.get(value[1:] if descending else value)
        return Sort(self, column, descending) if column else None

    def read(self, query: QueryDict | Mapping) -> Sort:
        """The sort asked for in ``query``; the default for a missing, unknown or repeated parameter."""
        values = query.getlist(PARAMETER) if hasattr(query, "getlist") else [query.get(PARAMETER)]
        asked = self._parse(values[0]) if len(values) == 1 else None
        return asked or self._parse(self.default)
