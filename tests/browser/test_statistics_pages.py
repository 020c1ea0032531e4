"""The statistics pages in a real Chromium (Arts. 5, 6; docs/decisions/0036): each audience's charts are drawn from
the page's data blocks under the Content-Security-Policy, with no error, and a table downloads as xlsx."""

import io
import os

import pytest
from openpyxl import load_workbook

from departments.models import StaffUser, Unit
from housing.stages import Stage
from tests.browser.signing_in import sign_in
from tests.factories import AllocationRoundFactory, ApplicationFactory
from tests.factories.plan import add_stock
from tests.factories.workflow import advance

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "browser-stats-2026-x"
AUDIENCES = [("ccb", "clerk"), ("org_personnel", "reviewer"), ("joint_meeting", "reviewer"),
             ("discipline", "reviewer")]


@pytest.fixture
def figures_data():
    round_ = AllocationRoundFactory()
    for _ in range(2):
        ApplicationFactory(round=round_)
    advance(ApplicationFactory(round=round_, c4=True), Stage.SUBSTANTIVE_REVIEW)
    add_stock("public_rental", 3)
    return round_


@pytest.mark.parametrize("unit, role", AUDIENCES)
def test_each_audience_sees_its_charts_drawn(page, live_server, figures_data, unit, role):
    username = f"stats_{unit}"
    StaffUser.objects.create_user(username=username, password=PASSWORD, unit=Unit.objects.get(code=unit), roles=[role])
    problems: list[str] = []
    # (the browser asks for /favicon.ico by itself; the portal has none, which is no error of this page)
    page.on("console", lambda m: problems.append(m.text) if (m.type == "error" or "Content Security Policy" in m.text)
            and "favicon" not in (m.location or {}).get("url", "") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    sign_in(page, live_server.url, username, password=PASSWORD)

    response = page.goto(f"{live_server.url}/statistics/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    canvases = page.locator("canvas[data-figure]")
    count = canvases.count()
    assert count >= 8
    page.wait_for_function("n => document.querySelectorAll('canvas[data-drawn=\"true\"]').length === n", arg=count)
    drawn = page.evaluate("""() => Array.from(document.querySelectorAll('canvas[data-figure]')).map(c => {
        const chart = window.Chart.getChart(c);
        return chart && c.width > 0 && c.height > 0 && chart.data.datasets.length > 0;
    })""")
    assert all(drawn), drawn
    # the homes belong to no group: their chart is drawn for readers of every group only
    assert (page.locator("canvas[data-figure='fig-homes-data']").count() == 1) == (unit != "org_personnel")
    assert problems == []


def test_a_table_downloads_as_xlsx(page, live_server, figures_data):
    StaffUser.objects.create_user(username="stats_dl", password=PASSWORD, unit=Unit.objects.get(code="ccb"),
                                  roles=["clerk"])
    sign_in(page, live_server.url, "stats_dl", password=PASSWORD)
    page.goto(f"{live_server.url}/statistics/?round={figures_data.pk}")
    with page.expect_download() as download:
        page.locator("#fig-stages-h ~ .download a").click()
    path = download.value.path()
    assert download.value.suggested_filename.startswith("statistics-stages-")
    with open(path, "rb") as f:
        sheet = load_workbook(io.BytesIO(f.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3][0] in ("办理阶段", "Stage") and sum(r[-1] or 0 for r in rows[4:] if isinstance(r[-1], int)) == 3
