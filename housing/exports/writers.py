"""Writing a table's rows as CSV or XLSX in constant memory: rows are read in chunks and written as they come.

Every cell passes the one formula guard (publicity.public.exports.safe_cell). CSV is UTF-8 with a byte-order mark,
so spreadsheet programs read the Chinese text correctly; XLSX is written by openpyxl's write-only workbook.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from housing.exports.tables import Table
from publicity.public.exports import safe_cell

CHUNK = 2000  # rows fetched per round trip, and between two progress reports
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plain(value):
    """A value a CSV writer and openpyxl both take; times in the portal's zone, lazy text translated."""
    if value is None or isinstance(value, (int, float, Decimal, str)):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if timezone.is_aware(value) \
            else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _iterate(rows: Iterable) -> Iterable:
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=CHUNK)
    return rows


def cells(table: Table, item) -> list:
    return [safe_cell(_plain(column.value(item))) for column in table.columns]


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
        for item in _iterate(rows):
            writer.writerow(cells(table, item))
            done += 1
            if progress and done % CHUNK == 0:
                progress(done)
        text.flush()
        text.detach()  # leave ``out`` open for the caller
    elif fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(sheet_title(str(table.title)))
        sheet.append(headers)
        for item in _iterate(rows):
            sheet.append(cells(table, item))
            done += 1
            if progress and done % CHUNK == 0:
                progress(done)
        book.save(out)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    if progress:
        progress(done)
    return done
