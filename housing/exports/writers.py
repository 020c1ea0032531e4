"""Writing a table's rows as CSV or XLSX in constant memory: rows are read in chunks and written as they come.

Every cell passes the one formula guard (publicity.public.exports.safe_cell). CSV is UTF-8 with a byte-order mark,
so spreadsheet programs read the Chinese text correctly; XLSX is streamed into its zip member by housing.exports.xlsx_stream.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from housing.exports.tables import Table
from housing.exports.xlsx_stream import write_xlsx
from publicity.public.exports import safe_cell

CHUNK = 2000  # rows fetched per round trip, and between two progress reports
ZONE = ZoneInfo(settings.TIME_ZONE)  # the portal's zone, Asia/Shanghai
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plain(value):
    """A value a CSV writer and openpyxl both take; times in the portal's zone, lazy text translated."""
    if value is None or isinstance(value, (int, float, Decimal, str)):
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(ZONE)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _path(path: str) -> Callable:
    names = path.split("__")

    def read(item):
        for name in names:
            item = getattr(item, name) if item is not None else None
        return item
    return read


def rows_as_cells(table: Table, rows: Iterable) -> Iterable[list]:
    """Each row as its guarded cells, read in chunks from the database."""
    columns = table.columns
    labels = [{k: str(v) for k, v in c.labels().items()} if c.labels else None for c in columns]
    texts = [c.text for c in columns]

    def finish(values) -> list:
        out = []
        for value, label, text in zip(values, labels, texts):
            if label is not None:
                value = label.get(value, value)
            if text is not None:
                value = text(value)
            out.append(safe_cell(_plain(value)))
        return out

    if isinstance(rows, QuerySet) and all(isinstance(c.value, str) for c in columns):
        for values in rows.values_list(*[c.value for c in columns]).iterator(chunk_size=CHUNK):
            yield finish(values)
        return
    getters = [_path(c.value) if isinstance(c.value, str) else c.value for c in columns]
    for item in (rows.iterator(chunk_size=CHUNK) if isinstance(rows, QuerySet) else rows):
        yield finish([get(item) for get in getters])


def sheet_title(title: str) -> str:
    # A worksheet title has at most 31 characters and none of [ ] : * ? / or backslash.
    return "".join(c for c in title if c not in "[]:*?/\\")[:31] or "list"


def write(table: Table, rows: Iterable, fmt: str, out, progress: Callable[[int], None] | None = None) -> int:
    """Write the header and every row to the binary file ``out``; ``progress(rows done)`` every CHUNK rows.
    Returns the number of rows written."""
    headers = [safe_cell(str(c.header)) for c in table.columns]
    done = 0
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
        writer = csv.writer(text)
        writer.writerow(headers)
        for cells in rows_as_cells(table, rows):
            writer.writerow(cells)
            done += 1
            if progress and done % CHUNK == 0:
                progress(done)
        text.flush()
        text.detach()  # leave ``out`` open for the caller
    elif fmt == "xlsx":
        def counted():
            nonlocal done
            done += 1
            if progress and done % CHUNK == 0:
                progress(done)

        write_xlsx(out, sheet_title(str(table.title)), headers, rows_as_cells(table, rows), on_row=counted)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    if progress:
        progress(done)
    return done
