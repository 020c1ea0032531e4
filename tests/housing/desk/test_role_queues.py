"""Decision 0046: each person's landing page lists what awaits their ROLE — Finance's reviewer the batch to review,
its head the batch to approve (R-8.2), the Joint Meeting the plan to confirm (R-15.4), a reviewer the substantive
reviews and objections of its own unit's groups (R-16.3, R-16.6), a clerk the clerk's reminders (R-X.6) — each row
with its days waiting and, where a period is set, its deadline and whether it is overdue."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from departments.models import Unit
from housing.desk.queues import role_queue
from housing.desk.queues.applications import application_queue
from housing.models import Reminder, SubsidyBatch
from housing.stages import Stage
from housing.subsidies import services as batches
from tests.factories import staff
from tests.factories.applications import ApplicationFactory
from tests.factories.plan import confirm, draft_plan
from tests.factories.subsidies import running_subsidy
from tests.factories.tenancy_min import make_tenancy
from tests.factories.verification import with_requests
from tests.factories.workflow import advance, reload
from tests.housing.conftest import page_text, section, table_rows

pytestmark = pytest.mark.django_db

THIS_MONTH = timezone.localdate().replace(day=1)


def landing(portal, user) -> str:
    portal.login(user)
    response = portal.get(reverse("housing:work_queue"))
    assert response.status_code == 200
    return page_text(response)


def numbers(content: str, key: str) -> list[str]:
    """The first word of each row's first cell in the section ``key`` (its number or name)."""
    return [row[0].split(" ")[0] for row in table_rows(section(content, f"{key}-h"))]


def prepared_batch(allocation_round) -> SubsidyBatch:
    running_subsidy(start_month=THIS_MONTH, round=allocation_round)
    batches.prepare_batch(actor=staff("finance", "clerk"), month=THIS_MONTH)
    return SubsidyBatch.objects.get(month=THIS_MONTH)


# --- Finance: the month's batch ---------------------------------------------------------------------------------

def test_the_finance_reviewer_finds_the_prepared_batch_and_the_clerk_does_not(portal, allocation_round):
    batch = prepared_batch(allocation_round)
    month = f"{batch.month:%Y-%m}"
    content = landing(portal, staff("finance", "reviewer"))
    assert numbers(content, "batches-review") == [month]
    assert reverse("housing:subsidy_batch_detail", args=[month]) in section(content, "batches-review-h")
    assert "1,000.00" in section(content, "batches-review-h")  # the amount, with its thousands separator
    assert 'id="batches-approve-h"' not in content

    clerk = landing(portal, staff("finance", "clerk"))
    assert 'id="batches-review-h"' not in clerk
    assert reverse("housing:subsidy_batch_detail", args=[month]) not in clerk


def test_the_finance_head_finds_the_reviewed_batch_to_approve_and_the_reviewer_no_longer_sees_it(
        portal, allocation_round):
    batch = prepared_batch(allocation_round)
    batches.review_batch(actor=staff("finance", "reviewer"), batch=batch, expected_version=batch.version)
    month = f"{batch.month:%Y-%m}"
    head = landing(portal, staff("finance", "head"))
    assert numbers(head, "batches-approve") == [month]
    assert 'id="batches-review-h"' not in head

    reviewer = landing(portal, staff("finance", "reviewer"))
    assert 'id="batches-review-h"' not in reviewer and 'id="batches-approve-h"' not in reviewer


def test_the_head_who_reviewed_a_batch_is_not_offered_its_approval(portal, allocation_round):
    """R-8.2: four eyes: a head who reviewed the batch cannot approve it, so it is not in that head's queue."""
    batch = prepared_batch(allocation_round)
    head = staff("finance", "head")
    batches.review_batch(actor=head, batch=batch, expected_version=batch.version)
    assert 'id="batches-approve-h"' not in landing(portal, head)


# --- the Joint Meeting: the supply plan -------------------------------------------------------------------------

