"""R-6, R-38 in a real browser: a clerk filters the application list, presses "导出 CSV" and downloads the file of
exactly the filtered rows, readable as Chinese (with its byte-order mark); the export shows on "my exports"."""

import csv
import io
import os

import pytest

from housing.models import OfficeAction
from tests.browser.signing_in import sign_in
from tests.factories import ApplicationFactory, staff

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_a_clerk_downloads_the_filtered_application_list_as_csv(live_server, page):
    base = live_server.url
    c6 = ApplicationFactory(c6=True)
    c4 = ApplicationFactory(c4=True)
    clerk = staff("ccb", "clerk")
    sign_in(page, base, clerk.username)
    page.goto(f"{base}/applications/")
    page.select_option("#id_group", c6.group)
    with page.expect_navigation():
        page.get_by_role("button", name="查询", exact=True).click()
    assert c4.number not in page.inner_text("main")

    with page.expect_download() as info:
        page.get_by_role("button", name="导出 CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("applications-") and download.suggested_filename.endswith(".csv")
    content = open(download.path(), "rb").read()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["申请编号", "申请人"]
    assert [row[0] for row in rows[1:]] == [c6.number]
    assert OfficeAction.objects.get(action="export_list").actor == clerk

    page.get_by_role("link", name="我的导出").click()
    assert "已即时下载" in page.inner_text("main")
