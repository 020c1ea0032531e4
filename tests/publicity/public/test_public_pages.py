"""The public pages (R-16.1, R-16.4a, R-16.7, R-13, R-35, R-37): anonymous, GET, masked, searchable, downloadable."""

import csv
import datetime
import html
import io
import re

import openpyxl
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from housing.models import SupplyNotice
from publicity.public.views import notices as public_notices
from tests.factories import staff
from tests.support.public_site import EMPLOYERS, REGISTERED_EMPLOYER, build_public_site, public_urls

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"}
RUNNING_MASKED = ["欧**锋", "张*三", "王*", "赵*六"]  # rank order; 孙*星 was removed on objection
# talents rank within each employer; the list reads in rank order, equal ranks employer by employer
# (decision 0045), as the proposed list was sent; 何*东 was removed before the announcement.
ANNOUNCED_MASKED = ["黄*强", "陈*文", "郭*宇", "林*红"]


@pytest.fixture
def site(clock):
    return build_public_site(clock)


def text(response) -> str:
    return html.unescape(response.content.decode())


def names_in_table(response) -> list[str]:
    return re.findall(r'<td data-label="[^"]*">([^<]*\*[^<]*)</td>', response.content.decode())


def test_every_public_page_answers_an_anonymous_visitor(site):
    for url in public_urls(site):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url


def test_every_page_is_answered_in_chinese_by_default_and_in_english_on_request(site):
    assert '<html lang="zh-Hans">' in text(Client().get("/public/"))
    assert '<html lang="en">' in text(Client().get("/public/", **ENGLISH))


def test_the_home_page_shows_open_rounds_running_notices_announcements_and_the_published_lists(site):
    page = text(Client().get("/public/", **ENGLISH))
    assert site.round.supply_notice.title in page
    assert f'href="/public/supply-notices/{site.round.supply_notice.pk}/"' in page
    assert f'href="/public/notices/{site.running.pk}/"' in page
    assert "4 entries" in page and "objections open" in page
    assert f'href="/public/announcements/{site.announced.pk}/"' in page
    assert 'href="/public/key-enterprises/"' in page and 'href="/public/register/"' in page


def test_the_supply_notice_page_gives_deadline_groups_and_text(site):
    notice = site.round.supply_notice
    page = text(Client().get(f"/public/supply-notices/{notice.pk}/", **ENGLISH))
    assert notice.title in page and notice.body in page
    assert notice.application_deadline.isoformat() in page
    assert "C6 Talents of key enterprises" in page


def test_a_running_notice_lists_frozen_entries_but_not_one_removed_on_objection(site):
    response = Client().get(f"/public/notices/{site.running.pk}/", **ENGLISH)
    assert names_in_table(response) == RUNNING_MASKED
    page = text(response)
    assert "孙*星" not in page
    assert f"{site.running.starts_on.isoformat()}</time> – <time" in page
    assert f"/public/notices/{site.running.pk}/objections/new/" in page
    # R-16.4a: household size counts the applying members; no employer column for C3.
    row = re.search(r"王\*</td>.*?</tr>", response.content.decode(), re.S).group(0)
    assert '<td class="num" data-label="Household size">2</td>' in row
    assert "Employer" not in re.search(r"<thead>.*?</thead>", page, re.S).group(0)


def test_a_running_notice_offers_asking_a_question_beside_objecting_only_during_its_period(site, clock):
    notice = site.running
    url = f"/public/notices/{notice.pk}/"
    ask = f'href="{reverse("publicity:inquiry_file", args=[notice.pk])}"'
    during = text(Client().get(url, **ENGLISH))
    assert ask in during and f'href="{reverse("publicity:objection_file", args=[notice.pk])}"' in during
    assert Client().get(reverse("publicity:inquiry_file", args=[notice.pk])).status_code == 200
    clock.travel_to(notice.ends_on + datetime.timedelta(days=1))
    after = text(Client().get(url, **ENGLISH))
    assert "objections are no longer accepted" in after
    assert ask not in after and "/inquiries/new/" not in after


def test_the_announcement_is_the_list_as_announced_and_dated(site):
    response = Client().get(f"/public/announcements/{site.announced.pk}/", **ENGLISH)
    # Withdrawn after the announcement: still on it (final). Removed before it: not on it.
    assert names_in_table(response) == ANNOUNCED_MASKED
    page = text(response)
    assert "何*东" not in page
    assert f"<time datetime=\"{timezone.localdate(site.announced.announced_at).isoformat()}\">" in page
    assert all(name in page for name in EMPLOYERS)  # R-16.4a: employer of talents
    assert "/objections/new/" not in page  # no objection after the period


