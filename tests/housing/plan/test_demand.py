"""R-15.1, R-15.2: demand reports, their deadline of 31 October, late reports, and the job that flags misses once."""

import datetime

import pytest

from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import ALLOWED_FORMS, Form, Group, groups_of_unit
from housing.models import DemandDeadlineMiss, DemandReport, OfficeAction, Reminder
from housing.plan.services import (
    demand_deadline,
    flag_late_demand_reports,
    last_passed_deadline,
    reporting_year,
    submit_demand_report,
)
from tests.factories import staff
from tests.housing.plan.conftest import at

pytestmark = pytest.mark.django_db

OCT30, OCT31, NOV1 = datetime.date(2026, 10, 30), datetime.date(2026, 10, 31), datetime.date(2026, 11, 1)


def report(actor, group, year=2027, day=OCT31, **counts):
    counts = {"rental_households": 10, **counts}
    return submit_demand_report(actor=actor, group=group, year=year, at=at(day), **counts)


def report_all(unit_code, year=2027, day=OCT31):
    actor = staff(unit_code, "clerk")
    for group in sorted(groups_of_unit(unit_code)):
        field = "sale_households" if Form.ECONOMIC_HOUSING in ALLOWED_FORMS[group] else "rental_households"
        submit_demand_report(actor=actor, group=group, year=year, at=at(day), **{field: 5})


@pytest.mark.parametrize("today,year,deadline", [
    (OCT30, 2026, datetime.date(2025, 10, 31)),
    (OCT31, 2026, datetime.date(2025, 10, 31)),
    (NOV1, 2027, OCT31),
    (datetime.date(2027, 1, 1), 2027, OCT31),
])
def test_the_last_deadline_that_passed(today, year, deadline):
    assert last_passed_deadline(today) == (year, deadline)


@pytest.mark.parametrize("today,year", [(OCT30, 2027), (OCT31, 2027), (NOV1, 2028)])
def test_the_year_being_reported_for(today, year):
    assert reporting_year(today) == year
    assert demand_deadline(2027) == OCT31


@pytest.mark.parametrize("day,late", [(OCT30, False), (OCT31, False), (NOV1, True)])
def test_a_report_on_31_october_is_on_time_and_one_on_1_november_late_but_accepted(day, late):
    clerk = staff("ccb", "clerk")
    saved = report(clerk, Group.NO_HOUSING, day=day)
    assert saved.late is late
    assert DemandReport.objects.get(unit=clerk.unit, year=2027, group=Group.NO_HOUSING).rental_households == 10
    action = OfficeAction.objects.get(object_type="demandreport", object_id=str(saved.pk))
    assert action.action == "report_demand" and action.actor == clerk and action.data["late"] is late


def test_a_unit_reports_only_its_own_groups():
    with pytest.raises(NotPermitted):
        report(staff("org_personnel", "reviewer"), Group.NO_HOUSING)
    assert not DemandReport.objects.exists()


@pytest.mark.parametrize("unit,role", [("finance", "clerk"), ("discipline", "reviewer"), ("joint_meeting", "head"),
                                       ("verify_civil_affairs", "clerk")])
def test_units_without_applicant_groups_report_nothing(unit, role):
    with pytest.raises(NotPermitted):
        report(staff(unit, role), Group.NO_HOUSING)


def test_only_the_forms_a_group_may_receive_are_reported():
    with pytest.raises(InvalidInput) as refused:
        report(staff("ccb", "clerk"), Group.NO_HOUSING, subsidy_households=3)  # C3: public rental only
    assert "subsidy_households" in refused.value.field_errors
    with pytest.raises(InvalidInput) as refused:
        report(staff("ccb", "clerk"), Group.LOW_INCOME_NO_HOUSING, rental_households=1)  # C1: economic housing only
    assert "rental_households" in refused.value.field_errors
    assert not DemandReport.objects.exists()


def test_a_year_that_is_not_being_reported_is_refused():
    with pytest.raises(InvalidInput) as refused:
        report(staff("ccb", "clerk"), Group.NO_HOUSING, year=2029)
    assert "year" in refused.value.field_errors


def test_a_report_can_be_corrected_until_the_deadline_but_not_after():
    clerk = staff("ccb", "clerk")
    report(clerk, Group.NO_HOUSING, day=OCT30)
    corrected = report(clerk, Group.NO_HOUSING, day=OCT31, rental_households=12)
    assert corrected.rental_households == 12 and corrected.late is False
    assert OfficeAction.objects.filter(action="correct_demand_report").get().data["before"]["rental_households"] == 10
    with pytest.raises(InvalidInput):
        report(clerk, Group.NO_HOUSING, day=NOV1, rental_households=99)
    assert DemandReport.objects.get().rental_households == 12


def test_the_job_flags_each_unit_that_missed_the_deadline_once():
    report_all("ccb", day=OCT31)  # on time
    report_all("social_construction", day=NOV1)  # late
    report(staff("org_personnel", "clerk"), Group.INSTITUTION_TALENT, day=OCT30)
    result = flag_late_demand_reports(today=NOV1)
    assert result["flagged"] == 3  # social construction (late), public affairs, economic services (nothing)
    flagged = {m.unit.code: m for m in DemandDeadlineMiss.objects.all()}
    assert set(flagged) == {"social_construction", "public_affairs", "econ_services"}
    assert flagged["social_construction"].missing_groups == [Group.MINIMUM_ALLOWANCE]
    assert flagged["social_construction"].year == 2027 and flagged["social_construction"].deadline == OCT31
    assert OfficeAction.objects.filter(action="flag_demand_deadline_miss", actor=None).count() == 3
    # the next day's run, and a run after a late report, flag nobody again
    report_all("public_affairs", day=datetime.date(2026, 11, 2))
    assert flag_late_demand_reports(today=datetime.date(2026, 11, 2))["flagged"] == 0
    assert DemandDeadlineMiss.objects.count() == 3


def test_on_31_october_nobody_is_flagged_for_the_coming_year():
    flag_late_demand_reports(today=OCT31)
    assert not DemandDeadlineMiss.objects.filter(year=2027).exists()
    flag_late_demand_reports(today=NOV1)
    assert DemandDeadlineMiss.objects.filter(year=2027).count() == 5


def test_in_october_the_job_reminds_units_that_have_not_reported_once_and_a_full_report_closes_the_reminder():
    report_all("ccb", day=datetime.date(2026, 10, 2))
    flag_late_demand_reports(today=datetime.date(2026, 10, 3))
    flag_late_demand_reports(today=datetime.date(2026, 10, 4))
    reminders = {r.unit.code: r for r in Reminder.objects.filter(kind=Reminder.Kind.DEMAND_REPORT)}
    assert set(reminders) == {"social_construction", "org_personnel", "public_affairs", "econ_services"}
    assert reminders["org_personnel"].key == "demand:org_personnel:2027"
    assert reminders["org_personnel"].due_on == OCT31
    report_all("org_personnel", day=datetime.date(2026, 10, 5))
    assert Reminder.objects.get(key="demand:org_personnel:2027").done_at is not None


def test_outside_october_no_reminder_is_raised():
    flag_late_demand_reports(today=datetime.date(2026, 9, 30))
    flag_late_demand_reports(today=NOV1)
    assert not Reminder.objects.filter(kind=Reminder.Kind.DEMAND_REPORT).exists()
