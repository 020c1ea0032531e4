"""Reading an exported file back as a table of text, as a spreadsheet program would."""

import csv
import io

import openpyxl
from django.urls import reverse

URL = reverse("housing:export_start")


def read(content: bytes, fmt: str) -> list[list[str]]:
    if fmt == "csv":
        assert content.startswith(b"\xef\xbb\xbf"), "the byte-order mark lets Excel read the Chinese text"
        return [row for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))]
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [["" if v is None else str(v) for v in row] for row in book.active.iter_rows(values_only=True)]


def export(client, table: str, fmt: str = "csv", *, follow: bool = False, **filters):
    """Press the list page's Export button with these filters; the response."""
    return client.post(URL, {"table": table, "format": fmt, **filters}, follow=follow)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
