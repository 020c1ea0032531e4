"""R-33(2), R-X.5: the monthly rent file, previewed, then imported all-or-nothing."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from housing.models import OfficeAction, RentPayment
from housing.rules.arrears import add_months, first_of_month
from housing.tenancy.services.ledger import confirm_rent_import, preview_rent_import
from tests.factories.tenancy import TenancyFactory, pay
from tests.housing.conftest import page_text

ZH = "合同编号,月份,金额,缴费日期,银行流水号\n"
EN = "contract number,month,amount,paid on,bank reference\n"


def csv_file(text: str, name="rent.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


@pytest.fixture
def tenancy(db):
    return TenancyFactory()


def month(tenancy, n: int) -> str:
    return f"{add_months(tenancy.starts_on, n):%Y-%m}"


def test_preview_saves_nothing_and_confirm_imports_exactly_that_file(portal, clerk, tenancy, private_media):
    portal.login(clerk)
    paid_on = timezone.localdate().isoformat()
    body = ZH + f"{tenancy.contract.number},{month(tenancy, 0)},1200.00,{paid_on},B001\n" \
                f"{tenancy.contract.number},{month(tenancy, 1)},1200,{paid_on},B002\n"
    preview = portal.post(reverse("housing:rent_import"), {"file": csv_file(body)})
    assert preview.status_code == 200
    text = page_text(preview)
    assert "2 payments" in text and "2,400.00" in text
    assert RentPayment.objects.count() == 0
    form = portal.page_form(preview, action=reverse("housing:rent_import_confirm"))
    done = portal.post(reverse("housing:rent_import_confirm"), portal.fill(form))
    assert done.status_code == 302
    assert sorted(f"{p.month:%Y-%m}" for p in RentPayment.objects.all()) == [month(tenancy, 0), month(tenancy, 1)]
    assert OfficeAction.objects.filter(action="rent_imported", object_id=str(tenancy.pk)).count() == 1
    # The preview is used up: confirming it again imports nothing more.
    again = portal.post(reverse("housing:rent_import_confirm"), portal.fill(form))
    assert again.status_code == 400
    assert RentPayment.objects.count() == 2


def test_english_headers_and_xlsx(clerk, tenancy, private_media):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Contract number", "Month", "Amount", "Paid on", "Bank reference"])
    sheet.append([tenancy.contract.number, month(tenancy, 2), 1200, timezone.localdate().isoformat(), "X1"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("rent.xlsx", buffer.getvalue())
    preview = preview_rent_import(actor=clerk, uploaded_file=upload)
    assert preview.errors == []
    confirm_rent_import(actor=clerk, token=preview.token, sha256=preview.sha256)
    assert RentPayment.objects.get().reference == "X1"


def test_gbk_csv_is_read(clerk, tenancy, private_media):
    body = ZH + f"{tenancy.contract.number},{month(tenancy, 0)},1200.00,{timezone.localdate()},流水1\n"
    preview = preview_rent_import(actor=clerk, uploaded_file=csv_file(body, encoding="gb18030"))
    assert preview.errors == [] and preview.rows[0]["reference"] == "流水1"


@pytest.mark.parametrize("row, column, words", [
    ("{n},2025-13,1200.00,{d},R", "月份", "is not a month"),
    ("{n},{m},12x0,{d},R", "金额", "is not an amount"),
    ("{n},{m},1200.00,2025/01/01,R", "缴费日期", "is not a date"),
    ("NO-SUCH,{m},1200.00,{d},R", "合同编号", "No tenancy has the contract number"),
    ("{n},{before},1200.00,{d},R", "月份", "outside the lease"),
    ("{n},{after},1200.00,{d},R", "月份", "outside the lease"),
])
def test_one_bad_row_saves_nothing_and_names_row_and_column(clerk, tenancy, private_media, row, column, words):
    fill = {"n": tenancy.contract.number, "m": month(tenancy, 1), "d": timezone.localdate().isoformat(),
            "before": month(tenancy, -1), "after": f"{add_months(first_of_month(tenancy.ends_on), 1):%Y-%m}"}
    body = ZH + f"{tenancy.contract.number},{month(tenancy, 0)},1200.00,{fill['d']},OK\n" + row.format(**fill) + "\n"
    preview = preview_rent_import(actor=clerk, uploaded_file=csv_file(body))
    assert len(preview.errors) == 1
    assert preview.errors[0].startswith(f"Row 3, column “{column}”") and words in preview.errors[0]
    assert preview.token == "" and RentPayment.objects.count() == 0


def test_a_month_paid_twice_is_refused(clerk, tenancy, private_media):
    pay(tenancy, add_months(tenancy.starts_on, 0))
    body = EN + f"{tenancy.contract.number},{month(tenancy, 0)},1200.00,{timezone.localdate()},R\n"
    preview = preview_rent_import(actor=clerk, uploaded_file=csv_file(body))
    assert re.search(rf"Row 2, column “month”: The rent of {month(tenancy, 0)} .* already paid", preview.errors[0])


def test_the_same_month_twice_in_the_file_is_refused(clerk, tenancy, private_media):
    line = f"{tenancy.contract.number},{month(tenancy, 0)},1200.00,{timezone.localdate()},R\n"
    preview = preview_rent_import(actor=clerk, uploaded_file=csv_file(EN + line + line))
    assert preview.errors == [f"Row 3, column “month”: The file pays {month(tenancy, 0)} for contract "
                              f"{tenancy.contract.number} twice (also row 2)."]


def test_a_month_imported_meanwhile_makes_the_confirmation_save_nothing(clerk, tenancy, private_media):
    body = EN + f"{tenancy.contract.number},{month(tenancy, 0)},1200.00,{timezone.localdate()},R\n" \
                f"{tenancy.contract.number},{month(tenancy, 1)},1200.00,{timezone.localdate()},R\n"
    preview = preview_rent_import(actor=clerk, uploaded_file=csv_file(body))
    pay(tenancy, add_months(tenancy.starts_on, 1))
    outcome = confirm_rent_import(actor=clerk, token=preview.token, sha256=preview.sha256)
    assert outcome.errors and "Row 3" in outcome.errors[0]
    assert RentPayment.objects.count() == 1  # only the one paid meanwhile


def test_a_changed_server_copy_is_refused(clerk, tenancy, private_media):
    body = EN + f"{tenancy.contract.number},{month(tenancy, 0)},1200.00,{timezone.localdate()},R\n"
    preview = preview_rent_import(actor=clerk, uploaded_file=csv_file(body))
    stored = private_media / "rent-imports" / f"{preview.token}.csv"
    stored.write_text(body.replace("1200.00", "1.00"))
    with pytest.raises(Exception, match="does not match"):
        confirm_rent_import(actor=clerk, token=preview.token, sha256=preview.sha256)
    assert RentPayment.objects.count() == 0


def test_missing_column_and_wrong_type(clerk, tenancy, private_media):
    with pytest.raises(Exception, match="no column “amount”"):
        preview_rent_import(actor=clerk, uploaded_file=csv_file("合同编号,月份,缴费日期\nX,2025-01,2025-01-01\n"))
    with pytest.raises(Exception, match=r"Only \.csv or \.xlsx"):
        preview_rent_import(actor=clerk, uploaded_file=csv_file(ZH, name="rent.pdf"))
