"""R-X.5: the rent file has the stock's row limit and the same zip checks; a hostile file is refused in seconds,
nothing is kept, nothing imported (housing.web.files)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from housing.exceptions import InvalidInput
from housing.models import RentPayment
from housing.tenancy.services import ledger
from housing.web import files
from tests.factories.spreadsheets import million_rows_xlsx, zip_bomb_xlsx
from tests.factories.tenancy import TenancyFactory
from tests.housing.conftest import page_text

HOSTILE = {"a million rows": million_rows_xlsx, "a zip bomb": zip_bomb_xlsx}
HEADER = "合同编号,月份,金额,缴费日期,银行流水号\n"


def staged_files(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_workbook_is_refused_within_seconds(clerk, private_media, kind):
    upload = SimpleUploadedFile("rent.xlsx", HOSTILE[kind]())
    started = time.monotonic()
    with pytest.raises(InvalidInput) as refused:
        ledger.preview_rent_import(actor=clerk, uploaded_file=upload)
    assert time.monotonic() - started < 5
    expected = "Row 20002 is beyond the limit of 20000 rows" if kind == "a million rows" else "unpacks to"
    assert expected in str(refused.value.message) and refused.value.field_errors["file"]
    assert staged_files(private_media) == [] and not RentPayment.objects.exists()


@pytest.mark.parametrize("kind", HOSTILE)
def test_the_import_page_names_the_problem(portal, clerk, private_media, kind):
    portal.login(clerk)
    started = time.monotonic()
    response = portal.post(reverse("housing:rent_import"),
                           {"file": SimpleUploadedFile("rent.xlsx", HOSTILE[kind]())})
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert ("beyond the limit" if kind == "a million rows" else "unpacks to") in page_text(response)
    assert staged_files(private_media) == [] and not RentPayment.objects.exists()


def test_the_rent_file_shares_the_stock_files_limit(clerk, private_media, monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 2)
    tenancy = TenancyFactory()
    paid_on = timezone.localdate().isoformat()
    line = f"{tenancy.contract.number},{tenancy.starts_on:%Y-%m},1200.00,{paid_on},B1\n"
    ok = ledger.preview_rent_import(actor=clerk, uploaded_file=SimpleUploadedFile("rent.csv", (
        HEADER + line).encode()))
    assert ok.errors == []
    with pytest.raises(InvalidInput, match="Row 4 is beyond the limit of 2 rows"):
        ledger.preview_rent_import(actor=clerk, uploaded_file=SimpleUploadedFile("rent.csv", (
            HEADER + line * 3).encode()))
