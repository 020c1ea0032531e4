"""R-16.8b, R-X.5, R-X.1: the import writes homes in batches (bulk mode) — each home still gets its own values,
its own version, and its own staff action naming the row and the file (decision 0015)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from departments.permissions import duty_article
from housing.models import HousingUnit, OfficeAction
from housing.stock.resources import StockResource
from housing.stock import services as service
from tests.factories.stock import HousingUnitFactory
from tests.housing.stock.conftest import home_row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of two homes, so a five-home file is written in several INSERT and UPDATE statements."""
    monkeypatch.setattr(StockResource._meta, "batch_size", 2)


def run_import(actor, rows, name="stock.xlsx"):
    token = service.stage_stock_file(actor=actor, name=name, content=xlsx_bytes(rows))
    preview = service.preview_stock_import(actor=actor, token=token)
    with translation.override("en"):
        assert not preview.problems, [p.text() for p in preview.problems]
    return preview, service.import_stock_file(actor=actor, token=token, sha256=preview.sha256)


@pytest.mark.parametrize("returns_ids", [True, False], ids=["ids-returned", "ids-read-after"])
def test_every_home_of_a_batched_import_has_its_values_version_and_action(ccb_clerk, imports_dir, small_batches,
                                                                          monkeypatch, returns_ids):
    if not returns_ids:  # a database whose bulk INSERT does not return the new ids
        monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)
        monkeypatch.delitem(vars(connection.features), "can_return_rows_from_bulk_insert", raising=False)
    let = HousingUnitFactory(building__project__name="民治公租房项目", building__name="1栋", number="101",
                             status=HousingUnit.Status.LET, monthly_rent=Decimal("1200.00"))
    same = HousingUnitFactory(building=let.building, number="102", unit_type="one_bedroom", area=Decimal("45.00"),
                              floor=3, monthly_rent=Decimal("1200.00"), price=None, market_rent=Decimal("2400.00"))
    repaired = HousingUnitFactory(building=let.building, number="103", status=HousingUnit.Status.UNDER_REPAIR)
    rows = [home_row("101", rent="1300.00"), home_row("102"), home_row("103", area="52.25", floor=7),
            home_row("104", rent="1111.00"), home_row("105", rent="1222.00"), home_row("106", rent="1333.00")]
    preview, report = run_import(ccb_clerk, rows, name="May stock.xlsx")

    assert (preview.new, preview.updated, preview.unchanged) == (3, 2, 1)
    assert (report.new, report.updated, report.unchanged) == (3, 2, 1)
    assert HousingUnit.objects.count() == 6  # updated, not duplicated
    let, same, repaired = (HousingUnit.objects.get(pk=h.pk) for h in (let, same, repaired))
    assert (let.monthly_rent, let.status, let.version) == (Decimal("1300.00"), HousingUnit.Status.LET, 2)
    assert (repaired.area, repaired.floor, repaired.status, repaired.version) == (
        Decimal("52.25"), 7, HousingUnit.Status.UNDER_REPAIR, 2)
    assert same.version == 1  # no real change, no new version
    rents = dict(HousingUnit.objects.filter(number__in=["104", "105", "106"]).values_list("number", "monthly_rent"))
    assert rents == {"104": Decimal("1111.00"), "105": Decimal("1222.00"), "106": Decimal("1333.00")}

    def actions_of(home):
        return [(a.action, a.data["row"], a.data["file"], a.data.get("changed"))
                for a in OfficeAction.objects.filter(object_type="housingunit", object_id=str(home.pk))]

    assert actions_of(let) == [("unit_updated_by_import", 2, "May stock.xlsx", ["monthly_rent"])]
    assert actions_of(repaired) == [("unit_updated_by_import", 4, "May stock.xlsx", ["area", "floor"])]
    assert actions_of(same) == []
    for number, row in (("104", 5), ("105", 6), ("106", 7)):
        home = HousingUnit.objects.get(number=number)
        assert actions_of(home) == [("unit_imported", row, "May stock.xlsx", None)]
        assert next(o for o in report.outcomes if o.number == number).unit_id == home.pk
    action = OfficeAction.objects.get(action="unit_imported", object_id=str(HousingUnit.objects.get(number="104").pk))
    assert (action.actor, action.actor_name, action.article) == (ccb_clerk, ccb_clerk.username,
                                                                 duty_article("manage_stock"))
    assert action.at is not None


def test_the_home_page_shows_the_import_that_changed_it(portal, ccb_clerk, imports_dir, small_batches):
    from django.urls import reverse

    home = HousingUnitFactory(building__project__name="民治公租房项目", building__name="1栋", number="101",
                              monthly_rent=Decimal("1200.00"))
    run_import(ccb_clerk, [home_row("101", rent="1300.00"), home_row("102"), home_row("103")], name="june.xlsx")
    portal.login(ccb_clerk)
    for pk, words in ((home.pk, ["Home changed by an import", "june.xlsx", "row 2"]),
                      (HousingUnit.objects.get(number="103").pk, ["Home added by an import", "june.xlsx", "row 4"])):
        with translation.override("en"):
            text = portal.get(reverse("housing:stock_home_detail", args=[pk])).content.decode()
        assert all(w in text for w in words), (pk, words)


def test_a_row_refused_in_a_later_batch_undoes_the_earlier_batches(ccb_clerk, imports_dir, small_batches,
                                                                   monkeypatch):
    """The file passes the checks, but the resource refuses row 6 after two batches were written: nothing stays."""
    existing = HousingUnitFactory(building__project__name="民治公租房项目", building__name="1栋", number="101",
                                  monthly_rent=Decimal("1200.00"))
    checked = StockResource.before_save_instance

    def refuse_105(self, instance, row, **kwargs):
        if instance.number == "105":
            raise ValidationError({"floor": ["refused for the test"]})
        return checked(self, instance, row, **kwargs)

    monkeypatch.setattr(StockResource, "before_save_instance", refuse_105)
    rows = [home_row("101", rent="1500.00"), home_row("102"), home_row("103"), home_row("104"), home_row("105")]
    token = service.stage_stock_file(actor=ccb_clerk, name="stock.xlsx", content=xlsx_bytes(rows))
    preview = service.preview_stock_import(actor=ccb_clerk, token=token)
    with translation.override("en"):
        assert [p.text() for p in preview.problems] == ["Row 6, column “floor”: refused for the test"]
    with pytest.raises(service.ImportRefused) as refused:
        service.import_stock_file(actor=ccb_clerk, token=token, sha256=preview.sha256)
    with translation.override("en"):
        assert [p.text() for p in refused.value.problems] == ["Row 6, column “floor”: refused for the test"]
    assert list(HousingUnit.objects.values_list("pk", "monthly_rent", "version")) == [
        (existing.pk, Decimal("1200.00"), 1)]
    assert not OfficeAction.objects.exists()
