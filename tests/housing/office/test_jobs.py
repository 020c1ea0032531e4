"""R-31, R-34, R-16.7, R-X.6: the deadline jobs raise each reminder once, at the boundary, and change nothing more
when run again."""

import datetime

import pytest
from django.utils import timezone

from housing.groups import Group
from housing.office import jobs as office_jobs
from housing.tenancy import jobs
from housing.models import ApplicantNotice, OfficeAction, Reminder, Tenancy, Termination
from housing.tenancy.services import renewals
from housing.office.reminders import flag_ended_notice_periods
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, advance, reload, staff
from tests.factories.tenancy_min import make_tenancy, reload_tenancy
from tests.factories.workflow import latest_notice, take

pytestmark = pytest.mark.django_db

D = datetime.date


def tenant_notices(tenancy, event):
    return ApplicantNotice.objects.filter(application=tenancy.application, history__event=event)


@pytest.mark.parametrize("ends_on, today, expected", [
    (D(2026, 8, 31), D(2026, 5, 30), 0),  # the day before the 3 months
    (D(2026, 8, 31), D(2026, 5, 31), 1),  # the day the 3 months begin
    (D(2026, 5, 31), D(2026, 2, 27), 0),  # 31 May − 3 months = 28 February (clipped)
    (D(2026, 5, 31), D(2026, 2, 28), 1),
    (D(2026, 8, 31), D(2026, 8, 31), 1),  # the lease's last day
    (D(2026, 8, 31), D(2026, 9, 1), 0),  # after the end: the lease-ends job's business
])
def test_the_renewal_reminder_starts_3_calendar_months_before_the_lease_ends(ends_on, today, expected):
    tenancy = make_tenancy(ends_on=ends_on)
    assert renewals.send_renewal_reminders(today=today) == expected
    assert Reminder.objects.filter(tenancy=tenancy, kind=Reminder.Kind.RENEWAL).count() == expected
    assert tenant_notices(tenancy, "renewal_reminder").count() == expected


def test_the_renewal_reminder_is_raised_once_with_one_notice_to_the_tenant():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=40))
    assert jobs.send_renewal_reminders() == 1
    assert jobs.send_renewal_reminders() == 0
    reminder = Reminder.objects.get()
    assert reminder.key == f"renewal:{tenancy.pk}:{tenancy.ends_on.isoformat()}"
    assert (reminder.kind, reminder.unit.code, reminder.due_on) == (Reminder.Kind.RENEWAL, "ccb", tenancy.ends_on)
    assert reminder.application == tenancy.application
    notice = tenant_notices(tenancy, "renewal_reminder").get()
    assert tenancy.ends_on.isoformat() in notice.message_en and "Art. 31" in notice.message_en
    assert "续" in notice.message_zh or tenancy.ends_on.isoformat() in notice.message_zh


def test_a_renewed_lease_gets_a_reminder_of_its_own():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=40))
    renewals.send_renewal_reminders(today=today)
    Tenancy.objects.filter(pk=tenancy.pk).update(ends_on=renewals.add_months(tenancy.ends_on, 36))
    later = renewals.renewal_opens_on(reload_tenancy(tenancy).ends_on)
    assert renewals.send_renewal_reminders(today=later) == 1
    assert Reminder.objects.filter(tenancy=tenancy, kind=Reminder.Kind.RENEWAL).count() == 2


def test_a_talent_renewed_once_is_told_the_home_will_be_taken_back():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=10), group=Group.INSTITUTION_TALENT, renewals=1)
    renewals.send_renewal_reminders(today=today)
    notice = tenant_notices(tenancy, "renewal_reminder").get()
    assert "only once (Art. 30)" in notice.message_en
    assert "Art. 30" in Reminder.objects.get().text


