"""The page header and the server agree (R-X.2, R-6): every link the header shows a user opens for that user, in
both languages, and so does every staff link on the pages it leads to; every area link the user may not read is
refused. The header offers each role what it works on (decision 0045; tests/housing/web/test_navigation_groups.py),
so a page the user may read can be left out of it, never the reverse.

One user per unit and role of the demo logins (housing/demo/accounts.py), over a little data of every new area, so
the lists and the detail pages they link to are not empty.
"""

import datetime
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db import connection, transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from departments.permissions import OFFICE_READERS, can_read_area, can_read_audit, can_read_overrides
from departments.permissions import can_read_audit_records
from housing.demo.accounts import DEMO_ACCOUNTS
from housing.groups import Group
from housing.guarantees.flagging import find_flagged_sets
from housing.guarantees.register import link_applications
from housing.joint_meeting.services import DecisionInput, record_decision
from housing.selection import services as selection_day
from housing.plan.services import last_passed_deadline, submit_demand_report
from housing.sanctions.services import record_sanction
from housing.subsidies.services import prepare_batch
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory
from tests.factories.plan import approved_plan
from tests.factories.rosters import employer_account, submitted_roster
from tests.factories.selection import homes, selection_clerk, with_notices
from tests.factories.staff import staff
from tests.factories.subsidies import running_subsidy
from tests.factories.tenancy import SaleContractFactory, TenancyFactory
from tests.factories.workflow import advance

# The header's links outside the four every signed-in user gets, by who may read them (templates/base.html).
AREA_LINKS = {
    "audit": ("housing:audit_trail",),
    "overrides": ("housing:override_list",),
    "audit_records": ("housing:audit_records", "housing:retention"),
    "plan": ("housing:demand_overview", "housing:plan_list"),
    "selection": ("housing:selection_home",),
    "stock": ("housing:stock_list",),
    "subsidies": ("housing:subsidy_list", "housing:subsidy_batch_list"),
    "tenancy": ("housing:tenancy_list", "housing:renewal_list", "housing:ownership_list"),
    "sanctions": ("housing:sanction_list",),
    "guarantees": ("housing:flagged_set_list",),
    "rosters": ("housing:roster_list",),
    "statistics": ("housing:statistics",),
    "joint_meeting": ("housing:joint_meeting_decisions",),
    "key_enterprises": ("housing:key_enterprise_lists",),
}
EVERYONE = ("housing:work_queue", "housing:application_list", "housing:round_list", "housing:publicity_queue")
# Offered by the header to those who may (departments.permissions): registering, answering verification, the admin.
DUTY_LINKS = ("housing:intake", "housing:verification_queue", "admin:index")
# Not pages of the staff site, or not a page at all (a form's action, the language switch, the admin).
LEAVES_THE_PAGES = ("/accounts/logout", "/i18n/", "/admin/", "/public/", "/static/")
PER_URL_NAME = 2  # links followed per URL name and user: a second row of a list adds nothing

ACCOUNTS = [(a.unit, a.roles) for a in DEMO_ACCOUNTS]


def account_id(account):
    unit, roles = account
    return f"{unit or 'none'}-{'-'.join(roles)}"


def reads(user, area: str) -> bool:
    if area == "audit":
        return can_read_audit(user)
    if area == "overrides":
        return can_read_overrides(user)
    if area == "audit_records":
        return can_read_audit_records(user)
    return can_read_area(user, area)