def test_an_announced_notice_points_to_its_announcement_and_takes_no_objection(site):
    page = text(Client().get(f"/public/notices/{site.announced.pk}/", **ENGLISH))
    assert f'href="/public/announcements/{site.announced.pk}/"' in page
    assert "objections are no longer accepted" in page
    assert "/objections/new/" not in page


@pytest.mark.parametrize("query, expected", [
    ({"name": "张"}, ["张*三"]),
    ({"name": "张*三"}, ["张*三"]),
    # The masked name is searched, never the full one: a hidden character finds nothing (R-16.4b).
    ({"name": "张小"}, []),
    ({"name": "小"}, []),
    ({"rank_from": "2", "rank_to": "3"}, ["张*三", "王*"]),
    ({"rank_from": "4"}, ["赵*六"]),
    ({"name": "王", "rank_to": "2"}, []),
])
def test_search_within_a_notice(site, query, expected):
    response = Client().get(f"/public/notices/{site.running.pk}/", query, **ENGLISH)
    assert response.status_code == 200
    assert names_in_table(response) == expected
    if expected:
        assert f"{len(expected)} entr" in text(response)
    else:
        assert "No entry matches the search." in text(response)


def test_search_by_employer_in_a_talent_list(site):
    response = Client().get(f"/public/announcements/{site.announced.pk}/", {"employer": "观澜湖"}, **ENGLISH)
    assert names_in_table(response) == ["黄*强", "郭*宇"]


def test_a_wrong_rank_range_is_explained_and_the_whole_list_shown(site):
    response = Client().get(f"/public/notices/{site.running.pk}/", {"rank_from": "5", "rank_to": "2"}, **ENGLISH)
    assert response.status_code == 200
    assert "The first rank must not be greater than the last one." in text(response)
    assert names_in_table(response) == RUNNING_MASKED


def test_pages_of_a_long_list_keep_the_search(site, monkeypatch):
    monkeypatch.setattr(public_notices, "PER_PAGE", 3)
    url = f"/public/notices/{site.running.pk}/"
    first = Client().get(url, **ENGLISH)
    assert names_in_table(first) == RUNNING_MASKED[:3]
    assert 'href="?page=2"' in first.content.decode()
    assert names_in_table(Client().get(url, {"page": "2"}, **ENGLISH)) == RUNNING_MASKED[3:]
    searched = Client().get(url, {"rank_from": "1", "page": "2"}, **ENGLISH)
    assert names_in_table(searched) == RUNNING_MASKED[3:]
    assert 'href="?rank_from=1&amp;page=1"' in searched.content.decode()
    for page in ("3", "0", "abc"):
        assert Client().get(url, {"page": page}).status_code == 404