@pytest.mark.parametrize("days_after_end, ended", [(0, False), (1, True)])
def test_a_lease_not_renewed_is_taken_back_the_day_after_it_ends(days_after_end, ended):
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today - datetime.timedelta(days=days_after_end))
    assert jobs.end_unrenewed_leases() == int(ended)
    tenancy = reload_tenancy(tenancy)
    assert tenancy.status == (Tenancy.Status.ENDING if ended else Tenancy.Status.ACTIVE)
    assert Termination.objects.filter(tenancy=tenancy).exists() is ended
    if ended:
        termination = tenancy.termination
        assert termination.reason == Termination.Reason.LEASE_END
        assert termination.notified_on == today
        assert termination.move_out_by == today + datetime.timedelta(days=30)
        reminder = Reminder.objects.get(kind=Reminder.Kind.LEASE_END)
        assert reminder.tenancy == tenancy and reminder.due_on == termination.move_out_by
        notice = tenant_notices(tenancy, "lease_ended").get()
        assert termination.move_out_by.isoformat() in notice.message_en
        assert OfficeAction.objects.filter(action="end_unrenewed_lease", object_id=str(tenancy.pk)).count() == 1


def test_taking_back_an_ended_lease_runs_once():
    tenancy = make_tenancy(ends_on=timezone.localdate() - datetime.timedelta(days=5))
    assert jobs.end_unrenewed_leases() == 1
    assert jobs.end_unrenewed_leases() == 0
    assert Termination.objects.filter(tenancy=tenancy).count() == 1
    assert Reminder.objects.filter(kind=Reminder.Kind.LEASE_END).count() == 1
    assert tenant_notices(tenancy, "lease_ended").count() == 1
    assert OfficeAction.objects.filter(action="end_unrenewed_lease").count() == 1


def test_a_lease_whose_renewal_passed_is_not_taken_back():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today - datetime.timedelta(days=1))
    # registered while the window was open, announced since (R-31: "passed")
    application = renewals.register_renewal(actor=staff("ccb", "clerk"), tenancy=tenancy,
                                            round=AllocationRoundFactory(), today=tenancy.ends_on)
    advance(application, Stage.ANNOUNCED)
    assert jobs.end_unrenewed_leases() == 0
    assert reload_tenancy(tenancy).status == Tenancy.Status.ACTIVE


def test_a_renewal_still_under_review_at_the_end_does_not_stop_the_take_back():
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today - datetime.timedelta(days=1))
    application = renewals.register_renewal(actor=staff("ccb", "clerk"), tenancy=tenancy,
                                            round=AllocationRoundFactory(), today=tenancy.ends_on)
    assert jobs.end_unrenewed_leases() == 1
    assert application.number in Reminder.objects.get(kind=Reminder.Kind.LEASE_END).text


def test_an_ended_notice_period_is_flagged_once_for_the_ccb_to_announce():
    round_ = AllocationRoundFactory()
    ended = advance(ApplicationFactory(round=round_), Stage.PUBLIC_NOTICE, notice_over=True)
    still_open = advance(ApplicationFactory(round=round_, group=Group.MINIMUM_ALLOWANCE), Stage.PUBLIC_NOTICE)
    notice = latest_notice(ended)
    assert office_jobs.flag_ended_notice_periods() == 1
    assert office_jobs.flag_ended_notice_periods() == 0
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.unit.code, reminder.key) == (
        Reminder.Kind.NOTICE_ENDED, "ccb", f"notice-ended:{notice.pk}")
    assert reminder.due_on == notice.ends_on + datetime.timedelta(days=1)
    assert latest_notice(still_open).ends_on >= timezone.localdate()


@pytest.mark.parametrize("days_after_end, flagged", [(0, 0), (1, 1)])
def test_a_notice_is_flagged_from_the_day_after_its_last_day(days_after_end, flagged):
    application = advance(ApplicationFactory(), Stage.PUBLIC_NOTICE, notice_over=True)
    notice = latest_notice(application)
    assert flag_ended_notice_periods(today=notice.ends_on + datetime.timedelta(days=days_after_end)) == flagged


def test_an_announced_notice_is_not_flagged():
    application = advance(ApplicationFactory(), Stage.ANNOUNCED)
    assert reload(application).stage == Stage.ANNOUNCED
    assert flag_ended_notice_periods() == 0
