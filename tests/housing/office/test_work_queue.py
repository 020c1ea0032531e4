"""R-X.6: each unit sees what is due in its work queue, oldest first, overdue marked; discipline inspection reads
every unit's; only the unit addressed marks a reminder done, and that is recorded (R-6)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from departments.models import Unit
from housing.models import OfficeAction, Reminder
from tests.factories import staff
from tests.factories.tenancy_min import make_tenancy
from tests.housing.conftest import page_text, section, table_rows

pytestmark = pytest.mark.django_db


def reminder(key, unit="ccb", days=0, kind=Reminder.Kind.DEMAND_REPORT, **extra):
    return Reminder.objects.create(key=key, kind=kind, unit=Unit.objects.get(code=unit),
                                   due_on=timezone.localdate() + datetime.timedelta(days=days), text=f"text {key}",
                                   **extra)


def due_rows(portal):
    response = portal.get(reverse("housing:work_queue"))
    assert response.status_code == 200
    return table_rows(section(page_text(response), "due-h")), page_text(response)


def test_a_unit_sees_its_own_reminders_by_due_date_with_the_overdue_marked(portal):
    reminder("later", days=5)
    reminder("overdue", days=-1)
    reminder("today", days=0)
    reminder("done", days=-3).__class__.objects.filter(key="done").update(done_at=timezone.now())
    reminder("finance", unit="finance", days=-2)
    portal.login(staff("ccb", "clerk"))
    rows, content = due_rows(portal)
    assert [row[1].split("text ")[1] for row in rows] == ["overdue", "today", "later"]
    assert "Overdue" in " ".join(rows[0]) and "Overdue" not in " ".join(rows[1])
    assert "text finance" not in content


def test_discipline_inspection_reads_every_units_reminders_but_marks_none_done(portal):
    ccb = reminder("ccb-one")
    reminder("finance-one", unit="finance")
    portal.login(staff("discipline", "reviewer"))
    rows, content = due_rows(portal)
    assert len(rows) == 2
    assert "Mark done" not in section(content, "due-h")
    response = portal.post(reverse("housing:reminder_done", args=[ccb.pk]))
    assert response.status_code == 403
    assert Reminder.objects.get(pk=ccb.pk).done_at is None


def test_only_the_unit_addressed_marks_a_reminder_done_and_it_is_recorded(portal):
    due = reminder("ccb-two")
    portal.login(staff("finance", "clerk"))
    assert portal.post(reverse("housing:reminder_done", args=[due.pk])).status_code == 403
    assert portal.get(reverse("housing:reminder_done", args=[due.pk])).status_code == 405
    assert Reminder.objects.get(pk=due.pk).done_at is None

    portal.login(staff("ccb", "clerk"))
    rows, content = due_rows(portal)
    assert "Mark done" in section(content, "due-h")
    response = portal.post(reverse("housing:reminder_done", args=[due.pk]))
    assert response.status_code == 302
    assert Reminder.objects.get(pk=due.pk).done_at is not None
    action = OfficeAction.objects.get(action="mark_reminder_done")
    assert action.object_id == str(due.pk) and action.actor == portal.user
    rows, _content = due_rows(portal)
    assert rows == []


def test_a_tenancy_reminder_links_to_its_application_and_to_the_renewal(portal):
    tenancy = make_tenancy(ends_on=timezone.localdate() + datetime.timedelta(days=30))
    reminder("renewal", kind=Reminder.Kind.RENEWAL, tenancy=tenancy)
    portal.login(staff("ccb", "clerk"))
    _rows, content = due_rows(portal)
    due = section(content, "due-h")
    assert reverse("housing:application_detail", args=[tenancy.application.number]) in due
    assert reverse("housing:renewal_register", args=[tenancy.pk]) in due


def test_the_work_queue_costs_the_same_at_3_and_at_30_reminders(portal):
    tenancy = make_tenancy(ends_on=timezone.localdate() + datetime.timedelta(days=30))
    portal.login(staff("ccb", "clerk"))

    def add(n, start):
        for i in range(start, start + n):
            kind = [Reminder.Kind.RENEWAL, Reminder.Kind.NOTICE_ENDED, Reminder.Kind.DEMAND_REPORT][i % 3]
            extra = {"tenancy": tenancy} if kind == Reminder.Kind.RENEWAL else {}
            key = f"notice-ended:{i}" if kind == Reminder.Kind.NOTICE_ENDED else f"k{i}"
            reminder(key, kind=kind, days=i - 10, **extra)

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            rows, _content = due_rows(portal)
        return len(ctx), len(rows)

    add(3, 0)
    due_rows(portal)
    small = measure()
    add(27, 3)
    large = measure()
    assert (small[1], large[1]) == (3, 30)
    assert small[0] == large[0]
