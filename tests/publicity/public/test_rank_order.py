"""The public lists in rank order with frozen entries marked and their lottery page linked (R-16.3, R-16.4a, R-16.6,
R-23.2, R-23.3; decision 0045)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from housing.stages import Stage
from publicity.public.selectors import PublicEntry, rank_order
from tests.factories import ApplicationFactory, advance
from tests.factories.workflow import latest_notice
from tests.support.ranked_notice import ranked_notice

ENGLISH = {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"}


def entry(rank, employer="", number="LH-2026-C3-000001"):
    return PublicEntry(rank=rank, number=number, name="张*", id_number="4403**", group="no_housing",
                       employer=employer, household_size=1, form="public_rental")


@pytest.mark.parametrize("ranks, ordered", [
    ([16, 15, 12, 13], [12, 13, 15, 16]),  # what the home page showed for a talent list before
    ([2, None, 1], [1, 2, None]),  # an entry without a rank comes last
    ([10, 9, 1], [1, 9, 10]),  # by number, not by text
])
def test_a_list_reads_in_rank_order(ranks, ordered):
    assert [e.rank for e in sorted((entry(r) for r in ranks), key=rank_order)] == ordered


def test_equal_talent_ranks_follow_each_other_employer_by_employer():
    # talents rank within each employer, so two employers each have a first and a second
    rows = [entry(2, "乙公司"), entry(1, "乙公司"), entry(2, "甲公司"), entry(1, "甲公司")]
    assert [(e.rank, e.employer) for e in sorted(rows, key=rank_order)] == [
        (1, "乙公司"), (1, "甲公司"), (2, "乙公司"), (2, "甲公司")]


@pytest.fixture
def ranked(round_with_homes):
    return ranked_notice(round_with_homes)


def ranks_in_table(page: str) -> list[str]:
    return re.findall(r'<td class="num" data-label="(?:Rank|排位)">([^<]*)</td>', page)


@pytest.mark.django_db
def test_the_notice_lists_in_rank_order_and_marks_the_frozen_entry(ranked):
    page = Client().get(reverse("publicity:notice", args=[ranked.notice.pk]), **ENGLISH).content.decode()
    assert ranks_in_table(page) == [str(app.proposed_rank) for app in ranked.applications]
    rows = re.findall(r"<tr(?: class=\"frozen\")?>.*?</tr>", page.split("<tbody>", 1)[1], re.S)
    marked = [row for row in rows if "Frozen: objection under investigation" in row]
    assert len(marked) == 1 and ranked.frozen.number in marked[0] and 'class="frozen"' in marked[0]


@pytest.mark.django_db
def test_the_frozen_mark_is_in_chinese_on_the_chinese_page(ranked):
    page = Client().get(reverse("publicity:notice", args=[ranked.notice.pk])).content.decode()
    assert page.count("已冻结：异议核查中") == 1 and "Frozen" not in page


@pytest.mark.django_db
def test_the_notice_and_the_home_page_link_the_lottery_page(ranked):
    lottery = reverse("publicity:lottery_result", args=[ranked.ranking.pk])
    notice = Client().get(reverse("publicity:notice", args=[ranked.notice.pk]), **ENGLISH).content.decode()
    assert f'href="{lottery}"' in notice and "See the lottery result" in notice
    home = Client().get(reverse("publicity:home")).content.decode()
    assert f'href="{lottery}"' in home
    assert Client().get(lottery).status_code == 200


@pytest.mark.django_db
def test_a_notice_without_a_published_ranking_links_no_lottery_page(round_with_homes):
    app = advance(ApplicationFactory(round=round_with_homes), Stage.PUBLIC_NOTICE)
    page = Client().get(reverse("publicity:notice", args=[latest_notice(app).pk])).content.decode()
    assert "/public/lottery/" not in page
