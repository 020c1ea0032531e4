"""Hostile spreadsheets for the imports (R-X.5): small uploads that unpack to far too much.

Built once per test run (a million rows take openpyxl some seconds to write) and shared by the stock and the
rent import tests: the header names the columns of both imports, so each finds its own and ignores the rest.
"""

import functools
import io
import zipfile

import openpyxl

HEADERS = ["项目", "地址", "产权单位", "保障形式", "楼栋", "房号", "户型", "面积", "楼层", "月租金", "售价",
           "市场租金", "合同编号", "月份", "金额", "缴费日期", "银行流水号"]
SHEET = "xl/worksheets/sheet1.xml"


@functools.lru_cache(maxsize=None)
def million_rows_xlsx(rows: int = 1_000_000) -> bytes:
    """A workbook of ``rows`` rows under the header, written by openpyxl in write-only mode: about 2.6 MB."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for _ in range(rows):
        sheet.append([None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def small_xlsx(rows=(), headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(list(headers))
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet(sheet_xml_chunks, *, base: bytes | None = None) -> bytes:
    """``base`` (a small valid workbook) with its first sheet replaced by the concatenated chunks, streamed into
    the zip so a huge sheet never sits in memory."""
    source = zipfile.ZipFile(io.BytesIO(base or small_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            if member.filename != SHEET:
                archive.writestr(member.filename, source.read(member.filename))
                continue
            info = zipfile.ZipInfo(SHEET, date_time=member.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as stream:
                for chunk in sheet_xml_chunks:
                    stream.write(chunk)
    return out.getvalue()


@functools.lru_cache(maxsize=None)
def zip_bomb_xlsx(unpacked: int = 256 * 1024 * 1024) -> bytes:
    """A workbook whose sheet unpacks to ``unpacked`` bytes (256 MB by default) of blanks inside the worksheet
    element: about a thousand times its packed size."""
    blanks = b" " * (1024 * 1024)

    def chunks():
        yield b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        for _ in range(unpacked // len(blanks)):
            yield blanks
        yield b"</sheetData></worksheet>"

    return with_sheet(chunks())
