"""R-16.8b: the export has the template's columns plus the status, and re-imports without changing anything."""

import pytest

from housing.models import HousingUnit, OfficeAction
from housing.stock import services as service
from tests.factories.stock import HousingUnitFactory
from tests.housing.stock.conftest import ZH, xlsx_table

pytestmark = pytest.mark.django_db


def make_stock():
    rental = HousingUnitFactory(building__project__name="民治公租房项目", building__name="1栋", number="101",
                                status=HousingUnit.Status.LET)
    HousingUnitFactory(building=rental.building, number="102", unit_type="studio", monthly_rent="899.5",
                       market_rent=None)
    HousingUnitFactory(economic=True, building__project__name="龙华经适房项目", building__name="A座", number="301",
                       status=HousingUnit.Status.SOLD)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(ccb_clerk, imports_dir, fmt):
    make_stock()
    before = list(HousingUnit.objects.order_by("pk").values())
    content = service.export_stock(actor=ccb_clerk, queryset=HousingUnit.objects.all(), fmt=fmt)
    token = service.stage_stock_file(actor=ccb_clerk, name=f"export.{fmt}", content=content)
    preview = service.preview_stock_import(actor=ccb_clerk, token=token)
    assert preview.problems == []
    assert (preview.new, preview.updated, preview.unchanged) == (0, 0, 3)
    service.import_stock_file(actor=ccb_clerk, token=token, sha256=preview.sha256)
    assert list(HousingUnit.objects.order_by("pk").values()) == before
    assert not OfficeAction.objects.filter(action__in=["unit_imported", "unit_updated_by_import"]).exists()


def test_export_columns_and_values(ccb_clerk):
    make_stock()
    table = xlsx_table(service.export_stock(actor=ccb_clerk, queryset=HousingUnit.objects.all(), fmt="xlsx"))
    assert table[0] == ZH + ["状态"]
    by_number = {row[5]: row for row in table[1:]}
    assert by_number["101"][3] == "公共租赁住房" and by_number["101"][12] == "已出租"
    assert by_number["102"][6] == "单间" and by_number["102"][9] == "899.50" and by_number["102"][11] in ("", None)
    assert by_number["301"][3] == "经济适用住房" and by_number["301"][10] == "600000.00"


def test_an_edited_export_updates_the_home_but_not_its_status(ccb_clerk, imports_dir):
    make_stock()
    content = service.export_stock(actor=ccb_clerk, queryset=HousingUnit.objects.all(), fmt="csv")
    text = content.decode("utf-8-sig").replace("1200.00", "1250.00").replace("已出租", "可分配")
    token = service.stage_stock_file(actor=ccb_clerk, name="edited.csv", content=text.encode("utf-8"))
    report = service.import_stock_file(actor=ccb_clerk, token=token,
                                       sha256=service.preview_stock_import(actor=ccb_clerk, token=token).sha256)
    assert report.updated == 1
    home = HousingUnit.objects.get(number="101")
    assert str(home.monthly_rent) == "1250.00" and home.status == HousingUnit.Status.LET
