"""The stock pages as the CCB and discipline inspection use them (R-16.8b, R-X.5, R-16.e, R-6)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from housing.models import HousingUnit, OfficeAction
from tests.factories import staff
from tests.factories.stock import HousingUnitFactory
from tests.housing.conftest import page_text, section, table_rows
from tests.housing.stock.conftest import home_row, xlsx_bytes, xlsx_table

pytestmark = pytest.mark.django_db

LIST = reverse("housing:stock_list")
IMPORT = reverse("housing:stock_import")


def upload(portal, content, name="stock.xlsx"):
    return portal.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def test_upload_preview_confirm(portal, ccb_clerk, imports_dir, django_capture_on_commit_callbacks):
    portal.login(ccb_clerk)
    response = upload(portal, xlsx_bytes([home_row("101"), home_row("102")]))
    assert response.status_code == 302
    preview_url = response["Location"]
    preview = portal.get(preview_url)
    assert preview.status_code == 200
    assert "2 new homes, 0 updated, 0 unchanged." in page_text(preview)
    assert not HousingUnit.objects.exists()
    form = portal.page_form(preview, action=preview_url)
    with django_capture_on_commit_callbacks(execute=True):
        done = portal.post(preview_url, portal.fill(form))
    assert done.status_code == 302 and done["Location"] == LIST
    assert HousingUnit.objects.count() == 2
    listing = page_text(portal.get(LIST))
    assert "Stock imported: 2 new homes, 0 updated, 0 unchanged." in listing
    # the same token cannot import twice
    again = portal.post(preview_url, portal.fill(form))
    assert again.status_code == 400 and "unknown or has expired" in page_text(again)


def test_a_bad_row_is_named_on_the_preview_and_no_confirm_is_offered(portal, ccb_clerk, imports_dir):
    portal.login(ccb_clerk)
    rows = [home_row(str(100 + i)) for i in range(5)] + [home_row("106", area="abc")]
    preview = portal.get(upload(portal, xlsx_bytes(rows))["Location"])
    assert preview.status_code == 400
    text = page_text(preview)
    assert "Row 7, column “area”: “abc” is not a number" in text
    assert "Import these homes" not in text


def test_a_confirm_with_another_hash_or_token_is_refused(portal, ccb_clerk, imports_dir):
    portal.login(ccb_clerk)
    preview_url = upload(portal, xlsx_bytes([home_row("101")]))["Location"]
    refused = portal.post(preview_url, {"sha256": "a" * 64})
    assert refused.status_code == 400 and "not the one that was previewed" in page_text(refused)
    unknown = portal.post(reverse("housing:stock_import_preview", args=["b" * 32]), {"sha256": "a" * 64})
    assert unknown.status_code == 400 and "unknown or has expired" in page_text(unknown)
    assert portal.get(reverse("housing:stock_import_preview", args=["b" * 32])).status_code == 410
    assert not HousingUnit.objects.exists()


@pytest.mark.parametrize("name, content, message", [
    ("stock.pdf", b"%PDF-1.4", "Excel workbook (.xlsx) or a CSV file (.csv)"),
    ("stock.xlsx", b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024), "larger than 5 MB"),
])
def test_upload_checks(portal, ccb_clerk, imports_dir, name, content, message):
    portal.login(ccb_clerk)
    response = upload(portal, content, name)
    assert response.status_code == 400 and message in page_text(response)


def test_list_filters_counts_and_pagination(portal, inspector):
    rental = HousingUnitFactory(building__project__name="民治公租房项目", building__name="1栋", number="101")
    for n in range(60):
        HousingUnitFactory(building=rental.building, number=f"2{n:02d}", unit_type="two_bedroom")
    HousingUnitFactory(economic=True, number="301", status=HousingUnit.Status.SOLD)
    portal.login(inspector)
    page = portal.get(LIST)
    assert page.status_code == 200
    content = page.content.decode()
    assert re.search(r'data-status="available">61<', content) and re.search(r'data-status="sold">1<', content)
    assert re.search(r'data-type="two_bedroom">60<', content)
    assert len(table_rows(section(content, "homes-h"))) == 50 and "Page 1 of 2" in page_text(page)
    sold = portal.get(LIST, {"status": "sold"}).content.decode()
    assert [r[0] for r in table_rows(section(sold, "homes-h"))] == ["301"]
    economic = portal.get(LIST, {"form": "economic_housing"}).content.decode()
    assert [r[0] for r in table_rows(section(economic, "homes-h"))] == ["301"]
    one = portal.get(LIST, {"unit_type": "one_bedroom", "project": rental.building.project.pk}).content.decode()
    assert [r[0] for r in table_rows(section(one, "homes-h"))] == ["101"]
    assert "Import from the template" not in page_text(page)  # discipline inspection reads only


def test_repair_round_trip_with_version_check(portal, ccb_clerk):
    home = HousingUnitFactory()
    portal.login(ccb_clerk)
    detail_url = reverse("housing:stock_home_detail", args=[home.pk])
    send_url = reverse("housing:stock_home_move", args=[home.pk, "send_to_repair"])
    assert send_url in portal.get(detail_url).content.decode()
    stale_page = portal.get(send_url)
    done = portal.submit(send_url, {"reason": "漏水维修"})
    assert done.status_code == 302
    home = HousingUnit.objects.get(pk=home.pk)
    assert home.status == HousingUnit.Status.UNDER_REPAIR and home.version == 2
    # a second clerk's page still carries version 1
    stale = portal.post(send_url, portal.fill(portal.page_form(stale_page), {"reason": "again"}))
    assert stale.status_code == 409 and "Someone else changed this home" in page_text(stale)
    back_url = reverse("housing:stock_home_move", args=[home.pk, "return_from_repair"])
    assert portal.submit(back_url, {"reason": "修好了"}).status_code == 302
    assert HousingUnit.objects.get(pk=home.pk).status == HousingUnit.Status.AVAILABLE
    actions = list(OfficeAction.objects.filter(object_type="housingunit", object_id=str(home.pk))
                   .values_list("action", flat=True))
    assert actions == ["unit_back_from_repair", "unit_sent_to_repair"]
    history = page_text(portal.get(detail_url))
    assert "漏水维修" in history and "修好了" in history


def test_a_let_home_cannot_be_sent_to_repair(portal, ccb_clerk):
    home = HousingUnitFactory(status=HousingUnit.Status.LET)
    portal.login(ccb_clerk)
    assert "send_to_repair" not in portal.get(reverse("housing:stock_home_detail", args=[home.pk])).content.decode()
    response = portal.submit(reverse("housing:stock_home_move", args=[home.pk, "send_to_repair"]), {"reason": "x"})
    assert response.status_code == 409 and "not possible while the home is “Let”" in page_text(response)
    assert HousingUnit.objects.get(pk=home.pk).status == HousingUnit.Status.LET


def test_a_repair_needs_a_reason(portal, ccb_clerk):
    home = HousingUnitFactory()
    portal.login(ccb_clerk)
    response = portal.submit(reverse("housing:stock_home_move", args=[home.pk, "send_to_repair"]), {"reason": ""})
    assert response.status_code == 400
    assert HousingUnit.objects.get(pk=home.pk).status == HousingUnit.Status.AVAILABLE


def test_detail_shows_the_homes_history(portal, inspector):
    home = HousingUnitFactory(number="808")
    portal.login(inspector)
    response = portal.get(reverse("housing:stock_home_detail", args=[home.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert "No selection of this home." in text and "No contract for this home." in text
    assert "send_to_repair" not in response.content.decode()


def test_export_and_template_downloads(portal, ccb_clerk):
    HousingUnitFactory(number="101")
    HousingUnitFactory(economic=True, number="301")
    portal.login(ccb_clerk)
    response = portal.get(reverse("housing:stock_export"), {"format": "xlsx", "form": "economic_housing"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert [row[5] for row in xlsx_table(response.content)[1:]] == ["301"]
    csv = portal.get(reverse("housing:stock_export"), {"format": "csv"})
    assert csv.content.decode("utf-8-sig").splitlines()[0].startswith("项目,地址,产权单位,保障形式,楼栋,房号")
    template = xlsx_table(portal.get(reverse("housing:stock_template")).content)
    assert template[0][:3] == ["项目", "地址", "产权单位"] and len(template) == 2


def test_the_blank_template_imports_its_example(portal, ccb_clerk, imports_dir):
    portal.login(ccb_clerk)
    template = portal.get(reverse("housing:stock_template")).content
    preview = portal.get(upload(portal, template, "template.xlsx")["Location"])
    assert "1 new homes, 0 updated, 0 unchanged." in page_text(preview)


WRITES = [
    ("get", "housing:stock_import", ()),
    ("get", "housing:stock_template", ()),
    ("get", "housing:stock_export", ()),
    ("get", "housing:stock_import_preview", ("c" * 32,)),
    ("post", "housing:stock_import_preview", ("c" * 32,)),
    ("get", "housing:stock_home_move", ("HOME", "send_to_repair")),
    ("post", "housing:stock_home_move", ("HOME", "send_to_repair")),
]


@pytest.mark.parametrize("who", [("discipline", "reviewer"), ("discipline", "head"), ("ccb", "reviewer"),
                                 ("finance", "clerk"), ("org_personnel", "head")])
@pytest.mark.parametrize("method, name, args", WRITES)
def test_only_ccb_operators_change_the_stock(portal, who, method, name, args):
    home = HousingUnitFactory()
    portal.login(staff(*who))
    url = reverse(name, args=[home.pk if a == "HOME" else a for a in args])
    response = getattr(portal, method)(url, {"version": 1, "reason": "x"} if method == "post" else None)
    assert response.status_code == 403
    assert HousingUnit.objects.get(pk=home.pk).status == HousingUnit.Status.AVAILABLE


@pytest.mark.parametrize("who", [("finance", "clerk"), ("org_personnel", "head"), ("joint_meeting", "head")])
def test_other_units_do_not_read_the_stock(portal, who):
    home = HousingUnitFactory()
    portal.login(staff(*who))
    assert portal.get(LIST).status_code == 403
    assert portal.get(reverse("housing:stock_home_detail", args=[home.pk])).status_code == 403


def test_a_clerk_cannot_confirm_another_clerks_upload(portal, ccb_clerk, imports_dir):
    portal.login(ccb_clerk)
    preview_url = upload(portal, xlsx_bytes([home_row("101")]))["Location"]
    sha = portal.page_form(portal.get(preview_url), action=preview_url).data()["sha256"][0]
    portal.login(staff("ccb", "head"))
    assert portal.post(preview_url, {"sha256": sha}).status_code == 403
    assert not HousingUnit.objects.exists()
