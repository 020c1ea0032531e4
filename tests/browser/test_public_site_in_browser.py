"""R-16.4 to R-16.6 in a real browser: residents read a running public notice, search it, object to an entry
with evidence and follow the objection by its receipt; staff of the responsible unit decide it; the resident
reads the answer and the entry is gone from the list. The pages are read as they render, in Chinese (the
default language), and reached by following the links they offer.
"""

import datetime
import os
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from housing.groups import RESPONSIBLE_UNIT, Group
from housing.models import Employer, OutgoingMessage
from housing.stages import Stage
from publicity import services as publicity
from publicity.models import Objection
from tests.factories import (
    AllocationRoundFactory, ApplicationFactory, EmployerDataFactory, MemberFactory, make_credit_code, make_id_number,
    reload, staff,
)
from tests.factories.staff import PASSWORD
from tests.support.publicity_online import PNG_BYTES, media  # noqa: F401 (fixture)
from tests.factories.workflow import publish_notice_on
from tests.support.public_site import rechecked

# The live server answers from another thread, so the data must be really committed.
pytestmark = [pytest.mark.django_db(transaction=True)]

# Django's async-safety check trips over Playwright's event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

GROUP = Group.ENTERPRISE_TALENT
EMPLOYERS = ["深圳市龙华智造科技有限公司", "深圳市观澜湖生物医药有限公司"]
ENTRIES = [  # (name, birth, employer index, rank, masked as published)
    ("欧阳小锋", datetime.date(1985, 3, 14), 0, 1, "欧**锋"),
    ("张小三", datetime.date(1990, 7, 2), 0, 2, "张*三"),
    ("王五", datetime.date(1979, 11, 30), 1, 3, "王*"),
    ("赵六六", datetime.date(1992, 1, 9), 1, 4, "赵*六"),
    ("孙七星", datetime.date(1988, 5, 21), 0, 5, "孙*星"),
]
RANK = {e[4]: e[3] for e in ENTRIES}
# A list is published in rank order (R-16.4a; decision 0045), the employer beside each entry.
MASKED = ["欧**锋", "张*三", "王*", "赵*六", "孙*星"]
TARGET = "赵六六"  # the entry the resident objects to, and that is removed
TARGET_MASKED = "赵*六"
OBJECTOR = ("李建华", "139 0013 9000")
REASONS = "据本人了解，该申请人名下在深圳市宝安区另有一套商品住房，不符合无房条件。"
DECISION_REASON = "经向不动产登记部门核查，申请人名下确有住房一套，异议成立。"
ANSWER = "您的异议经核查属实，该申请已从公示名单中移出。感谢您的监督。"


def zh(message: str) -> str:
    """The text the default (Chinese) page shows for this message."""
    with translation.override("zh-hans"):
        return gettext(message)


def zh_label(choice) -> str:
    with translation.override("zh-hans"):
        return str(choice.label)


def build_notice():
    """A C6 notice that started three days ago, with five entries of two key enterprises."""
    round_ = AllocationRoundFactory(title="龙华区2026年第一批保障性住房供应公告")
    employers = [EmployerDataFactory(name=name, credit_code=make_credit_code(9300 + n), kind=Employer.Kind.ENTERPRISE,
                                     key_enterprise_year=round_.year) for n, name in enumerate(EMPLOYERS)]
    applications, secrets = {}, {}
    for order, (name, birth, employer, rank, _masked) in enumerate(ENTRIES, start=1):
        member = MemberFactory(name=name, id_number=make_id_number(birth=birth, order=order * 10, region="440306"))
        app = ApplicationFactory(round=round_, group=GROUP, members=[member], employer=employers[employer])
        applications[name] = rechecked(app, rank)
        secrets[name] = app.applicant_id_number
    notice = publish_notice_on(actor=staff("ccb", "clerk"), round=round_, group=GROUP,
                               starts_on=timezone.localdate() - datetime.timedelta(days=3))
    assert notice.starts_on <= timezone.localdate() <= notice.ends_on
    return notice, applications, secrets


@pytest.fixture
def site(live_server, media):  # noqa: F811
    notice, applications, secrets = build_notice()
    decider = staff(RESPONSIBLE_UNIT[GROUP], "reviewer")
    return {"base": live_server.url, "notice": notice, "applications": applications, "secrets": secrets,
            "decider": decider}


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def click(page, locator):
    assert locator.count() == 1, page.inner_text("main")[:1500]
    with page.expect_navigation():
        locator.click()


