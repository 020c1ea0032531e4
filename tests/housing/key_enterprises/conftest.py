import csv
import io

import openpyxl
import pytest

from tests.factories import staff

HEADERS = ["企业名称", "统一社会信用代码"]


def xlsx_bytes(rows, headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, headers=HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


@pytest.fixture
def imports_dir(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media" / "key-enterprise-imports"


@pytest.fixture
def econ(db):
    """A reviewer of the Economic Services Bureau: holds the import of the year's list (Art. 13)."""
    return staff("econ_services", "reviewer")
