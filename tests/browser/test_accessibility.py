"""Every kind of page, staff and public, in Chinese and in English, checked by axe-core against WCAG 2.x A and AA:
no serious or critical violation (docs/decisions/0049). The pages are those of the demo data (manage.py seed_demo),
read as each login sees them; a failure names the page, the language, the rule and the elements that break it.
"""

import datetime
import os
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.utils import timezone

from housing.demo.accounts import DEMO_YEAR

from tests.browser import accessibility_site, axe

# Django's async-safety check trips over Playwright's event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LANGUAGES = ["zh-hans", "en"]


@dataclass(frozen=True)
class Page:
    name: str
    login: str | None  # None: a visitor without a session
    path: Callable[[dict], str]
    status: int = 200
    then: Callable | None = None  # what the user does on the page before it is checked (fill in, submit)

    def __str__(self):
        return self.name


def screener_answers(page, ids):
    """Answer every question of the screener (the first answer of each list, no children) and ask for the result."""
    page.evaluate("""() => {
        for (const s of document.querySelectorAll('main form select')) s.selectedIndex = s.options.length > 1 ? 1 : 0;
        for (const i of document.querySelectorAll('main form input[type=number]')) i.value = '0';
    }""")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def status_of_application(page, ids):
    application = ids["submitted"]
    page.fill("#id_application_number", application.number)
    page.fill("#id_id_number", application.applicant_id_number)
    page.fill("#id_lookup_code", application.lookup_code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def wrong_sign_in(page, ids):
    """The sign-in page as it answers a wrong password: the error and the form again."""
    page.fill("#id_username", "ccb_clerk")
    page.fill("#id_password", "not-the-password")
    with page.expect_navigation():
        page.locator("main form [type='submit']").first.click()


def submit_main_form(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def open_a_round(page, ids):
    """The supply notice filled in and sent: the page stating it before it is published (the first POST writes
    nothing; decision 0047), with the notice's text quoted."""
    page.fill("#id_year", str(DEMO_YEAR))
    page.fill("#id_title", "龙华区公共租赁住房供应公告")
    page.fill("#id_body", "面向无房户家庭。\n请于截止日前到窗口申请。")
    page.locator("main input[name=groups]").first.check()
    page.fill("#id_application_deadline", (timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    submit_main_form(page)
    assert page.locator("#confirm-act").count() == 1, page.inner_text("main")[:800]


def decide_an_objection(page, ids):
    """The decision filled in and sent: the page stating it before it is taken (nothing is written)."""
    page.locator("main input[name=upheld][value=no]").check()
    page.fill("#id_reason", "经查不实")
    page.fill("#id_answer", "经调查，异议不成立。")
    submit_main_form(page)
    assert page.locator("#confirm-act").count() == 1, page.inner_text("main")[:800]


def objection_path(ids):
    objection = ids["objection"]
    return "/public/objections/lookup/?" + urlencode({"receipt": objection.receipt_number,
                                                      "contact": objection.objector_contact})


PUBLIC = [
    Page("public home", None, lambda i: "/public/"),
    Page("public notice", None, lambda i: f"/public/notices/{i['notice']}/"),
    Page("announcements", None, lambda i: "/public/announcements/"),
    Page("announcement", None, lambda i: f"/public/announcements/{i['announcement']}/"),
    Page("supply notice", None, lambda i: f"/public/supply-notices/{i['supply_notice']}/"),
    Page("key enterprises (public)", None, lambda i: "/public/key-enterprises/"),
    Page("register of bans (public)", None, lambda i: "/public/register/"),
    Page("lottery page", None, lambda i: f"/public/lottery/{i['ranking']}/"),
    Page("screener", None, lambda i: "/public/screener/"),
    Page("screener questions", None, lambda i: "/public/screener/no_housing/"),
    Page("screener result", None, lambda i: "/public/screener/no_housing/", then=screener_answers),
    Page("status lookup", None, lambda i: "/public/status/"),
    Page("status lookup result", None, lambda i: "/public/status/", then=status_of_application),
    Page("objection form", None, lambda i: f"/public/notices/{i['notice']}/objections/new/"),
    Page("inquiry form", None, lambda i: f"/public/notices/{i['notice']}/inquiries/new/"),
    Page("objection lookup", None, lambda i: "/public/objections/lookup/"),
    Page("objection lookup result", None, objection_path),
    Page("public page not found", None, lambda i: "/public/notices/999999/", status=404),
]

SIGN_IN = [
    Page("visitor landing", None, lambda i: "/accounts/login/"),
    Page("sign-in refused", None, lambda i: "/accounts/login/", then=wrong_sign_in),
    Page("second factor", "password only", lambda i: "/accounts/second-factor/"),
    Page("second factor setup", "no authenticator yet", lambda i: "/accounts/second-factor/setup/"),
]

STAFF = [
    Page("work queue (clerk)", "ccb_clerk", lambda i: "/"),
    Page("work queue (reviewer)", "ccb_reviewer", lambda i: "/"),
    Page("work queue (Finance reviewer)", "finance_reviewer", lambda i: "/"),
    Page("application list", "ccb_clerk", lambda i: "/applications/"),
    Page("application page", "ccb_clerk", lambda i: f"/applications/{i['contracted']}/"),
    Page("intake", "ccb_clerk", lambda i: "/applications/new/"),
    Page("intake receipt", "ccb_clerk", lambda i: f"/applications/{i['submitted'].number}/receipt/"),
    Page("documents upload", "ccb_clerk", lambda i: f"/applications/{i['submitted'].number}/documents/"),
    Page("formal review", "ccb_clerk", lambda i: f"/applications/{i['submitted'].number}/formal-review/"),
    Page("substantive review", "ccb_reviewer",
         lambda i: f"/applications/{i['substantive'].number}/substantive-review/"),
    Page("recheck", "ccb_clerk", lambda i: f"/applications/{i['proposed']}/recheck/"),
    Page("step page", "ccb_clerk", lambda i: f"/applications/{i['submitted'].number}/step/withdraw/"),
    Page("written notice print", "ccb_clerk",
         lambda i: f"/applications/{i['written'][0]}/written-notices/{i['written'][1]}/"),
    Page("objections and inquiries", "ccb_clerk", lambda i: "/objections-inquiries/"),
    Page("objection recorded at the counter", "ccb_clerk", lambda i: f"/applications/{i['noticed']}/objections/new/"),
    Page("objection decision", "ccb_reviewer", lambda i: f"/objections/{i['objection'].receipt_number}/decide/"),
    Page("objection decision to confirm", "ccb_reviewer",
         lambda i: f"/objections/{i['objection'].receipt_number}/decide/", then=decide_an_objection),
    Page("rounds", "ccb_clerk", lambda i: "/rounds/"),
    Page("supply notice to confirm", "ccb_clerk", lambda i: "/rounds/new/", then=open_a_round),
    Page("round and its notices", "ccb_clerk", lambda i: f"/rounds/{i['round']}/"),
    Page("ranking", "ccb_reviewer", lambda i: f"/rankings/{i['ranking']}/"),
    Page("supply plans", "social_head", lambda i: "/plan/supply/"),
    Page("supply plan", "social_head", lambda i: f"/plan/supply/{i['plan_year']}/"),
    Page("demand overview", "social_head", lambda i: "/plan/demand/"),
    Page("selection", "ccb_clerk", lambda i: "/selection/"),
    Page("selection notices", "ccb_clerk",
         lambda i: f"/selection/{i['round']}/{i['selection_group']}/notices/"),
    Page("selection day", "ccb_clerk", lambda i: f"/selection/sessions/{i['session']}/"),
    Page("selection notice print", "ccb_clerk", lambda i: f"/selection/notices/{i['selection_notice']}/"),
    Page("housing stock", "ccb_clerk", lambda i: "/stock/"),
    Page("home", "ccb_clerk", lambda i: f"/stock/homes/{i['home']}/"),
    Page("stock import", "ccb_clerk", lambda i: "/stock/import/"),
    Page("subsidies", "finance_clerk", lambda i: "/subsidies/"),
    Page("subsidy", "finance_clerk", lambda i: f"/subsidies/{i['subsidy']}/"),
    Page("payment batches", "finance_clerk", lambda i: "/subsidy-batches/"),
    Page("payment batch", "finance_reviewer", lambda i: f"/subsidy-batches/{i['batch']}/"),
    Page("tenancies", "ccb_clerk", lambda i: "/tenancies/"),
    Page("tenancy", "ccb_clerk", lambda i: f"/tenancies/{i['tenancy']}/"),
    Page("renewals", "ccb_clerk", lambda i: "/renewals/"),
    Page("economic housing", "ccb_clerk", lambda i: "/economic-housing/"),
    Page("sanctions register", "ccb_clerk", lambda i: "/register/"),
    Page("duplicate guarantees", "ccb_head", lambda i: "/guarantees/flagged/"),
    Page("flagged set", "ccb_head", lambda i: f"/guarantees/flagged/{i['flagged']}/"),
    Page("verification requests", "planning_clerk", lambda i: "/verification/"),
    Page("verification request", "planning_clerk", lambda i: f"/verification/{i['verification']}/"),
    Page("employer rosters (staff)", "org_reviewer", lambda i: "/rosters/"),
    Page("employer roster (staff)", "org_reviewer", lambda i: f"/rosters/{i['roster']}/"),
    Page("employer home", "employer_c4", lambda i: "/employer/"),
    Page("employer roster upload", "employer_c4", lambda i: "/employer/rosters/upload/"),
    Page("key-enterprise lists", "econ_reviewer", lambda i: "/key-enterprises/"),
    Page("Joint Meeting decisions", "joint_meeting", lambda i: "/joint-meeting/decisions/"),
    Page("Joint Meeting decision", "joint_meeting", lambda i: f"/joint-meeting/decisions/{i['decision']}/"),
    Page("statistics", "discipline", lambda i: "/statistics/"),
    Page("exports", "discipline", lambda i: "/exports/"),
    Page("audit trail", "discipline", lambda i: "/audit/"),
    Page("staff actions", "discipline", lambda i: "/audit/staff-actions/"),
    Page("audit records", "discipline", lambda i: "/audit/records/"),
    Page("sign-in records", "discipline", lambda i: "/audit/records/sign-ins/"),
    Page("retention", "discipline", lambda i: "/retention/"),
    Page("staff page not found", "ccb_clerk", lambda i: "/applications/LH-2026-C1-999999/", status=404),
    Page("staff page refused", "employer_c4", lambda i: "/applications/", status=403),
]

PAGES = PUBLIC + SIGN_IN + STAFF


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        accessibility_site.restore_shipped_rows()
        try:
            ids = accessibility_site.build()
            made = accessibility_site.sessions()
            server = accessibility_site.serve()
            server._live_server_modified_settings.enable()
            try:
                yield accessibility_site.Site(url=server.url, ids=ids, sessions=made)
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
        finally:
            accessibility_site.empty()


@pytest.fixture
def served(site, db):
    """The pages read the demo committed before the first test; each test itself writes nothing."""
    return site


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES, ids=str)
def test_no_serious_or_critical_violation(served, browser, kind, language):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        cookies = [{"name": "django_language", "value": language, "url": served.url}]
        if kind.login:
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": served.sessions[kind.login], "url": served.url})
        context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(15_000)
        response = page.goto(served.url + kind.path(served.ids))
        assert response.status == kind.status, f"{kind.name} ({language}) answered {response.status}"
        if kind.then:
            kind.then(page, served.ids)
        # WCAG 3.1.1: a page of the portal's layout declares the language it is in. Django's own error pages
        # (no <main>) say lang="en" whatever the language; axe checks that their lang is a valid one.
        if page.locator("main").count():
            assert page.evaluate("document.documentElement.lang").lower() == language
        found = axe.serious(axe.run(page))
        assert not found, f"{kind.name} ({language}, {page.url}):\n{axe.describe(found)}"
    finally:
        context.close()


def test_axe_names_what_breaks_a_page(browser):
    """The check itself: a page with an unnamed button and an image without text fails, naming both."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content('<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
                         '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button id="go"></button>'
                         '</main></body></html>')
        found = axe.serious(axe.run(page))
    finally:
        context.close()
    assert {v["id"] for v in found} >= {"button-name", "image-alt"}
    assert "#go" in axe.describe(found)


def test_no_portal_page_loads_axe():
    """axe-core is a test tool: no template refers to it, so no page of the portal loads it."""
    templates = axe.AXE_FILE.parents[3] / "templates"
    assert templates.is_dir()
    loading = [str(t) for t in templates.rglob("*.html")
               if "axe-core" in t.read_text(encoding="utf-8") or "axe.min" in t.read_text(encoding="utf-8")]
    assert loading == []
