"""Intake at the counter in a real browser (R-12.2, R-16.2, decision 0044).

A CCB clerk, signed in and starting at the landing page, registers a two-person C4 household with its scanned
materials and prints the receipt (受理回执) within the budget: at most 25 inputs and at most 4 page loads.

How it counts: an input is each field filled or changed, each click and each choice of files (several files
chosen in one dialogue count one); a page load is each ``load`` event of the main frame from the landing page on
(the sign-in before it is not counted). Without JavaScript the same household can still be registered.
"""

import datetime
import os
import re

import pytest

from departments.models import StaffUser, Unit
from housing.cases.checklists import REQUIRED
from housing.groups import Group
from housing.models import Application, Document
from tests.browser.signing_in import sign_in
from tests.factories import AllocationRoundFactory, make_credit_code, make_id_number
from tests.support.materials import TINY_PDF

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "browser-intake-2026-x"
INPUT_BUDGET = 25
LOAD_BUDGET = 4
# The scans as a counter's scanner names them: each name suggests its checklist item.
C4_SCANS = {
    "application_form": "申请表.pdf", "id_cards": "身份证.pdf", "hukou_booklet": "户口簿.pdf",
    "marriage_status": "结婚证.pdf", "housing_status": "房产查询结果.pdf", "family_planning": "计生证明.pdf",
    "employment_proof": "在职证明.pdf", "title_certificate": "职称证书.pdf", "degree_certificate": "学位证书.pdf",
    "social_insurance": "社保记录.pdf",
}


class Counter:
    """The clerk's hands: every action goes through here and is counted; loads are counted as they happen."""

    def __init__(self, page):
        self.page = page
        self.inputs = 0
        self.loads = 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self):
        self.loads += 1

    def fill(self, selector, value):
        self.inputs += 1
        self.page.fill(selector, value)

    def choose(self, selector, value):
        self.inputs += 1
        self.page.select_option(selector, value)

    def click(self, selector):
        self.inputs += 1
        self.page.locator(selector).click()

    def click_and_load(self, selector):
        self.inputs += 1
        with self.page.expect_navigation(wait_until="load"):
            self.page.locator(selector).click()

    def files(self, selector, paths):
        self.inputs += 1
        self.page.set_input_files(selector, paths)


def scans(tmp_path, names) -> list[str]:
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_bytes(TINY_PDF)
        paths.append(str(path))
    return paths


@pytest.fixture
def clerk(db):
    return StaffUser.objects.create_user(username="counter_clerk", password=PASSWORD, unit=Unit.objects.get(code="ccb"),
                                         roles=["clerk"])


def test_a_two_person_talent_household_from_the_landing_page_to_the_printed_receipt(live_server, page, clerk,
                                                                                     tmp_path):
    round_ = AllocationRoundFactory()
    base = live_server.url
    sign_in(page, base, "counter_clerk", password=PASSWORD)
    applicant_id = make_id_number(birth=datetime.date(1992, 4, 18), order=51)
    spouse_id = make_id_number(birth=datetime.date(1993, 9, 2), order=62)

    hands = Counter(page)
    page.goto(f"{base}/")
    # The clerk finds intake on the landing page: its primary action, first on the page.
    assert page.locator("main a[href='/applications/new/']").first.is_visible()
    hands.click_and_load("main a[href='/applications/new/'] >> nth=0")
    assert page.locator("#id_round").input_value() == str(round_.pk)  # the only open round, chosen already
    hands.choose("#id_group", Group.INSTITUTION_TALENT)
    hands.choose("#id_form", "public_rental")
    hands.fill("#id_contact_phone", "13800138000")
    hands.fill("#id_members-0-name", "陈建国")
    hands.fill("#id_members-0-id_number", applicant_id)
    hands.choose("#id_members-0-marital_status", "married")
    loads_before = hands.loads
    hands.click("#add-person")
    assert hands.loads == loads_before  # the row appears in place
    assert page.locator("#id_members-1-relation").input_value() == "spouse"  # guessed: no spouse yet
    hands.fill("#id_members-1-name", "林晓梅")
    hands.fill("#id_members-1-id_number", spouse_id)
    hands.fill("#id_employer_name", "深圳市龙华区人民医院")
    hands.fill("#id_employer_credit_code", make_credit_code(4242))
    hands.choose("#id_employer_kind", "public_institution")
    hands.choose("#id_talent_degree", "master")
    hands.files("#id_files", scans(tmp_path, C4_SCANS.values()))
    # Each file's item is guessed from its name; none needs changing.
    chosen = page.locator("#picked-files select").evaluate_all("selects => selects.map(s => s.value)")
    assert chosen == list(C4_SCANS)
    hands.click_and_load("#register")
    assert "/receipt/" in page.url, page.inner_text("main")[:2000]
    page.evaluate("window.print = () => { window.printed = true; }")  # the dialogue itself cannot be driven
    hands.click("button[data-print]")
    assert page.evaluate("window.printed === true")

    assert hands.inputs <= INPUT_BUDGET, hands.inputs
    assert hands.loads <= LOAD_BUDGET, hands.loads

    application = Application.objects.get()
    assert application.household_size == 2 and application.group == Group.INSTITUTION_TALENT
    assert sorted(Document.objects.filter(application=application).values_list("kind", flat=True)) == sorted(C4_SCANS)
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible() and not page.locator(".receipt-tools").is_visible()
    assert page.inner_text("#receipt-title") == "受理回执"
    assert page.inner_text("#receipt-number") == application.number
    assert page.inner_text("#receipt-received") == application.submitted_at.astimezone(
        datetime.timezone(datetime.timedelta(hours=8))).date().isoformat()
    assert page.inner_text("#receipt-applicant") == "陈建国"
    masked = page.inner_text("#receipt-id-number")
    assert masked != applicant_id and masked[:4] == applicant_id[:4] and "*" in masked
    rows = page.locator("#receipt-materials tbody tr")
    assert rows.count() == len(REQUIRED[Group.INSTITUTION_TALENT])
    assert all("1" in text and "文件" in text for text in rows.locator("td").all_inner_texts())
    assert not page.locator("#receipt-missing").count()
    assert page.inner_text("#receipt-lookup-code") == application.lookup_code
    assert f"{base}/public/status/" in page.inner_text("#receipt-lookup")
    assert page.locator("#receipt-next li").count() == 3