def _csv_rows(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def _xlsx_rows(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def test_the_downloads_hold_the_masked_list(site):
    c3, c6 = site.running.pk, site.announced.pk
    csv_response = Client().get(f"/public/notices/{c3}/list.csv", **ENGLISH)
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"] == f'attachment; filename="notice-{c3}.csv"'
    rows = _csv_rows(csv_response)
    assert rows[0] == ["Rank", "Application number", "Name (masked)", "ID number (masked)", "Applicant group",
                       "Household size", "Form of guarantee"]
    assert [r[2] for r in rows[1:]] == RUNNING_MASKED
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert all(re.fullmatch(r"440306\*{8}\d{3}[\dX]", r[3]) for r in rows[1:])
    assert rows[3][5] == "2"

    xlsx = _xlsx_rows(Client().get(f"/public/announcements/{c6}/list.xlsx", **ENGLISH))
    assert xlsx[0][5] == "Employer"
    assert [r[2] for r in xlsx[1:]] == ANNOUNCED_MASKED
    assert [r[5] for r in xlsx[1:]] == [EMPLOYERS[1], EMPLOYERS[0], EMPLOYERS[1], EMPLOYERS[0]]
    assert [r[0] for r in xlsx[1:]] == [1, 1, 2, 2]
    assert _csv_rows(Client().get(f"/public/announcements/{c6}/list.csv", **ENGLISH))[1:] == [
        [str(v) for v in r] for r in xlsx[1:]]


def test_downloads_are_in_chinese_by_default(site):
    rows = _csv_rows(Client().get(f"/public/notices/{site.running.pk}/list.csv"))
    assert "申请编号" in rows[0] and "公共租赁住房" in rows[1]


def test_the_key_enterprise_list_of_each_year(site):
    year = site.round.year
    page = text(Client().get("/public/key-enterprises/", **ENGLISH))
    assert f"Key-enterprise list {year}" in page
    assert all(name in page for name in EMPLOYERS) and all(code in page for code in site.employer_codes)
    assert "深圳市民治电子有限公司" not in page
    assert f'href="/public/key-enterprises/{year - 1}/"' in page
    older = text(Client().get(f"/public/key-enterprises/{year - 1}/", **ENGLISH))
    assert "深圳市民治电子有限公司" in older and EMPLOYERS[0] not in older


def test_the_register_masks_persons_and_names_employers_in_full(site):
    page = text(Client().get("/public/register/", **ENGLISH))
    person = site.person_entry
    assert "周*八" in page and f"440306********{person.id_number[-4:]}" in page
    assert "周*八（440306********" in page  # the facts too
    assert REGISTERED_EMPLOYER in page and site.employer_entry.credit_code in page
    assert "30,000.00" in page or "30000.00" in page
    assert "吴*公布" not in page  # not published


@pytest.mark.parametrize("url", [
    "/public/notices/999/", "/public/notices/999/list.csv", "/public/announcements/999/",
    "/public/supply-notices/999/", "/public/key-enterprises/1999/",
])
def test_unknown_things_answer_404(site, url):
    assert Client().get(url).status_code == 404


def test_a_notice_not_announced_has_no_announcement_and_no_download_format_but_csv_and_xlsx(site):
    assert Client().get(f"/public/announcements/{site.running.pk}/").status_code == 404
    assert Client().get(f"/public/announcements/{site.running.pk}/list.csv").status_code == 404
    assert Client().get(f"/public/notices/{site.running.pk}/list.json").status_code == 404


def test_an_unpublished_supply_notice_answers_404(site):
    draft = SupplyNotice.objects.create(title="草稿", body="草稿", groups=["no_housing"],
                                        application_deadline=timezone.localdate() + datetime.timedelta(days=9),
                                        created_by=staff("ccb", "clerk"))
    assert Client().get(f"/public/supply-notices/{draft.pk}/").status_code == 404


def test_public_pages_answer_get_only(site):
    assert Client().post("/public/").status_code == 405
    assert Client().post(f"/public/notices/{site.running.pk}/").status_code == 405


def test_the_language_link_sets_the_cookie_and_goes_back(db):
    response = Client().get("/public/language/en/", {"next": "/public/register/?page=2"})
    assert response.status_code == 302 and response["Location"] == "/public/register/?page=2"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    back = Client().get("/public/language/zh-hans/", {"next": "/public/"})
    assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_the_language_link_never_sends_the_visitor_elsewhere(db, target):
    response = Client().get("/public/language/en/", {"next": target})
    assert response["Location"] == "/public/"


def test_an_unknown_language_sets_nothing(db):
    response = Client().get("/public/language/xx/", {"next": "/public/"})
    assert response.status_code == 302 and settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_language_switch_works_end_to_end(site):
    browser = Client()
    page = browser.get("/public/register/").content.decode()
    switch = re.search(r'href="(/public/language/en/\?next=[^"]+)"', page).group(1)
    assert browser.get(html.unescape(switch)).status_code == 302
    assert '<html lang="en">' in browser.get("/public/register/").content.decode()


LABELLED = re.compile(r'<label for="([^"]+)"')
INPUTS = re.compile(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"')


def test_every_search_field_has_a_label_and_every_table_a_caption_and_scoped_headers(site):
    for url in (f"/public/notices/{site.running.pk}/", f"/public/announcements/{site.announced.pk}/",
                "/public/key-enterprises/", "/public/register/"):
        page = Client().get(url).content.decode()
        assert set(INPUTS.findall(page)) <= set(LABELLED.findall(page)), url
        tables = page.count("<table")
        assert tables and page.count("<caption") == tables, url
        assert not re.search(r"<th(?![^>]*scope=)[ >]", page), url
        assert page.count("<h1") == 1, url


def test_the_print_styles_hide_navigation_and_keep_the_table(settings):
    css = (settings.BASE_DIR / "static" / "css" / "public.css").read_text()
    printing = css[css.index("@media print"):]
    assert "header.top" in printing and ".no-print" in printing and "display:table-header-group" in printing