def test_the_joint_meeting_finds_the_drafted_plan_and_then_the_approval_to_record(portal):
    plan = draft_plan(timezone.localdate().year + 3)
    content = landing(portal, staff("joint_meeting", "head"))
    rows = table_rows(section(content, "plans-h"))
    assert len(rows) == 1 and str(plan.year) in rows[0][0] and "Confirm the supply plan" in rows[0][1]
    assert reverse("housing:plan_detail", args=[plan.year]) in section(content, "plans-h")

    confirm(plan)
    rows = table_rows(section(landing(portal, staff("joint_meeting", "head")), "plans-h"))
    assert "Record the Management Committee's approval" in rows[0][1]

    # the CCB's clerk drafted it but does not confirm it; a group unit's reviewer neither
    assert 'id="plans-h"' not in landing(portal, staff("ccb", "clerk"))
    assert 'id="plans-h"' not in landing(portal, staff("org_personnel", "reviewer"))


# --- reminders go to the role they are for ------------------------------------------------------------------------

def reminder(key, kind, unit="ccb", days=0, **extra):
    return Reminder.objects.create(key=key, kind=kind, unit=Unit.objects.get(code=unit),
                                   due_on=timezone.localdate() + datetime.timedelta(days=days), text=f"text {key}",
                                   **extra)


def test_the_ccb_reviewer_gets_none_of_the_clerks_arrears_and_renewal_reminders(portal):
    tenancy = make_tenancy(ends_on=timezone.localdate() + datetime.timedelta(days=60))
    arrears = reminder("arrears-1", Reminder.Kind.ARREARS, tenancy=tenancy)
    reminder("renewal-1", Reminder.Kind.RENEWAL, tenancy=tenancy)
    reminder("demand-1", Reminder.Kind.DEMAND_REPORT)  # every case role reports demand

    clerk = section(landing(portal, staff("ccb", "clerk")), "due-h")
    assert "text arrears-1" in clerk and "text renewal-1" in clerk and "text demand-1" in clerk

    reviewer = section(landing(portal, staff("ccb", "reviewer")), "due-h")
    assert "text arrears-1" not in reviewer and "text renewal-1" not in reviewer
    assert "text demand-1" in reviewer
    # and the reviewer cannot close the clerk's reminder either
    assert portal.post(reverse("housing:reminder_done", args=[arrears.pk])).status_code == 403
    assert Reminder.objects.get(pk=arrears.pk).done_at is None


def test_the_prepared_batch_reminder_goes_to_the_reviewers_and_a_blocked_one_to_the_clerks(portal):
    reminder("subsidy-batch:2026-01", Reminder.Kind.SUBSIDY_BATCH, unit="finance")
    reminder("subsidy-batch-blocked:2026-02", Reminder.Kind.SUBSIDY_BATCH, unit="finance")
    reviewer = section(landing(portal, staff("finance", "reviewer")), "due-h")
    clerk = section(landing(portal, staff("finance", "clerk")), "due-h")
    assert "text subsidy-batch:2026-01" in reviewer and "subsidy-batch-blocked" not in reviewer
    assert "text subsidy-batch-blocked:2026-02" in clerk and "text subsidy-batch:2026-01" not in clerk


def test_a_reminder_shows_no_requirement_id(portal):
    Reminder.objects.create(key="notice-ended:999", kind=Reminder.Kind.NOTICE_ENDED, unit=Unit.objects.get(code="ccb"),
                            due_on=timezone.localdate(), text="公示期满：请公告最终名单（R-16.7）。")
    due = section(landing(portal, staff("ccb", "clerk")), "due-h")
    assert "公示期满：请公告最终名单。" in due and "R-16" not in due


# --- applications and objections: one's own unit's groups only -----------------------------------------------------

def test_a_reviewer_sees_the_reviews_and_objections_of_its_own_groups_and_never_another_units(portal):
    review = advance(ApplicationFactory(c1=True), Stage.SUBSTANTIVE_REVIEW)
    frozen = advance(ApplicationFactory(c1=True), Stage.FROZEN)
    objection = reload(frozen).objections.get()

    ccb = landing(portal, staff("ccb", "reviewer"))
    assert review.number in numbers(ccb, "applications")
    assert numbers(ccb, "objections") == [objection.receipt_number]
    assert frozen.number not in numbers(ccb, "applications")  # the objection is the work, listed once

    other = landing(portal, staff("org_personnel", "reviewer"))  # C4's unit
    assert review.number not in other and objection.receipt_number not in other
    assert 'id="applications-h"' not in other and 'id="objections-h"' not in other

    # the CCB's clerk takes no substantive review and decides no objection
    clerk = landing(portal, staff("ccb", "clerk"))
    assert review.number not in numbers(clerk, "applications") and 'id="objections-h"' not in clerk


