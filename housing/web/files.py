"""Reading the spreadsheets the offices upload (stock, rent): xlsx, or CSV as Excel saves it (R-X.5).

Every import reads its file through ``iter_table``, row by row, and stops as soon as the file passes
``MAX_ROWS`` rows under its header, so a small upload that unpacks to a million rows costs a fraction of a
second, not a web worker. An xlsx is a zip: before openpyxl opens it, ``check_upload`` reads the zip's
directory (the unpacked size of each part, their sum and the packing ratio) and counts the rows of the first
sheet on the packed stream without building a cell, so a zip bomb is refused before anything is unpacked.
"""

import csv
import io
import re
import zipfile

import openpyxl
from openpyxl.reader.excel import ExcelReader
from django.utils.translation import gettext_lazy as _

# Rows under the header of one uploaded file, the same for every import (the stock, the rent ledger).
MAX_ROWS = 20_000
# An xlsx of MAX_ROWS rows of the stock template unpacks to some 15 MB; Excel packs sheets 5 to 20 times.
XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # all the parts of the zip together (each part is at most this)
XLSX_MAX_RATIO = 100  # unpacked / packed size of one part, for a part of more than a megabyte
XLSX_MAX_PARTS = 1000
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 256 * 1024

# A row element of the sheet XML, with or without a namespace prefix, and its row number when it gives one.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])([^>]*)>")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d{1,9})["']""")


class UnreadableFile(ValueError):
    """The upload is refused as a file (not a row of it); ``message`` says why, in the user's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class FileTooBig(UnreadableFile):
    """The file may be sound but is more than an import reads: too many rows, or an xlsx unpacking to too much."""


class TooManyRows(FileTooBig):
    """The file goes on past ``MAX_ROWS`` rows under its header; ``row`` is the first spreadsheet row too many."""

    def __init__(self, row: int, limit: int):
        self.row, self.limit = row, limit
        super().__init__(_("Row %(row)s is beyond the limit of %(max)s rows under the header; split the file into "
                           "several files.") % {"row": row, "max": limit})


def sniff_format(name: str, content: bytes) -> str | None:
    """'xlsx' or 'csv' from the name and the first bytes; None for anything else."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return "xlsx" if content[:4] == b"PK\x03\x04" else None
    if lower.endswith(".csv"):
        return None if b"\x00" in content[:4096] else "csv"
    return None


def decode_csv(content: bytes) -> str | None:
    """The text of a CSV file: UTF-8 (with or without the BOM), or GBK as Excel on a Chinese Windows saves it;
    None if it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _not_xlsx():
    return UnreadableFile(_("The file could not be read as an Excel workbook (.xlsx)."))


def _check_zip(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > XLSX_MAX_PARTS:
        raise _not_xlsx()
    total = 0
    for member in members:
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and member.file_size / packed > XLSX_MAX_RATIO:
            raise FileTooBig(_("The workbook unpacks to far more than its size (a part of it %(ratio)s times); "
                                   "it is refused. Save it again from Excel.") % {
                "ratio": int(member.file_size / packed)})
    if total > XLSX_MAX_UNPACKED_BYTES:
        raise FileTooBig(_("The workbook unpacks to more than %(max)s MB; split it into several files.") % {
            "max": XLSX_MAX_UNPACKED_BYTES // (1024 * 1024)})


def _first_sheet(content: bytes) -> str | None:
    """The part openpyxl reads as ``worksheets[0]``: the first worksheet listed in the workbook (read from the
    package's small parts only: its manifest, the workbook and their relationships)."""
    reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_workbook()
    for _sheet, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
            return rel.target
    return None


def _count_rows(stream, limit: int) -> None:
    """Count the row elements of a sheet on its unpacked stream; TooManyRows as soon as one lies past the header
    and ``limit`` rows (by its count or by the row number it declares)."""
    last, seen, tail = limit + 1, 0, b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return
        data = tail + chunk
        end = data.rfind(b"<")  # a tag cut by the chunk boundary is read with the next chunk
        body, tail = (data[:end], data[end:]) if end > 0 else (data, b"")
        if len(tail) > 64 * 1024:  # no tag is that long: nothing here is a row
            body, tail = data, b""
        for match in _ROW_TAG.finditer(body):
            seen += 1
            declared = _ROW_NUMBER.search(match.group(1))
            row = max(seen, int(declared.group(1))) if declared else seen
            if row > last:
                raise TooManyRows(last + 1, limit)


def check_upload(fmt: str, content: bytes, *, max_rows: int | None = None) -> None:
    """Refuse, without unpacking it, a file too big to read: an xlsx whose zip declares too much (or packs too
    tightly), or any file with more than ``max_rows`` rows under its header (FileTooBig); UnreadableFile for one
    that is not what its name says. ``max_rows``: MAX_ROWS unless given."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    if fmt == "xlsx":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                _check_zip(archive)
                sheet = _first_sheet(content)
                if sheet is None:
                    raise _not_xlsx()
                with archive.open(sheet) as stream:
                    _count_rows(stream, max_rows)
        except UnreadableFile:
            raise
        except Exception as exc:  # a corrupt zip can raise almost anything from zipfile or openpyxl
            raise _not_xlsx() from exc
        return
    for _row in iter_table(fmt, content, max_rows=max_rows, checked=True):
        pass


def iter_table(fmt: str, content: bytes, *, max_rows: int | None = None, checked: bool = False):
    """The rows of the first sheet (or of the CSV), each a list of cell values, header first; TooManyRows as
    soon as the file passes ``max_rows`` rows under its header, UnreadableFile for a file that cannot be read.

    ``max_rows``: MAX_ROWS unless given; ``checked``: ``check_upload`` has already passed (it is run first
    otherwise)."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    if fmt == "xlsx" and not checked:
        check_upload(fmt, content, max_rows=max_rows)
    last = max_rows + 1  # the header is row 1
    for number, row in enumerate(_rows(fmt, content), 1):
        if number > last:
            raise TooManyRows(number, max_rows)
        yield row


def _rows(fmt: str, content: bytes):
    if fmt == "xlsx":
        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise _not_xlsx() from exc
        try:
            sheets = book.worksheets
            if not sheets:
                raise _not_xlsx()
            rows = sheets[0].iter_rows(values_only=True)
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except Exception as exc:
                    raise _not_xlsx() from exc
                yield list(row)
        finally:
            book.close()
        return
    text = decode_csv(content)
    if text is None:
        raise UnreadableFile(_("The file is not readable text (UTF-8 or GBK)."))
    reader = csv.reader(io.StringIO(text))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UnreadableFile(_("The file could not be read as CSV.")) from exc
        yield row
