"""SPEC §5 in a real browser: staff of each responsible unit log in in turn and walk one application
from intake to a filed contract, or to a running subsidy, through the pages as they render (in Chinese,
the default language), following the links each application page offers.
"""

import datetime
import os
from decimal import Decimal
import re
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone, translation

from departments.models import StaffUser, Unit
from housing.groups import RESPONSIBLE_UNIT, Form, Group
from housing.models import Application
from housing.plan.rounds import open_round_with_supply_notice
from housing.stages import Stage
from housing.cases.checklists import REQUIRED
from tests.factories import make_credit_code, make_id_number
from tests.factories.plan import approved_plan
from tests.support.materials import TINY_PDF
from tests.factories.workflow import (days_pass_since_notice, ensure_c2_standard, home_for, latest_notice,
                                      wait_out_announcement)

# The live server answers from another thread, so the data must be really committed.
pytestmark = [pytest.mark.django_db(transaction=True)]

# Django's async-safety check trips over Playwright's event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "browser-walk-2026"
WALKS = [
    (Group.ENTERPRISE_TALENT, Form.PUBLIC_RENTAL),
    (Group.MINIMUM_ALLOWANCE, Form.SUBSIDY),
    (Group.NO_HOUSING, Form.PUBLIC_RENTAL),
]


def zh(stage: str) -> str:
    with translation.override("zh-hans"):
        return str(Stage(stage).label)


class Staff:
    """One browser; users log in and out of it in turn."""

    def __init__(self, page, base_url):
        self.page = page
        self.base = base_url

    def login(self, username):
        self.page.context.clear_cookies()
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.submit()
        assert "/accounts/login/" not in self.page.url, self.main_text()[:500]

    def main_text(self) -> str:
        return self.page.inner_text("main")

    def set(self, name, value):
        field = self.page.locator(f"main [name='{name}']")
        kind = field.first.evaluate("e => e.tagName + ':' + (e.type || '')")
        if kind.startswith("SELECT"):
            field.first.select_option(str(value))
        elif kind.endswith(":radio"):
            self.page.check(f"main [name='{name}'][value='{value}']")
        elif kind.endswith(":checkbox"):
            (field.first.check if value else field.first.uncheck)()
        else:
            field.first.fill(str(value))

    def submit(self):
        with self.page.expect_navigation():
            # The form's main button (the intake page has "add a person" before it).
            primary = self.page.locator("main form[method='post'] button.primary[type='submit']")
            (primary if primary.count() else self.page.locator("main form[method='post'] [type='submit']")).first.click()

    def confirm(self):
        """An act that publishes, pays, ends a tenancy or cannot be undone is confirmed on a page of its own, which
        states what will happen (docs/decisions/0047); nothing has happened until it is confirmed."""
        assert self.page.locator("#confirm-act").count() == 1, self.main_text()[:800]
        with self.page.expect_navigation():
            self.page.click("#confirm-act")

    def open_action(self, number, href_part):
        """Follow the action the application page offers (it offers only what this user may do now)."""
        self.page.goto(f"{self.base}/applications/{number}/")
        link = self.page.locator(f"main a.button[href*='{href_part}']")
        assert link.count() == 1, f"{href_part} not offered: {self.main_text()[:800]}"
        link.click()
        self.page.wait_for_load_state()

    def expect_stage(self, number, stage):
        assert Application.objects.get(number=number).stage == stage
        self.page.goto(f"{self.base}/applications/{number}/")
        assert zh(stage) in self.main_text()


def make_staff():
    def user(username, unit, roles):
        StaffUser.objects.create_user(username=username, password=PASSWORD, unit=Unit.objects.get(code=unit),
                                      roles=roles)
    user("clerk", "ccb", ["clerk"])
    user("finance", "finance", ["clerk"])
    for unit in set(RESPONSIBLE_UNIT.values()):
        user(f"reviewer_{unit}", unit, ["reviewer"])