@pytest.fixture(scope="module")
def area_data(django_db_setup, django_db_blocker):
    """A round with selection notices and an open session, homes, an approved plan and a demand report, a running
    subsidy in a prepared batch, a tenancy, a sold home and a register entry. Rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        today = timezone.localdate()
        round_ = AllocationRoundFactory()
        approved_plan(today.year)
        year, deadline = last_passed_deadline(today)
        submit_demand_report(actor=staff("org_personnel", "reviewer"), group=Group.INSTITUTION_TALENT, year=year,
                             rental_households=3, at=timezone.make_aware(datetime.datetime.combine(
                                 deadline, datetime.time(10))))
        homes(2)
        with_notices(round_, ranks=(1, 2))
        session = selection_day.open_session(actor=selection_clerk(), round_id=round_.pk, group=Group.NO_HOUSING)
        selection_day.call_next(actor=selection_clerk(), session=session)
        running_subsidy(start_month=today.replace(day=1), round=round_)
        prepare_batch(actor=staff("finance", "clerk"), month=today.replace(day=1))
        TenancyFactory()
        SaleContractFactory()
        record_sanction(actor=staff("ccb", "head"), ground="R-36.1", facts="隐瞒名下房产并提供虚假证明",
                        application=advance(ApplicationFactory(round=round_), Stage.REFUSED))
        # an employer's roster of each talent group, so each talent unit's list links to one (housing.rosters)
        for group in (Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT):
            submitted_roster(employer_account(group), round_, 1)
        # a person on two applications, flagged for a head of the CCB
        first, second = ApplicationFactory(round=round_), ApplicationFactory(round=round_)
        second.members.create(relation="child", applying=False, name="重复", id_number=first.applicant_id_number)
        link_applications([second.pk])
        find_flagged_sets()
        # a decision of the Joint Meeting that every reader of its list reads
        record_decision(actor=staff("joint_meeting", "head"), data=DecisionInput(
            kind="other", minutes_number="联席会议纪要〔2026〕9号", meeting_date=today, subject="年度部署", text="同意。"))
        connection.check_constraints()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def signed_in(area_data, db, client):
    def sign_in(account, language=None):
        unit, roles = account
        user = staff(unit, *roles)
        client.force_login(user)
        if language:
            client.cookies["django_language"] = language
        return user, client

    return sign_in


def header_links(response) -> list[str]:
    html = response.content.decode()
    nav = re.search(r'<header class="top">.*?<nav\b.*?>(.*?)</nav>', html, re.S)
    assert nav, "the page header has no navigation"
    return re.findall(r'<a href="([^"]+)"', nav.group(1))


def page_links(response) -> list[str]:
    main = response.content.decode().split('<main id="main">', 1)[-1]
    return [href.split("#")[0] for href in re.findall(r'<a [^>]*href="(/[^"]*)"', main)]


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("account", ACCOUNTS, ids=account_id)
def test_the_header_shows_what_the_server_serves(signed_in, account, language):
    user, client = signed_in(account, language)
    home = client.get(reverse("housing:work_queue"))
    assert home.status_code == 200
    shown = header_links(home)

    may_read = set(EVERYONE) | set(DUTY_LINKS) | {
        name for area, names in AREA_LINKS.items() if reads(user, area) for name in names}
    names = {url_name(href) for href in shown}
    assert "housing:work_queue" in names and names <= may_read

    for href in shown:
        if href.startswith(LEAVES_THE_PAGES):
            continue
        response = client.get(href)
        assert response.status_code == 200, f"{account_id(account)} is shown {href} and gets {response.status_code}"
        assert response.headers["Content-Language"] == language

    for area, area_names in AREA_LINKS.items():
        if reads(user, area):
            continue
        for name in area_names:
            url = reverse(name)
            assert url not in shown
            status = client.get(url).status_code
            assert status in (403, 404), f"{account_id(account)} may not read {url} but gets {status}"


@pytest.mark.parametrize("account", ACCOUNTS, ids=account_id)
def test_every_staff_link_on_the_header_pages_opens(signed_in, account):
    """One level below the header: the detail pages, filters, downloads and forms each page links to."""
    _user, client = signed_in(account)
    shown = header_links(client.get(reverse("housing:work_queue")))
    done, followed, broken = set(shown), Counter(), []
    for page in (href for href in shown if not href.startswith(LEAVES_THE_PAGES)):
        for href in page_links(client.get(page)):
            if href in done or href.startswith(LEAVES_THE_PAGES):
                continue
            done.add(href)
            key = (url_name(href), "?" in href)
            if followed[key] >= PER_URL_NAME:
                continue
            followed[key] += 1
            status = client.get(href).status_code
            if status != 200:
                broken.append(f"{page} -> {href}: {status}")
    assert not broken, f"{account_id(account)}: " + "; ".join(broken)
    assert followed, "the header's pages link to nothing"


@pytest.mark.parametrize("area", sorted(OFFICE_READERS))
def test_the_new_areas_have_rows_to_follow(signed_in, area):
    """The data above reaches every area's list, so the link test follows real detail links (it can fail)."""
    _user, client = signed_in(("discipline", ("reviewer",)))
    links = [url_name(href) for name in AREA_LINKS[area] for href in page_links(client.get(reverse(name)))]
    detail = {"plan": "housing:plan_detail", "selection": "housing:selection_session",
              "stock": "housing:stock_home_detail", "subsidies": "housing:subsidy_batch_detail",
              "tenancy": "housing:tenancy_detail", "sanctions": None, "rosters": "housing:roster_detail",
              "statistics": "housing:statistics_download",
              "joint_meeting": "housing:joint_meeting_decision",
              "guarantees": "housing:flagged_set_resolve", "key_enterprises": None}[area]
    if detail:
        assert detail in links


def test_honours_show_by_name_not_code(signed_in):
    """R-24: the application page names an honour in the reader's language; its stored code is no UI text."""
    _user, client = signed_in(("ccb", ("clerk",)))
    app = ApplicationFactory(facts={"honours": ["labour_model"]})
    page = client.get(reverse("housing:application_detail", args=[app.number])).content.decode()
    assert "labour_model" not in page
    assert "劳动模范" in page or "Model worker" in page
