"""The xlsx of one figure: the table as shown, text that looks like a formula kept as text."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from housing.models import HousingProject
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, staff
from tests.factories.plan import add_stock
from tests.factories.workflow import advance

pytestmark = pytest.mark.django_db


def sheet_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content)).active


def test_the_stage_table_downloads_with_the_counts_shown(client):
    round_ = AllocationRoundFactory()
    for _ in range(2):
        ApplicationFactory(round=round_)
    advance(ApplicationFactory(round=round_, c4=True), Stage.SUBSTANTIVE_REVIEW)
    client.cookies["django_language"] = "en"
    client.force_login(staff("ccb", "clerk"))
    sheet = sheet_of(client.get(reverse("housing:statistics_download", args=["stages"]), {"round": round_.pk}))
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    header = rows[3]
    assert header[:8] == ("Stage", "C1", "C2", "C3", "C4", "C5", "C6", "Total")
    body = {r[0]: r[1:8] for r in rows[4:]}
    assert body["Awaiting formal review"] == (0, 0, 2, 0, 0, 0, 2)
    assert body["Awaiting substantive review"] == (0, 0, 0, 1, 0, 0, 1)


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_stays_text(client, name):
    homes = add_stock("public_rental", 2)
    HousingProject.objects.filter(pk=homes[0].building.project_id).update(name=name)
    client.force_login(staff("discipline", "reviewer"))
    sheet = sheet_of(client.get(reverse("housing:statistics_download", args=["homes"]),
                                {"year": timezone.localdate().year}))
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and name in c.value]
    assert cells, "the project is in the download"
    for cell in cells:
        assert cell.value == "'" + name and cell.data_type == "s"


def test_a_unit_downloads_only_its_own_groups(client):
    round_ = AllocationRoundFactory()
    ApplicationFactory(round=round_)  # C3
    ApplicationFactory(round=round_, c5=True)
    client.force_login(staff("public_affairs", "reviewer"))
    sheet = sheet_of(client.get(reverse("housing:statistics_download", args=["stages"]), {"round": round_.pk}))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3][1:3] == ("C5", "合计") or rows[3][1:3] == ("C5", "Total")
    assert [r[1] for r in rows[4:]] == [1]
