"""Every cell of every file the portal writes is safe from formula injection (CSV injection): a cell a
spreadsheet program would run as a formula is written as text, also after leading blanks (R-6, R-X.5)."""

import io

import pytest

from housing.exports.tables import Column, Table
from housing.exports.writers import write
from housing.models import HousingUnit
from housing.stock import services as stock_service
from publicity.public.exports import safe_cell
from tests.factories.stock import HousingUnitFactory
from tests.housing.exports.helpers import export, read

DANGEROUS = ["=1+1", "+8613800138000", "-2+3", "@SUM(A1)", " =1+1", "\t=1+1", "  @cmd", "\r=1", "\n+1"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_formula_is_written_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["龙华", "LH-2026-000001", "a=b", "1-2", "", "张 三"])
def test_plain_text_is_left_alone(value):
    assert safe_cell(value) == value


def test_numbers_and_empty_cells():
    assert safe_cell(-5) == -5 and safe_cell(None) == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_writer_guards_every_cell_and_the_headers(fmt):
    table = Table(name="t", title="t", page="", rows=lambda u, f: [],
                  columns=(Column("=HEADER()", lambda v: v), Column("ok", lambda v: "ok")))
    out = io.BytesIO()
    assert write(table, DANGEROUS, fmt, out) == len(DANGEROUS)
    rows = read(out.getvalue(), fmt)
    assert rows[0] == ["'=HEADER()", "ok"]
    assert all(row[0].startswith("'") for row in rows[1:]), rows
    assert len(rows) == len(DANGEROUS) + 1


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_stock_files_guard_a_project_named_as_a_formula(client, ccb_clerk, fmt):
    HousingUnitFactory(building__project__name="=HYPERLINK(\"http://x\")", building__name="@1栋", number="101")
    # the stock file of the import template (its own page)
    content = stock_service.export_stock(actor=ccb_clerk, queryset=HousingUnit.objects.all(), fmt=fmt)
    cells = [c for row in read(content, fmt)[1:] for c in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'@1栋" in cells
    assert not any(c.lstrip().startswith(("=", "@")) for c in cells)
    # the list of homes, exported from the list page
    client.force_login(ccb_clerk)
    cells = [c for row in read(export(client, "stock", fmt).content, fmt)[1:] for c in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'@1栋" in cells
