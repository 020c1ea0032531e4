"""The lists that can be exported, each declared beside its page by the package that owns it.

A ``Table`` reads its rows with the very selector its page uses, for the user who asks (same scope), and names
its columns with the page's own headers and masking. The owners register their tables in their ``exports``
module; ``TABLE_MODULES`` lists those modules so the web process and the worker load the same tables (like
Django's admin autodiscovery) without this package importing the chapters above it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.http import QueryDict
from django.utils.functional import Promise

# The owners' modules, loaded by ``load_tables``.
TABLE_MODULES = (
    "housing.desk.exports",
    "housing.stock.exports",
    "housing.subsidies.exports",
    "housing.tenancy.exports",
    "housing.plan.exports",
)


@dataclass(frozen=True)
class Column:
    header: Promise | str
    # A field path ("employer__name"): when every column of a table is one, the rows are read with values_list,
    # no model built per row. Otherwise a function of the row the page's selector returns.
    value: str | Callable[[Any], Any]
    # The stored value's label in the file's language, built once per file (get_FOO_display translates every
    # label of the field again for each row).
    labels: Callable[[], dict] | None = None
    text: Callable[[Any], Any] | None = None  # applied to the value last (a list joined)


@dataclass(frozen=True)
class Table:
    name: str  # the machine name, in URLs and in ExportJob.table; never renamed
    title: Promise  # the page's title: names the sheet and, with the date, the file
    page: str  # the URL name of the list page
    columns: tuple[Column, ...]
    # (user, the page's filters) -> the page's own rows for that user; raises PermissionDenied when the user's
    # unit or role cannot see the page, exactly as the page does.
    rows: Callable[[Any, QueryDict], Iterable]
    # (request, filters) -> filters: what only the request knows (the applications' search kept in the session).
    prepare: Callable | None = None
    slug: str = ""

    @property
    def file_stem(self) -> str:
        return self.slug or self.name.replace("_", "-")


_TABLES: dict[str, Table] = {}


def register(table: Table) -> Table:
    if _TABLES.get(table.name, table) is not table:
        raise ValueError(f"Two export tables named {table.name!r}")
    _TABLES[table.name] = table
    return table


def load_tables() -> dict[str, Table]:
    for module in TABLE_MODULES:
        import_module(module)
    return _TABLES


def get_table(name: str) -> Table | None:
    return load_tables().get(name)


def filters_from(params: dict) -> QueryDict:
    """The stored filters (name -> list of values) as the QueryDict the page's form reads."""
    query = QueryDict(mutable=True)
    for key, values in (params or {}).items():
        query.setlist(key, [str(v) for v in (values if isinstance(values, list) else [values])])
    return query
