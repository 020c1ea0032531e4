"""Stock files as a clerk makes them: an xlsx (or csv) of the template's columns, one row per home."""

import csv
import io

import openpyxl
import pytest

from tests.factories import staff
from tests.support.language import english  # noqa: F401 - autouse: these tests read messages in English

ZH = ["项目", "地址", "产权单位", "保障形式", "楼栋", "房号", "户型", "面积", "楼层", "月租金", "售价", "市场租金"]
EN = ["project", "address", "property owner", "form", "building", "unit number", "unit type", "area", "floor",
      "monthly rent", "price", "market rent"]


def home_row(number="101", *, project="民治公租房项目", building="1栋", form="公共租赁住房", unit_type="一房一厅",
             area="45.00", floor=3, rent="1200.00", price="", market="2400.00", address="民治街道1号",
             owner="龙华新区住房和建设局"):
    return [project, address, owner, form, building, number, unit_type, area, floor, rent, price, market]


def xlsx_bytes(rows, headers=ZH) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, headers=ZH, encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_table(content: bytes) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]


@pytest.fixture
def imports_dir(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media" / "imports"


@pytest.fixture
def ccb_clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture
def inspector(db):
    return staff("discipline", "reviewer")
