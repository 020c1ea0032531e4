"""housing.web.files (R-X.5): uploads are read as a stream that stops at the row limit, and an xlsx that
unpacks to too much is refused before openpyxl opens it."""

import csv
import datetime
import io
import time

import openpyxl
import pytest

from housing.web import files
from tests.factories.spreadsheets import million_rows_xlsx, small_xlsx, with_sheet, zip_bomb_xlsx
from tests.support.language import english  # noqa: F401 - fixture

MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
END = b"</sheetData></worksheet>"


def csv_of(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def never_opened(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened the workbook")

    monkeypatch.setattr(files.openpyxl, "load_workbook", refuse)


def test_a_workbook_is_read_as_before():
    day = datetime.datetime(2026, 3, 1)
    content = small_xlsx([["a", 1, 2.5, day], [None, "x"]], headers=["h1", "h2", "h3", "h4"])
    assert list(files.iter_table("xlsx", content)) == [["h1", "h2", "h3", "h4"], ["a", 1, 2.5, day],
                                                       [None, "x", None, None]]
    assert list(files.iter_table("csv", "h1,h2\r\n项目,2\r\n".encode("gb18030"))) == [["h1", "h2"], ["项目", "2"]]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_limit_is_rows_under_the_header(fmt):
    rows = [["h"]] + [[i] for i in range(1, 4)]
    content = small_xlsx(rows[1:], headers=["h"]) if fmt == "xlsx" else csv_of(rows)
    assert len(list(files.iter_table(fmt, content, max_rows=3))) == 4
    with pytest.raises(files.TooManyRows) as refused:
        list(files.iter_table(fmt, content, max_rows=2))
    assert (refused.value.row, refused.value.limit) == (4, 2)
    with pytest.raises(files.TooManyRows):
        files.check_upload(fmt, content, max_rows=2)
    files.check_upload(fmt, content, max_rows=3)


def test_the_message_names_the_row_past_the_limit(english):
    with pytest.raises(files.TooManyRows) as refused:
        list(files.iter_table("csv", csv_of([["h"], [1], [2]]), max_rows=1))
    assert str(refused.value.message) == ("Row 3 is beyond the limit of 1 rows under the header; split the file "
                                          "into several files.")


def test_the_reading_stops_at_the_limit(monkeypatch):
    read = []

    def endless(fmt, content):
        for i in range(10**9):
            read.append(i)
            yield [i]

    monkeypatch.setattr(files, "_rows", endless)
    with pytest.raises(files.TooManyRows):
        for _row in files.iter_table("csv", b"", max_rows=5):
            pass
    assert len(read) == 7  # the header, five rows, and the one too many: nothing is read ahead


def test_a_million_rows_are_refused_before_openpyxl_opens_the_workbook(monkeypatch):
    content = million_rows_xlsx()
    assert 2_000_000 < len(content) < 3_500_000
    never_opened(monkeypatch)
    started = time.monotonic()
    with pytest.raises(files.TooManyRows) as refused:
        files.check_upload("xlsx", content)
    with pytest.raises(files.TooManyRows):
        list(files.iter_table("xlsx", content))
    assert time.monotonic() - started < 5
    assert refused.value.row == files.MAX_ROWS + 2


def test_openpyxl_itself_stops_at_the_limit():
    """The stream guard behind the count: the rows openpyxl yields are counted too."""
    with pytest.raises(files.TooManyRows) as refused:
        list(files.iter_table("xlsx", million_rows_xlsx(30_000), checked=True))
    assert refused.value.row == files.MAX_ROWS + 2


def test_a_row_numbered_past_the_limit_is_refused(monkeypatch):
    """openpyxl fills the gap up to a row's number with empty rows: one row numbered 1,000,000 is a million."""
    content = with_sheet([MAIN, b'<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>',
                          b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                          b'r="1000000"/>', END])
    never_opened(monkeypatch)
    with pytest.raises(files.TooManyRows):
        files.check_upload("xlsx", content)


def test_prefixed_row_elements_are_counted():
    rows = b"".join(b'<x:row r="%d"/>' % i for i in range(1, 10))
    content = with_sheet([b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                          b"<x:sheetData>", rows, b"</x:sheetData></x:worksheet>"])
    with pytest.raises(files.TooManyRows):
        files.check_upload("xlsx", content, max_rows=5)
    files.check_upload("xlsx", content, max_rows=8)


def test_a_zip_bomb_is_refused_from_the_zip_directory(monkeypatch):
    content = zip_bomb_xlsx()
    assert len(content) < 2 * 1024 * 1024
    never_opened(monkeypatch)
    monkeypatch.setattr(files.zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("a part was unpacked"))
    started = time.monotonic()
    with pytest.raises(files.FileTooBig):
        files.check_upload("xlsx", content)
    with pytest.raises(files.FileTooBig):
        list(files.iter_table("xlsx", content))
    assert time.monotonic() - started < 5


def test_the_ratio_and_the_total_are_each_checked(monkeypatch, english):
    bomb = zip_bomb_xlsx(8 * 1024 * 1024)  # under the total, a thousand times its packed size
    with pytest.raises(files.FileTooBig, match="times"):
        files.check_upload("xlsx", bomb)
    monkeypatch.setattr(files, "XLSX_MAX_RATIO", 10**6)
    files.check_upload("xlsx", bomb)  # no row at all: readable
    monkeypatch.setattr(files, "XLSX_MAX_UNPACKED_BYTES", 4 * 1024 * 1024)
    with pytest.raises(files.FileTooBig, match="more than 4 MB"):
        files.check_upload("xlsx", bomb)


def test_corrupt_files_are_unreadable_not_too_big():
    for content in (b"PK\x03\x04broken", small_xlsx()[:-100]):
        with pytest.raises(files.UnreadableFile) as refused:
            files.check_upload("xlsx", content)
        assert not isinstance(refused.value, files.FileTooBig)
        with pytest.raises(files.UnreadableFile):
            list(files.iter_table("xlsx", content))
    with pytest.raises(files.UnreadableFile):
        list(files.iter_table("csv", b"\xff\xfe\x00bad"))


def test_many_parts_are_refused(monkeypatch):
    monkeypatch.setattr(files, "XLSX_MAX_PARTS", 3)
    with pytest.raises(files.UnreadableFile):
        files.check_upload("xlsx", small_xlsx())


def test_the_sheet_read_is_the_first_worksheet():
    book = openpyxl.Workbook()
    book.active.append(["first"])
    second = book.create_sheet()
    for i in range(10):
        second.append([i])
    out = io.BytesIO()
    book.save(out)
    files.check_upload("xlsx", out.getvalue(), max_rows=2)  # the long second sheet is not read
    assert list(files.iter_table("xlsx", out.getvalue(), max_rows=2)) == [["first"]]
