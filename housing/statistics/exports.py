"""One figure's table as an xlsx workbook: the numbers the chart draws, for those who work on them further."""

import io

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from housing.statistics.figures import Figure
from publicity.public.exports import safe_cell

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet_title(text: str) -> str:
    # A worksheet title has at most 31 characters and none of [ ] : * ? / or backslash.
    return "".join(c for c in text if c not in "[]:*?/\\")[:31] or "figure"


def _write(sheet, row: int, values) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            # Text that a spreadsheet program would run as a formula gets a leading apostrophe, and every text is
            # stored as text, never as a formula.
            cell.value = safe_cell(value)
            cell.data_type = TYPE_STRING
        else:
            cell.value = value


def workbook(figure: Figure, *, described: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(figure.title)
    _write(sheet, 1, [figure.title])
    _write(sheet, 2, [described])
    _write(sheet, 4, [str(c) for c in figure.columns])
    for offset, row in enumerate(figure.rows):
        _write(sheet, 5 + offset, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
