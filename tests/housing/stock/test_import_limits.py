"""R-X.5: a stock file past the row limit, or a zip bomb, is refused at the upload in seconds: nothing is kept,
nothing imported (housing.web.files)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from housing.models import HousingUnit
from housing.stock import services as service
from housing.web import files
from tests.factories.spreadsheets import million_rows_xlsx, zip_bomb_xlsx
from tests.housing.conftest import page_text
from tests.housing.stock.conftest import csv_bytes, home_row, xlsx_bytes

pytestmark = pytest.mark.django_db

HOSTILE = {"a million rows": million_rows_xlsx, "a zip bomb": zip_bomb_xlsx}


def staged_files(imports_dir):
    return list(imports_dir.rglob("*")) if imports_dir.exists() else []


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_workbook_is_refused_at_the_upload_within_seconds(ccb_clerk, imports_dir, kind):
    content = HOSTILE[kind]()
    started = time.monotonic()
    with pytest.raises(service.ImportRefused) as refused:
        service.stage_stock_file(actor=ccb_clerk, name="stock.xlsx", content=content)
    assert time.monotonic() - started < 5
    expected = "Row 20002 is beyond the limit of 20000 rows" if kind == "a million rows" else "unpacks to"
    assert expected in str(refused.value.message)
    assert staged_files(imports_dir) == [] and not HousingUnit.objects.exists()


@pytest.mark.parametrize("kind", HOSTILE)
def test_the_upload_page_names_the_problem(portal, ccb_clerk, imports_dir, kind):
    portal.login(ccb_clerk)
    started = time.monotonic()
    response = portal.post(reverse("housing:stock_import"),
                           {"file": SimpleUploadedFile("stock.xlsx", HOSTILE[kind]())})
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert ("beyond the limit" if kind == "a million rows" else "unpacks to") in page_text(response)
    assert staged_files(imports_dir) == [] and not HousingUnit.objects.exists()


def test_the_limit_is_rows_under_the_header(ccb_clerk, imports_dir, monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 3)
    rows = [home_row(str(100 + i)) for i in range(3)]
    for make, name in ((xlsx_bytes, "stock.xlsx"), (csv_bytes, "stock.csv")):
        token = service.stage_stock_file(actor=ccb_clerk, name=name, content=make(rows))
        assert service.preview_stock_import(actor=ccb_clerk, token=token).new == 3
        with pytest.raises(service.ImportRefused, match="Row 5 is beyond the limit of 3 rows"):
            service.stage_stock_file(actor=ccb_clerk, name=name, content=make(rows + [home_row("200")]))


def test_a_file_staged_before_the_check_is_still_refused_at_the_preview(ccb_clerk, imports_dir, monkeypatch):
    monkeypatch.setattr(service, "check_upload", lambda fmt, content: None)
    token = service.stage_stock_file(actor=ccb_clerk, name="stock.xlsx", content=million_rows_xlsx())
    started = time.monotonic()
    report = service.preview_stock_import(actor=ccb_clerk, token=token)
    assert time.monotonic() - started < 5
    assert [p.text() for p in report.problems] == [
        "Row 20002 is beyond the limit of 20000 rows under the header; split the file into several files."]
    with pytest.raises(service.ImportRefused):
        service.import_stock_file(actor=ccb_clerk, token=token, sha256=report.sha256)
    assert not HousingUnit.objects.exists()
