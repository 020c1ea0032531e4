"""Decision 0046: the application list and the objections-and-inquiries list sort by the columns people sort by,
keep their filters (in the header links, the filter form and the pages), and a bad sort parameter shows the default
order, never an error."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from housing.stages import Stage
from tests.factories import staff
from tests.factories.applications import ApplicationFactory, MemberFactory
from tests.factories.workflow import advance
from tests.housing.conftest import page_text, table_rows

pytestmark = pytest.mark.django_db

LIST = reverse("housing:application_list")


def listed(portal, query: str = "") -> tuple[list[str], str]:
    response = portal.get(f"{LIST}?{query}" if query else LIST)
    assert response.status_code == 200
    content = page_text(response)
    return [row[0] for row in table_rows(content)], content


@pytest.fixture
def three(portal):
    """Three C3 applications received on three days, their names out of that order; one C1 to be filtered out."""
    start = timezone.now() - datetime.timedelta(days=20)
    made = {}
    for days, name in ((0, "王五"), (5, "张三"), (10, "李四")):
        with time_machine.travel(start + datetime.timedelta(days=days), tick=False):
            made[name] = ApplicationFactory(c3=True, members=[MemberFactory(name=name)])
    ApplicationFactory(c1=True, members=[MemberFactory(name="赵六")])
    portal.login(staff("ccb", "clerk"))
    return made


def test_newest_received_first_by_default_and_each_column_both_ways(portal, three):
    by_received = [three[n].number for n in ("李四", "张三", "王五")]
    rows, content = listed(portal, "group=no_housing")
    assert rows == by_received
    assert 'aria-sort="descending"' in content
    assert listed(portal, "group=no_housing&sort=received")[0] == by_received[::-1]
    assert listed(portal, "group=no_housing&sort=name")[0] == sorted(by_received, key=lambda n: next(
        a.applicant_name for a in three.values() if a.number == n))
    assert listed(portal, "group=no_housing&sort=-number")[0] == sorted(by_received, reverse=True)
    assert listed(portal, "group=no_housing&sort=-waiting")[0] == by_received[::-1]  # longest waiting first


def test_days_waiting_counts_from_the_stage_not_from_receipt(portal, three):
    moved = advance(three["王五"], Stage.SUBSTANTIVE_REVIEW)  # received first, but reached its stage today
    rows, _content = listed(portal, "group=no_housing&sort=-waiting")
    assert rows[-1] == moved.number


def test_the_header_links_and_the_pages_keep_the_filters(portal, three):
    _rows, content = listed(portal, "group=no_housing&stage=submitted&sort=name")
    links = dict(re.findall(r'<th scope="col" aria-sort="(\w+)"[^>]*><a class="sort" href="\?([^"]+)"', content))
    assert "sort=-name" in links["ascending"]  # the current column toggles
    for link in re.findall(r'<a class="sort" href="\?([^"]+)"', content):
        assert "group=no_housing" in link and "stage=submitted" in link
    # the filter form carries the sort, so a new search keeps it
    assert '<input type="hidden" name="sort" value="name">' in content


def test_pagination_keeps_the_sort_and_the_filters(portal, settings, monkeypatch, three):
    monkeypatch.setattr("housing.desk.views.applications.PER_PAGE", 2)
    first, content = listed(portal, "group=no_housing&sort=name")
    next_link = re.search(r'<a href="\?([^"]+)" rel="next"', content).group(1)
    assert "sort=name" in next_link and "group=no_housing" in next_link
    second, _content = listed(portal, next_link.replace("&amp;", "&"))
    assert len(first) == 2 and len(second) == 1 and not set(first) & set(second)


@pytest.mark.parametrize("bad", ["sort=nonsense", "sort=", "sort=-", "sort=number&sort=name", "sort=%E2%80%AEnumber",
                                 "sort=applicant_id_number", "sort=" + "x" * 5000])
def test_a_bad_sort_parameter_falls_back_to_the_default_order(portal, three, bad):
    default, _content = listed(portal, "group=no_housing")
    rows, _content = listed(portal, f"group=no_housing&{bad}")
    assert rows == default


def test_the_objections_list_sorts_by_receipt_and_keeps_its_filters(portal):
    start = timezone.now() - datetime.timedelta(days=3)
    receipts = []
    for days in (0, 1):
        with time_machine.travel(start + datetime.timedelta(days=days), tick=False):
            app = advance(ApplicationFactory(c1=True), Stage.FROZEN)
            receipts.append(app.objections.get().receipt_number)
    portal.login(staff("ccb", "reviewer"))
    url = reverse("housing:publicity_queue")

    def rows(query):
        response = portal.get(f"{url}?{query}")
        assert response.status_code == 200
        return [row[0] for row in table_rows(page_text(response))], page_text(response)

    newest, content = rows("kind=objections&status=open")
    assert newest == receipts[::-1]
    oldest, content = rows("kind=objections&status=open&sort=received")
    assert oldest == receipts
    assert "kind=objections" in re.search(r'<a class="sort" href="\?([^"]+)"', content).group(1)
    assert rows("kind=objections&status=open&sort=bogus")[0] == newest