def names_on_list(page) -> list[str]:
    return [cell.strip() for cell in page.locator("table.entries tbody tr td:nth-child(3)").all_inner_texts()]


def search(page, **fields):
    form = page.locator("main form[role='search']")
    for name in ("name", "employer", "rank_from", "rank_to"):
        form.locator(f"[name='{name}']").fill(str(fields.get(name, "")))
    click(page, form.locator("button[type='submit']"))


def open_notice_from_home(page, base):
    page.goto(f"{base}/public/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    link = page.locator("main a", has_text=zh_label(Group(GROUP)))
    click(page, link)


def look_up(page, receipt, contact):
    click(page, page.locator("header nav a[href='%s']" % reverse("publicity:objection_lookup")))
    page.fill("#id_receipt", receipt)
    page.fill("#id_contact", contact)
    click(page, page.locator("main form button[type='submit']"))
    return page.inner_text("#filing-status").strip()


def test_residents_object_online_staff_decide_and_the_resident_reads_the_answer(browser, site):
    base, notice, secrets = site["base"], site["notice"], site["secrets"]
    target = site["applications"][TARGET]

    # --- Walk 1: a resident, no login, reads the notice, searches it and objects with evidence. ---
    resident = new_page(browser)
    open_notice_from_home(resident, base)
    assert resident.url == f"{base}{reverse('publicity:notice', args=[notice.pk])}"
    assert names_on_list(resident) == MASKED
    content = resident.content()
    for name, id_number in secrets.items():  # R-16.4b: masked only
        assert name not in content and id_number not in content
    ids = resident.locator("table.entries tbody tr td:nth-child(4)").all_inner_texts()
    assert all(re.fullmatch(r"440306\*{8}\d{3}[\dX]", i.strip()) for i in ids), ids

    search(resident, name="张")
    assert names_on_list(resident) == ["张*三"]
    search(resident, name="张小")  # a hidden character of the full name finds nothing
    assert names_on_list(resident) == []
    search(resident, employer="观澜湖")
    assert names_on_list(resident) == ["王*", "赵*六"]
    assert all(EMPLOYERS[1] in row for row in resident.locator("table.entries tbody tr").all_inner_texts())
    search(resident, rank_from=2, rank_to=4)
    assert names_on_list(resident) == [m for m in MASKED if 2 <= RANK[m] <= 4] == ["张*三", "王*", "赵*六"]
    click(resident, resident.locator("main a.button[href='?']"))  # show the whole list again
    assert names_on_list(resident) == MASKED

    row = resident.locator("table.entries tbody tr", has_text=TARGET_MASKED)
    click(resident, row.locator("a[href*='/objections/new/']"))
    assert resident.url.startswith(f"{base}{reverse('publicity:objection_file', args=[notice.pk])}")
    entry = resident.locator("#id_entry")
    # The entry the resident clicked is the one chosen; they confirm it and fill in the rest.
    assert TARGET_MASKED in entry.locator("option:checked").inner_text()
    assert TARGET not in resident.content()
    # decision 0035: first a code to the objector's mobile, then the objection with it.
    resident.fill("#id_code-objector_contact", OBJECTOR[1])
    click(resident, resident.locator("main button[name='action'][value='send_code']"))
    assert resident.locator("#code-sent").count() == 1, resident.inner_text("main")[:1500]
    code = re.search(r"\d{6}", OutgoingMessage.objects.get(purpose="contact_code").text).group()
    entry = resident.locator("#id_entry")
    assert TARGET_MASKED in entry.locator("option:checked").inner_text()  # still the entry the resident chose
    resident.fill("#id_objector_name", OBJECTOR[0])
    resident.fill("#id_objector_contact", OBJECTOR[1])
    resident.fill("#id_verification_code", code)
    entry.select_option(label=entry.locator("option", has_text=TARGET_MASKED).inner_text())
    resident.fill("#id_reasons", REASONS)
    resident.set_input_files("#id_evidence", files=[{"name": "房产证明.png", "mimeType": "image/png",
                                                      "buffer": PNG_BYTES}])
    click(resident, resident.locator("main form button[type='submit'].primary"))
    receipt = resident.inner_text("#receipt-number").strip()
    assert re.fullmatch(r"YY-\d{8}-[0-9A-F]{8}", receipt), resident.inner_text("main")[:1500]
    receipt_page = resident.inner_text("main")
    assert TARGET_MASKED in receipt_page and "房产证明.png" in receipt_page
    assert reload(target).stage == Stage.FROZEN

    # The receipt number and the contact, however spaced, find the objection: under investigation.
    assert look_up(resident, receipt, OBJECTOR[1].replace(" ", "")) == zh_label(Objection.Status.OPEN)
    assert resident.locator("#filing-answer").count() == 0
    # A wrong contact answers like an unknown receipt.
    look_up_page = resident.locator("#filing-status")
    resident.fill("#id_contact", "13900000000")
    click(resident, resident.locator("main form button[type='submit']"))
    assert look_up_page.count() == 0 and resident.locator("main [role='alert']").count() == 1

    # --- Walk 2: the responsible unit logs in, opens the queue, reads the evidence and upholds. ---
    officer = new_page(browser)
    officer.goto(f"{base}/accounts/login/")
    officer.fill("#id_username", site["decider"].username)
    officer.fill("#id_password", PASSWORD)
    click(officer, officer.locator("main form button[type='submit']"))
    assert "/accounts/login/" not in officer.url, officer.inner_text("main")[:500]
    click(officer, officer.locator("header nav a[href='%s']" % reverse("housing:publicity_queue")))
    queue_row = officer.locator("main table tbody tr", has_text=receipt)
    assert queue_row.count() == 1, officer.inner_text("main")[:1500]
    assert OBJECTOR[0] in queue_row.inner_text() and zh_label(Objection.Status.OPEN) in queue_row.inner_text()
    click(officer, queue_row.locator("a[href='%s']" % reverse("housing:decide_objection", args=[receipt])))
    detail = officer.inner_text("main")
    assert REASONS in detail and OBJECTOR[0] in detail and target.number in detail
    with officer.expect_download() as download:
        officer.locator("main dl a", has_text="房产证明.png").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == PNG_BYTES
    officer.check("main input[name='upheld'][value='yes']")
    officer.fill("#id_reason", DECISION_REASON)
    officer.fill("#id_answer", ANSWER)
    click(officer, officer.locator("main form[method='post'] button[type='submit']"))
    # A decision is final: stated first with the answer the objector reads, then confirmed (decision 0047).
    statement = officer.inner_text("main")
    assert ANSWER in statement and target.number in statement, statement[:1500]
    assert Objection.objects.get(receipt_number=receipt).status == Objection.Status.OPEN
    click(officer, officer.locator("#confirm-act"))
    assert officer.url.endswith(reverse("housing:application_detail", args=[target.number])), \
        officer.inner_text("main")[:1500]
    assert receipt in officer.inner_text("main .messages")
    assert Objection.objects.get(receipt_number=receipt).status == Objection.Status.UPHELD
    assert reload(target).stage == Stage.REMOVED_ON_OBJECTION
    officer.context.close()

    # --- Walk 3: the resident follows the objection again, and reads the notice once more. ---
    assert look_up(resident, receipt, OBJECTOR[1]) == zh_label(Objection.Status.UPHELD)
    assert resident.inner_text("#filing-answer").strip() == ANSWER
    assert DECISION_REASON not in resident.content()  # the internal reason stays with staff
    open_notice_from_home(resident, base)
    assert names_on_list(resident) == [m for m in MASKED if m != TARGET_MASKED]
    assert target.number not in resident.inner_text("main")
    resident.context.close()


def test_the_language_link_turns_the_public_pages_into_english_and_back(browser, site):
    page = new_page(browser)
    open_notice_from_home(page, site["base"])
    notice_url = page.url
    chinese_heading = page.inner_text("h1")
    click(page, page.locator("header nav.lang a[hreflang='en']"))
    assert page.url == notice_url  # the same page, now in English
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.inner_text("h1") == "Public notice: C6 Talents of key enterprises"
    assert "Search this list" in page.inner_text("main")
    assert names_on_list(page) == MASKED
    click(page, page.locator("header nav.lang a[hreflang='zh-Hans']"))
    assert page.url == notice_url
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.inner_text("h1") == chinese_heading
    page.context.close()


def test_tab_from_the_top_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(browser, site):
    page = new_page(browser)
    open_notice_from_home(page, site["base"])
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.className,"
                            " document.activeElement.getAttribute('href')]")
    assert focused == ["A", "skip", "#main"]
    assert page.evaluate("() => document.activeElement.textContent.trim()") == zh("Skip to content")
    box = page.locator("a.skip").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0  # shown on screen once focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, not back in the header
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")
    page.context.close()
