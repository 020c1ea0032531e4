"""The annual-cycle pages (SPEC §4) as staff use them: they render, act, and refuse what a user may not do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.groups import Form, Group
from housing.models import DemandReport, EmployerQuota, PlanQuota, SupplyPlan
from housing.joint_meeting.services import DecisionInput, record_decision
from housing.plan.services import demand_deadline, flag_late_demand_reports, reportable_years, submit_demand_report
from tests.factories import staff
from tests.factories.plan import add_stock, approved_plan, draft_plan
from tests.housing.conftest import field_error, page_text, section
from tests.housing.plan.conftest import at
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db


def set_today(monkeypatch, day):
    monkeypatch.setattr("housing.plan.views.cycle._today", lambda: day)


# --- the deadline on the unit's page ------------------------------------------------------------------------

@pytest.mark.parametrize("today,days,banner", [
    (datetime.date(2026, 9, 30), 31, False),
    (datetime.date(2026, 10, 1), 30, True),
    (datetime.date(2026, 10, 31), 0, True),
])
def test_the_units_page_counts_the_days_and_warns_within_30_days(portal, monkeypatch, today, days, banner):
    set_today(monkeypatch, today)
    portal.login(staff("org_personnel", "reviewer"))
    page = portal.get(reverse("housing:demand_overview"))
    assert page.status_code == 200
    text = page_text(page)
    assert ('id="deadline-banner"' in text) is banner
    assert f"{days} day" in text and "2026-10-31" in text
    if banner:
        assert "C4 Talents of agencies and public institutions" in section(text, "own-h")


def test_no_banner_once_every_group_is_reported(portal, monkeypatch):
    set_today(monkeypatch, datetime.date(2026, 10, 20))
    reviewer = staff("org_personnel", "reviewer")
    submit_demand_report(actor=reviewer, group=Group.INSTITUTION_TALENT, year=2027, rental_households=3,
                         at=at(datetime.date(2026, 10, 20)))
    page = page_text(portal.login(reviewer).get(reverse("housing:demand_overview")))
    assert 'id="deadline-banner"' not in page and "2026-10-20" in page


def test_after_the_deadline_the_unit_sees_its_missing_report_is_overdue(portal, monkeypatch):
    set_today(monkeypatch, datetime.date(2026, 11, 1))
    page = page_text(portal.login(staff("econ_services", "head")).get(reverse("housing:demand_overview")))
    assert 'id="overdue"' in page and "2026-10-31" in page


# --- acting through the pages ---------------------------------------------------------------------------------

def test_a_unit_reports_demand_and_a_late_report_is_marked(portal):
    reviewer = staff("social_construction", "reviewer")
    portal.login(reviewer)
    today = timezone.localdate()
    year = min(reportable_years(today))  # the year whose deadline passed last: the report is late
    response = portal.submit(reverse("housing:demand_report"), {"group": Group.MINIMUM_ALLOWANCE, "year": year,
                                                                 "rental_households": 12,
                                                                 "subsidy_households": 30})
    assert response.status_code == 302
    saved = DemandReport.objects.get(unit=reviewer.unit, group=Group.MINIMUM_ALLOWANCE)
    assert (saved.rental_households, saved.subsidy_households, saved.year) == (12, 30, year)
    assert saved.late is True and today > demand_deadline(year)
    overview = portal.get(reverse("housing:demand_overview"))
    assert '<strong class="error">late</strong>' in section(overview.content.decode(), "own-h")


def test_a_report_of_a_form_the_group_cannot_receive_is_refused_on_the_page(portal):
    portal.login(staff("ccb", "clerk"))
    response = portal.submit(reverse("housing:demand_report"), {"group": Group.NO_HOUSING,
                                                                 "subsidy_households": 4})
    assert response.status_code == 400
    assert "enter 0" in field_error(page_text(response), "id_subsidy_households")
    assert not DemandReport.objects.exists()


def test_the_report_form_offers_only_the_units_own_groups(portal):
    portal.login(staff("ccb", "reviewer"))
    form = portal.page_form(portal.get(reverse("housing:demand_report")))
    assert sorted(form.choices("group")) == sorted([Group.LOW_INCOME_NO_HOUSING, Group.NO_HOUSING])


def test_discipline_and_the_ccb_read_the_missed_deadlines(portal):
    flag_late_demand_reports(today=datetime.date(2026, 11, 1))
    for user in (staff("discipline", "reviewer"), staff("ccb", "clerk")):
        page = page_text(portal.login(user).get(reverse("housing:demand_misses")))
        assert "Economic Services" in page or "econ" in page
        assert "2026-10-31" in page and "C6 Talents of key enterprises" in page
    assert portal.login(staff("org_personnel", "head")).get(reverse("housing:demand_misses")).status_code == 403


def test_the_ccb_drafts_a_plan_beside_the_stock_and_is_refused_above_it(portal):
    add_stock(Form.PUBLIC_RENTAL, 30)
    add_stock(Form.ECONOMIC_HOUSING, 5, unit_type="two_bedroom")
    portal.login(staff("ccb", "clerk"))
    year = timezone.localdate().year + 3
    response = portal.submit(reverse("housing:plan_create"), {"year": year})
    assert response.status_code == 302 and SupplyPlan.objects.get(year=year).status == SupplyPlan.Status.DRAFT
    detail = page_text(portal.get(reverse("housing:plan_detail", args=[year])))
    assert "Available stock" in detail and "30" in section(detail, "stock-h")
    url = reverse("housing:quota_edit", args=[year, "ccb"])
    too_many = portal.submit(url, {"rental_units": 31, "sale_units": 5})
    assert too_many.status_code == 400
    assert "Public rental housing" in field_error(page_text(too_many), "id_rental_units")
    assert not PlanQuota.objects.exists()
    ok = portal.submit(url, {"rental_units": 30, "sale_units": 5, "unit_types": ["one_bedroom", "two_bedroom"]})
    assert ok.status_code == 302
    detail = page_text(portal.get(reverse("housing:plan_detail", args=[year])))
    assert '<td class="num" id="planned-rental">30</td>' in detail


def test_a_quota_form_from_before_another_change_is_refused_with_409(portal):
    add_stock(Form.PUBLIC_RENTAL, 30)
    plan = draft_plan(2031)
    portal.login(staff("ccb", "clerk"))
    url = reverse("housing:quota_edit", args=[2031, "ccb"])
    form = portal.page_form(portal.get(url))
    portal.submit(reverse("housing:quota_edit", args=[2031, "org_personnel"]), {"rental_units": 5})
    stale = portal.post(url, portal.fill(form, {"rental_units": 10}))
    assert stale.status_code == 409
    assert not PlanQuota.objects.filter(plan=plan, unit__code="ccb").exists()


def test_the_joint_meeting_confirms_and_records_the_approval_then_a_round_can_open(portal):
    year = timezone.localdate().year + 2
    draft_plan(year)
    ccb = portal.login(staff("ccb", "clerk"))
    blocked = ccb.submit(reverse("housing:round_create"), {
        "year": year, "title": "供应公告", "body": "面向全部保障对象。", "groups": [Group.NO_HOUSING],
        "application_deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat()})
    assert blocked.status_code == 400 and "(Art. 15)" in field_error(page_text(blocked), "id_year")
    portal.login(staff("joint_meeting", "head"))
    detail = page_text(portal.get(reverse("housing:plan_detail", args=[year])))
    assert reverse("housing:plan_confirm", args=[year]) in section(detail, "actions-h")
    today = timezone.localdate().isoformat()
    confirm_url = reverse("housing:plan_confirm", args=[year])
    shown = portal.submit(confirm_url, {"reference": "联席会议纪要〔2028〕2号", "decided_on": today})
    assert "联席会议纪要〔2028〕2号" in confirmation_text(shown)  # binds the quotas: stated first (decision 0047)
    assert SupplyPlan.objects.get(year=year).status == SupplyPlan.Status.DRAFT
    assert confirm(portal, shown, confirm_url).status_code == 302
    again = portal.post(reverse("housing:plan_confirm", args=[year]),
                        {"reference": "x", "decided_on": today, "version": 3})
    assert again.status_code == 409
    missing = portal.submit(reverse("housing:plan_approve", args=[year]), {"reference": ""})
    assert missing.status_code == 400
    approve_url = reverse("housing:plan_approve", args=[year])
    shown = portal.submit(approve_url, {"reference": "管委会批复〔2028〕1号", "decided_on": today})
    assert "allocation rounds can then be opened" in confirmation_text(shown)
    assert SupplyPlan.objects.get(year=year).status == SupplyPlan.Status.CONFIRMED
    assert confirm(portal, shown, approve_url).status_code == 302
    plan = SupplyPlan.objects.get(year=year)
    assert plan.status == SupplyPlan.Status.APPROVED and plan.committee_reference == "管委会批复〔2028〕1号"
    page = page_text(portal.get(reverse("housing:plan_list")))
    assert "管委会批复〔2028〕1号" in page
    opening = portal.login(staff("ccb", "clerk")).submit(reverse("housing:round_create"), {
        "year": year, "title": "供应公告", "body": "面向全部保障对象。", "groups": [Group.NO_HOUSING],
        "application_deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat()})
    assert "管委会批复〔2028〕1号" in confirmation_text(opening)  # publishes: stated first (decision 0047)
    assert confirm(portal, opening, reverse("housing:round_create")).status_code == 302


def test_a_talent_unit_splits_its_quota_on_its_page(portal, agency):
    add_stock(Form.PUBLIC_RENTAL, 80)
    year = timezone.localdate().year + 4
    approved_plan(year, quotas={"org_personnel": (80, 0)})
    portal.login(staff("org_personnel", "head"))
    url = reverse("housing:employer_quotas", args=[year])
    refused = portal.submit(url, {"employer": agency.pk, "rental_units": 51})
    assert refused.status_code == 400 and "Art. 17" in field_error(page_text(refused), "id_decision")
    assert not EmployerQuota.objects.exists()
    # the Joint Meeting records the decision; the unit chooses it on its page
    decision = record_decision(actor=staff("joint_meeting", "head"), data=DecisionInput(
        kind="employer_quota", minutes_number="联席会议决定5号", meeting_date=timezone.localdate(), text="同意。",
        employer=agency, year=year, homes=60))
    accepted = portal.submit(url, {"employer": agency.pk, "rental_units": 51, "decision": decision.pk})
    assert accepted.status_code == 302
    assert "联席会议决定5号" in page_text(portal.get(url))
    detail = page_text(portal.login(staff("discipline", "reviewer")).get(reverse("housing:plan_detail", args=[year])))
    assert agency.name in detail


# --- refusals ------------------------------------------------------------------------------------------------

@pytest.fixture
def plans(agency):
    add_stock(Form.PUBLIC_RENTAL, 40)
    approved = approved_plan(2040, quotas={"org_personnel": (20, 0)})
    draft = draft_plan(2041)
    return approved, draft


def post_urls(approved, draft):
    return [
        reverse("housing:demand_report"),
        reverse("housing:plan_create"),
        reverse("housing:quota_edit", args=[draft.year, "ccb"]),
        reverse("housing:plan_confirm", args=[draft.year]),
        reverse("housing:plan_approve", args=[draft.year]),
        reverse("housing:employer_quotas", args=[approved.year]),
    ]


def test_discipline_reads_every_plan_page_and_gets_403_on_every_post(portal, plans):
    approved, draft = plans
    portal.login(staff("discipline", "head"))
    for url in (reverse("housing:demand_overview"), reverse("housing:demand_misses"), reverse("housing:plan_list"),
                reverse("housing:plan_detail", args=[approved.year]), reverse("housing:plan_detail", args=[draft.year])):
        assert portal.get(url).status_code == 200, url
    detail = page_text(portal.get(reverse("housing:plan_detail", args=[draft.year])))
    assert "actions-h" not in detail and "quota_edit" not in detail
    for url in post_urls(approved, draft):
        assert portal.post(url, {"year": 2042, "rental_units": 1, "reference": "x"}).status_code == 403, url
    assert SupplyPlan.objects.count() == 2 and not EmployerQuota.objects.exists()


@pytest.mark.parametrize("unit,role,name", [
    ("finance", "clerk", "demand_report"),          # no applicant group
    ("ccb", "reviewer", "plan_create"),            # a CCB role that does not draft
    ("org_personnel", "head", "quota_edit"),       # another unit
    ("ccb", "clerk", "plan_confirm"),              # not a head, not the Joint Meeting
    ("joint_meeting", "clerk", "plan_approve"),    # the Joint Meeting, but not a head
    ("ccb", "head", "employer_quotas"),            # not a talent unit
    ("org_personnel", "clerk", "employer_quotas"),  # the talent unit, but a clerk
])
def test_a_user_without_the_duty_gets_403(portal, plans, unit, role, name):
    approved, draft = plans
    url = dict(zip(["demand_report", "plan_create", "quota_edit", "plan_confirm", "plan_approve",
                    "employer_quotas"], post_urls(approved, draft)))[name]
    portal.login(staff(unit, role))
    assert portal.get(url).status_code == 403
    assert portal.post(url, {"year": 2042, "rental_units": 1, "reference": "x"}).status_code == 403


def test_a_talent_unit_without_a_quota_in_the_plan_finds_no_split_page(portal, plans):
    approved, _draft = plans
    portal.login(staff("econ_services", "head"))
    assert portal.get(reverse("housing:employer_quotas", args=[approved.year])).status_code == 404


@pytest.mark.parametrize("unit", ["verify_civil_affairs", "verify_public_security"])
def test_verifying_agencies_do_not_read_the_plan_area(portal, plans, unit):
    portal.login(staff(unit, "clerk"))
    for url in (reverse("housing:demand_overview"), reverse("housing:plan_list"),
                reverse("housing:plan_detail", args=[plans[0].year])):
        assert portal.get(url).status_code == 403


def test_a_unit_other_than_the_ccb_sees_only_its_own_reports(portal):
    submit_demand_report(actor=staff("ccb", "clerk"), group=Group.NO_HOUSING, year=timezone.localdate().year + 1,
                         rental_households=77, at=at(datetime.date(timezone.localdate().year, 10, 1)))
    own = page_text(portal.login(staff("org_personnel", "reviewer")).get(reverse("housing:demand_overview")))
    assert 'id="all-h"' not in own
    ccb = page_text(portal.login(staff("joint_meeting", "head")).get(reverse("housing:demand_overview")))
    assert 'id="all-h"' in ccb and ">77<" in ccb