def intake(staff, round_, group, form, serial):
    staff.page.goto(f"{staff.base}/applications/new/")
    staff.set("round", round_.pk)
    staff.set("group", group)
    staff.set("form", form)
    staff.set("contact_phone", "13800138000")
    staff.set("members-0-relation", "applicant")
    staff.set("members-0-name", "陈建国")
    staff.set("members-0-id_number", make_id_number(birth=datetime.date(1995, 3, 14), order=300 + serial))
    staff.set("members-0-marital_status", "single")
    staff.set("members-0-hukou", "longhua")
    if group in (Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT):
        staff.set("employer_name", "深圳市龙华示范科技有限公司")
        staff.set("employer_credit_code", make_credit_code(7000 + serial))
        staff.set("employer_kind", "enterprise")
        staff.set("employer_key_enterprise_year", round_.year)
        staff.set("talent_degree", "master")
    if group == Group.MINIMUM_ALLOWANCE:
        staff.set("income_previous_year", "9000.00")
        staff.set("income_year_before", "8800.00")
        staff.set("low_income_treatment", "true")
    # the scans handed in at the counter, chosen at once, each assigned to its checklist item.
    folder = Path(tempfile.mkdtemp())
    codes = REQUIRED[group]
    for code in codes:
        (folder / f"scan-{code}.pdf").write_bytes(TINY_PDF)
    staff.page.set_input_files("#id_files", [str(folder / f"scan-{code}.pdf") for code in codes])
    for index, code in enumerate(codes):
        staff.page.locator("#picked-files select").nth(index).select_option(code)
    staff.submit()
    match = re.search(r"/applications/(LH-[^/]+)/receipt/", staff.page.url)
    assert match, staff.main_text()[:1500]
    return match.group(1)