def test_the_clerk_has_the_register_button_and_a_reviewer_has_not(portal):
    intake = reverse("housing:intake")
    clerk = landing(portal, staff("ccb", "clerk"))
    assert f'class="button primary" href="{intake}"' in clerk and "Register a new application" in clerk
    assert f'href="{intake}"' not in landing(portal, staff("ccb", "reviewer"))
    assert f'href="{intake}"' not in landing(portal, staff("finance", "clerk"))


def test_discipline_inspection_reads_but_gets_no_work_of_its_own(portal, allocation_round):
    prepared_batch(allocation_round)
    advance(ApplicationFactory(c1=True), Stage.SUBSTANTIVE_REVIEW)
    reminder("demand-2", Reminder.Kind.DEMAND_REPORT, unit="finance")
    content = landing(portal, staff("discipline", "reviewer"))
    assert "text demand-2" in section(content, "due-h")
    assert 'id="batches-review-h"' not in content and 'id="applications-h"' not in content
    assert "Mark done" not in content


# --- age and deadline at a frozen date ---------------------------------------------------------------------------------

def test_days_waiting_and_the_verification_deadline_at_a_frozen_date(portal):
    opened = timezone.now()
    requests = with_requests()
    planning = requests["verify_planning_land"]
    agency = staff("verify_planning_land", "clerk")
    due = planning.due_on  # 10 days from the request
    assert due == timezone.localdate(opened) + datetime.timedelta(days=10)

    with time_machine.travel(opened + datetime.timedelta(days=10), tick=False):
        rows = table_rows(section(landing(portal, agency), "verification-h"))
    assert rows[0][3] == "10" and due.isoformat() in rows[0][4] and "Overdue" not in rows[0][4]
    assert "Due today" in rows[0][4]

    with time_machine.travel(opened + datetime.timedelta(days=13), tick=False):
        content = landing(portal, agency)
    rows = table_rows(section(content, "verification-h"))
    assert rows[0][3] == "13" and "Overdue by 3 days" in rows[0][4]
    assert 'class="overdue"' in section(content, "verification-h")  # marked by style as well as words


def test_a_stage_with_a_policy_period_gets_its_deadline_and_one_without_says_so(allocation_round):
    """R-16.8c: the signing period of the policy in force (sign_within_days, 7 by default); formal review has none."""
    selected = advance(ApplicationFactory(c3=True), Stage.UNIT_SELECTED)
    waiting = ApplicationFactory(c3=True)
    arrived = timezone.localdate(reload(selected).stage_changed_at)
    clerk = staff("ccb", "clerk")

    def row_of(app, today):
        queue = application_queue(clerk, today=today)
        return next(r for r in queue["section"].rows if r.reference == app.number)

    on_time = row_of(selected, arrived + datetime.timedelta(days=7))
    assert (on_time.deadline, on_time.days_waiting, on_time.overdue) == (arrived + datetime.timedelta(days=7), 7,
                                                                        False)
    late = row_of(selected, arrived + datetime.timedelta(days=9))
    assert (late.overdue, late.days_overdue, late.days_waiting) == (True, 2, 9)
    formal = row_of(waiting, arrived + datetime.timedelta(days=30))
    assert formal.deadline is None and not formal.overdue and formal.what == "Formal review"


def test_the_longest_waiting_come_first_and_the_page_costs_the_same_at_2_and_at_12(portal):
    clerk = staff("ccb", "clerk")
    start = timezone.now() - datetime.timedelta(days=30)
    made = []
    for i in range(2):
        with time_machine.travel(start + datetime.timedelta(days=i), tick=False):
            made.append(ApplicationFactory(c1=True).number)
    portal.login(clerk)
    with CaptureQueriesContext(connection) as small:
        content = page_text(portal.get(reverse("housing:work_queue")))
    assert numbers(content, "applications")[:2] == made
    for i in range(10):
        ApplicationFactory(c3=True)
    with CaptureQueriesContext(connection) as large:
        content = page_text(portal.get(reverse("housing:work_queue")))
    assert len(numbers(content, "applications")) == 12
    assert len(large) == len(small)


def test_role_queue_counts_everything_awaiting(allocation_round):
    prepared_batch(allocation_round)
    queue = role_queue(staff("finance", "reviewer"))
    assert queue["awaiting"] == 1 and [s.key for s in queue["sections"]] == ["batches-review"]