def test_the_next_household_starts_with_the_same_round_group_and_employer(live_server, page, clerk, tmp_path):
    AllocationRoundFactory()
    earlier = AllocationRoundFactory()
    base = live_server.url
    sign_in(page, base, "counter_clerk", password=PASSWORD)
    page.goto(f"{base}/applications/new/")
    page.select_option("#id_round", str(earlier.pk))
    page.select_option("#id_group", Group.INSTITUTION_TALENT)
    page.select_option("#id_form", "subsidy")
    page.fill("#id_members-0-name", "周敏")
    page.fill("#id_members-0-id_number", make_id_number(birth=datetime.date(1994, 1, 9), order=71))
    page.fill("#id_employer_name", "深圳市龙华区教育局")
    code = make_credit_code(5151)
    page.fill("#id_employer_credit_code", code)
    page.select_option("#id_employer_kind", "agency")
    with page.expect_navigation():
        page.locator("#register").click()
    with page.expect_navigation():
        page.locator("#next-household").click()
    assert page.locator("#id_round").input_value() == str(earlier.pk)
    assert page.locator("#id_group").input_value() == Group.INSTITUTION_TALENT
    assert page.locator("#id_employer_name").input_value() == "深圳市龙华区教育局"
    assert page.locator("#id_employer_credit_code").input_value() == code
    assert page.locator("#id_employer_kind").input_value() == "agency"
    assert page.locator("#id_members-0-name").input_value() == ""  # a new household
    # A person added and removed in place: no page load, the household counts one row again.
    loads = []
    page.on("load", lambda _page: loads.append(1))
    page.locator("#add-person").click()
    page.locator("#add-person").click()
    page.fill("#id_members-2-name", "周小敏")
    page.locator("#person-2 [data-remove-person]").click()
    assert page.locator("[data-person]").count() == 2
    assert page.locator("#id_members-TOTAL_FORMS").input_value() == "2"
    assert page.locator("#id_members-1-name").input_value() == "周小敏"  # the later row moved up, renumbered
    assert page.locator("#person-2 [data-remove-person]").get_attribute("value") == "1"
    assert loads == []


def test_without_javascript_a_two_person_household_is_registered_and_its_file_kept_through_an_error(
        live_server, browser, clerk, tmp_path):
    AllocationRoundFactory()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = live_server.url
    sign_in(page, base, "counter_clerk", password=PASSWORD)
    page.goto(f"{base}/applications/new/")
    assert page.locator("#id_files_id_cards").is_visible()  # one input per item instead of the picker
    page.select_option("#id_group", Group.NO_HOUSING)  # C3: the form of guarantee needs no choice
    page.fill("#id_members-0-name", "王新")
    page.fill("#id_members-0-id_number", make_id_number(birth=datetime.date(1988, 6, 1), order=81))
    page.select_option("#id_members-0-marital_status", "married")
    page.set_input_files("#id_files_id_cards", scans(tmp_path, ["scan-001.pdf"]))
    with page.expect_navigation():
        page.locator("#add-person").click()  # the page comes back with one more row and everything kept
    assert page.locator("#id_members-0-name").input_value() == "王新"
    assert page.locator("#id_members-1-relation").input_value() == "spouse"
    assert "scan-001.pdf" in page.inner_text("#materials")
    page.fill("#id_members-1-name", "李梅")
    page.fill("#id_members-1-id_number", "440309199001011234")  # a wrong check digit
    with page.expect_navigation():
        page.locator("#register").click()
    assert "/applications/new/" in page.url and not Application.objects.exists()
    assert page.locator("#id_members-1-id_number_error").count()
    assert "scan-001.pdf" in page.inner_text("#materials")  # kept while the form is corrected
    page.fill("#id_members-1-id_number", make_id_number(birth=datetime.date(1990, 1, 1), order=82))
    with page.expect_navigation():
        page.locator("#register").click()
    assert re.search(r"/applications/LH-[^/]+/receipt/", page.url), page.inner_text("main")[:2000]
    application = Application.objects.get()
    assert application.household_size == 2 and application.form == "public_rental"
    assert list(application.documents.values_list("kind", "original_name")) == [("id_cards", "scan-001.pdf")]
    assert page.inner_text("#receipt-household") == "2"
    context.close()