@pytest.mark.parametrize("group,form", WALKS, ids=lambda v: str(v))
def test_each_unit_walks_its_application_through_the_pages(live_server, page, group, form):
    make_staff()
    clerk = StaffUser.objects.get(username="clerk")
    approved_plan(timezone.localdate().year)  # only an approved supply plan opens a round
    round_ = open_round_with_supply_notice(
        actor=clerk, year=timezone.localdate().year, name="浏览器测试批次", title="租售信息通告", body="面向全部保障对象。",
        groups=list(Group.values), application_deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    staff = Staff(page, live_server.url)
    reviewer = f"reviewer_{RESPONSIBLE_UNIT[group]}"

    # The CCB takes the application in and checks the materials.
    staff.login("clerk")
    number = intake(staff, round_, group, form, serial=WALKS.index((group, form)))
    staff.expect_stage(number, Stage.SUBMITTED)
    staff.open_action(number, "/formal-review/")
    for box in staff.page.locator("main input[type='checkbox'][name^='item_']").all():
        box.check()
    staff.submit()
    staff.expect_stage(number, Stage.SUBSTANTIVE_REVIEW)

    # The responsible unit decides every condition with evidence and proposes the application.
    staff.login(reviewer)
    staff.open_action(number, "/substantive-review/")
    for radio in staff.page.locator("main input[type='radio'][value='passed']").all():
        radio.check()
    for evidence in staff.page.locator("main textarea[name^='evidence_']").all():
        evidence.fill("经核对申请材料及部门核查结果，符合本项条件。")
    # where "passed" departs from the eligibility check, the reviewer writes the reason.
    for reason in staff.page.locator("main textarea[name^='override_']").all():
        reason.fill("经核对原件，改判符合。")
    staff.submit()
    staff.expect_stage(number, Stage.ELIGIBLE)
    staff.open_action(number, "/step/propose/")
    staff.set("rank", 1)
    staff.submit()
    staff.expect_stage(number, Stage.PROPOSED)

    # The CCB rechecks, publishes the notice, and announces once the period is over.
    staff.login("clerk")
    staff.open_action(number, "/recheck/")
    for radio in staff.page.locator("main input[type='radio'][value='true']").all():
        radio.check()
    # The page's first form asks the agencies (docs/decisions/0034); the recheck is concluded by its own form.
    with staff.page.expect_navigation():
        staff.page.locator("main form[method='post']:not([action]) [type='submit']").click()
    staff.expect_stage(number, Stage.RECHECKED)
    staff.page.goto(f"{staff.base}/rounds/{round_.pk}/notices/new/?group={group}")
    staff.set("starts_on", timezone.localdate().isoformat())
    staff.submit()
    # Shown what will be published; nothing is published yet.
    assert Application.objects.get(number=number).stage == Stage.RECHECKED
    staff.confirm()
    staff.expect_stage(number, Stage.PUBLIC_NOTICE)
    # Ten days pass: the notice's 7 days are over (docs/decisions/0040: it started the day it was published).
    days_pass_since_notice(latest_notice(Application.objects.get(number=number)), 10)
    staff.page.goto(f"{staff.base}/rounds/{round_.pk}/")
    with staff.page.expect_navigation():
        staff.page.locator("main form[action*='/announce/'] button").click()
    assert Application.objects.get(number=number).stage == Stage.PUBLIC_NOTICE  # the final list: confirmed first
    staff.confirm()
    staff.expect_stage(number, Stage.ANNOUNCED)

    if form == Form.SUBSIDY:
        # Finance starts the subsidy instead of selection (R-16.a, R-8.2).
        staff.login("finance")
        staff.open_action(number, "/step/start_subsidy/")
        staff.set("start_month", timezone.localdate().strftime("%Y-%m"))
        if group == Group.MINIMUM_ALLOWANCE:
            ensure_c2_standard(Decimal("800.00"))  # Art. 26: the approved standard, which the amount must equal
            staff.page.reload()
            staff.set("start_month", timezone.localdate().strftime("%Y-%m"))
            staff.set("monthly_amount", "800.00")
        staff.submit()
        staff.confirm()  # a subsidy commits money every month: confirmed first
        staff.expect_stage(number, Stage.SUBSIDY_RUNNING)
        return

    # Selection, contract and filing at the CCB, once the announcement period has run (SPEC §13).
    wait_out_announcement(Application.objects.get(number=number))
    staff.open_action(number, "/step/issue_selection_notice/")
    staff.submit()
    assert Application.objects.get(number=number).stage == Stage.ANNOUNCED  # the notice fixes the turn: confirmed first
    staff.confirm()
    staff.expect_stage(number, Stage.SELECTION)
    home = home_for(Application.objects.get(number=number))
    staff.open_action(number, "/step/record_selection/")
    staff.set("unit", home.pk)
    staff.submit()
    assert str(home) in staff.main_text()  # the home goes to this household alone: stated first
    staff.confirm()
    staff.expect_stage(number, Stage.UNIT_SELECTED)
    staff.open_action(number, "/step/sign_contract/")
    start = timezone.localdate()
    staff.set("number", f"HT-{number}")
    staff.set("property_owner", "深圳市龙华区住房保障管理中心")
    staff.set("signatory", "陈建国")
    staff.set("term_start", start.isoformat())
    staff.set("term_end", (start + datetime.timedelta(days=3 * 365 - 1)).isoformat())
    staff.set("monthly_rent", "1350.00")
    staff.submit()
    assert "人民币壹仟叁佰伍拾元整" in staff.main_text()  # the rent in capital figures, before the contract is recorded
    staff.confirm()
    staff.expect_stage(number, Stage.CONTRACTED)
    staff.open_action(number, "/step/file_contract/")
    staff.set("filing_number", f"BA-{number}")
    staff.submit()
    assert f"BA-{number}" in staff.main_text()  # filing lets the home and starts the tenancy: confirmed first
    staff.confirm()
    staff.expect_stage(number, Stage.FILED)
    timeline = staff.main_text()
    for who in ("clerk", reviewer):
        assert who in timeline
