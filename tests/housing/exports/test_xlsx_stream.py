"""The streamed XLSX (decision 0037) opens in a spreadsheet program as the rows were given: text, numbers, gaps."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from housing.exports.xlsx_stream import write_xlsx


def read_back(headers, rows, title="申请名单"):
    out = io.BytesIO()
    write_xlsx(out, title, headers, rows)
    book = load_workbook(io.BytesIO(out.getvalue()), read_only=True)
    sheet = book.worksheets[0]
    return sheet.title, [list(r) for r in sheet.iter_rows(values_only=True)]


def test_text_numbers_and_empty_cells_keep_their_places():
    title, rows = read_back(["编号", "姓名", "金额", "备注"], [
        ["LH-2026-C3-000001", "张三", 2000, ""],
        ["LH-2026-C3-000002", None, Decimal("1234.50"), "A & B <c> \"d\""],
    ])
    assert title == "申请名单"
    assert rows[0] == ["编号", "姓名", "金额", "备注"]
    assert rows[1][:3] == ["LH-2026-C3-000001", "张三", 2000]
    assert rows[2][0] == "LH-2026-C3-000002" and rows[2][1] is None
    assert rows[2][2] == 1234.5 and rows[2][3] == 'A & B <c> "d"'


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    _title, rows = read_back(["x"], [["a\x00b\x0bc\td"]])
    assert rows[1] == ["abc\td"]


def test_a_guarded_formula_stays_text():
    _title, rows = read_back(["x"], [["'=1+1"], ["'@SUM(A1)"]])
    assert rows[1:] == [["'=1+1"], ["'@SUM(A1)"]]


def test_the_progress_callback_counts_every_row():
    seen = []
    write_xlsx(io.BytesIO(), "t", ["x"], ([n] for n in range(1234)), on_row=lambda: seen.append(1))
    assert len(seen) == 1234
