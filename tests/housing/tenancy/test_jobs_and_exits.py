"""R-33, R-34, R-X.6: arrears and overstays found by the scheduled jobs (once), checks, violations, move-out."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from config.schedule import BEAT_SCHEDULE
from housing.tenancy import jobs as jobs

from housing.exceptions import InvalidInput
from housing.models import HousingUnit, Reminder, Tenancy, Termination, Violation
from housing.rules.arrears import add_months, first_of_month
from housing.tenancy.services import exits
from housing.tenancy.services.ledger import detect_arrears, record_occupancy_check, record_violation
from housing.tenancy.selectors import not_living_proposal
from tests.factories.tenancy import TenancyFactory, pay
from tests.housing.conftest import PNG_BYTES

TODAY = timezone.localdate


def reload(tenancy) -> Tenancy:
    return Tenancy.objects.select_related("unit").get(pk=tenancy.pk)


def months_of(tenancy, *offsets):
    return [add_months(tenancy.starts_on, n) for n in offsets]


# --- arrears ---------------------------------------------------------------------------------------------

def test_arrears_job_records_once_and_a_reminder(db):
    tenancy = TenancyFactory()  # started 12 months ago: months 0..11 are due today, the current month is not
    pay(tenancy, *months_of(tenancy, *range(0, 10)))  # months 10 and 11 unpaid: 2 consecutive
    assert detect_arrears() == 1
    assert detect_arrears() == 0  # running twice adds nothing
    violation = Violation.objects.get(tenancy=tenancy)
    assert violation.ground == "R-33.2" and violation.recorded_by is None
    assert violation.basis["months"] == [f"{m:%Y-%m}" for m in months_of(tenancy, 10, 11)]
    reminder = Reminder.objects.get(tenancy=tenancy)
    assert reminder.kind == Reminder.Kind.ARREARS and reminder.unit.code == "ccb"


def test_one_unpaid_month_is_no_arrears(db):
    tenancy = TenancyFactory()
    pay(tenancy, *months_of(tenancy, *range(0, 11)))  # only month 11 unpaid
    assert detect_arrears() == 0 and not Violation.objects.exists()


def test_five_scattered_no_six_scattered_yes(db):
    tenancy = TenancyFactory()
    pay(tenancy, *months_of(tenancy, 1, 3, 5, 7, 9, 11))  # unpaid 0, 2, 4, 6, 8, 10: six scattered
    due_first_five = add_months(first_of_month(tenancy.starts_on), 9)  # on this day months 0..8 are due: 5 unpaid
    assert detect_arrears(on=due_first_five) == 0
    assert detect_arrears() == 1
    assert Violation.objects.get().basis["kind"] == "total"


# --- occupancy checks and violations -----------------------------------------------------------------------

def test_two_empty_checks_six_months_apart_propose_a_violation(db, clerk):
    tenancy = TenancyFactory()
    first = tenancy.starts_on + datetime.timedelta(days=10)
    record_occupancy_check(actor=clerk, tenancy=tenancy, checked_on=first, occupied=False, note="无人")
    record_occupancy_check(actor=clerk, tenancy=tenancy, checked_on=add_months(first, 6) - datetime.timedelta(days=1),
                           occupied=False, note="无人")
    assert not_living_proposal(reload(tenancy)) is None  # a day short of 6 months
    record_occupancy_check(actor=clerk, tenancy=tenancy, checked_on=add_months(first, 6), occupied=False, note="无人")
    proposal = not_living_proposal(reload(tenancy))
    assert proposal and proposal["first"].checked_on == first
    record_violation(actor=clerk, tenancy=tenancy, ground="R-33.1", facts="两次核查无人居住",
                     basis={"checks": proposal["checks"]}, penalty=Decimal("500.00"))
    assert not_living_proposal(reload(tenancy)) is None  # recorded: no longer proposed


def test_an_empty_home_needs_the_facts(db, clerk):
    with pytest.raises(InvalidInput):
        record_occupancy_check(actor=clerk, tenancy=TenancyFactory(), checked_on=TODAY(), occupied=False, note="")


@pytest.mark.parametrize("name, content, ok", [
    ("photo.png", PNG_BYTES, True),
    ("photo.gif", PNG_BYTES, False),
    ("photo.png", b"GIF89a" + bytes(40), False),
    ("big.png", PNG_BYTES + bytes(10 * 1024 * 1024), False),
])
def test_violation_evidence_type_and_size(db, clerk, private_media, name, content, ok):
    tenancy = TenancyFactory()
    upload = SimpleUploadedFile(name, content)
    if ok:
        violation = record_violation(actor=clerk, tenancy=tenancy, ground="R-33.3", facts="转租", evidence=upload)
        assert violation.evidence.name.endswith(".png")
    else:
        with pytest.raises(InvalidInput):
            record_violation(actor=clerk, tenancy=tenancy, ground="R-33.3", facts="转租", evidence=upload)
        assert not Violation.objects.exists()


# --- termination and move-out ---------------------------------------------------------------------------------

def serve(tenancy, actor, *, reason="lease_end", notified_on=None, violation=None):
    return exits.serve_termination_notice(actor=actor, tenancy=tenancy, expected_version=reload(tenancy).version,
                                          reason=reason, notified_on=notified_on or TODAY(), violation=violation)


def test_move_out_by_is_day_30_and_the_overstay_is_flagged_on_day_31_once(db, clerk):
    tenancy = TenancyFactory()
    notified = TODAY() - datetime.timedelta(days=40)
    termination = serve(tenancy, clerk, notified_on=notified)
    assert termination.move_out_by == notified + datetime.timedelta(days=30)
    assert reload(tenancy).status == Tenancy.Status.ENDING
    assert exits.flag_move_out_overstays(on=notified + datetime.timedelta(days=30)) == 0  # day 30: still in time
    assert exits.flag_move_out_overstays(on=notified + datetime.timedelta(days=31)) == 1  # day 31: overstay
    assert exits.flag_move_out_overstays() == 0  # once
    termination.refresh_from_db()
    assert termination.overstay_flagged_on == notified + datetime.timedelta(days=31)
    assert termination.market_rent == Decimal("2400.00")
    assert Reminder.objects.filter(kind=Reminder.Kind.MOVE_OUT, tenancy=tenancy).count() == 1


@pytest.mark.parametrize("days, granted", [(60, True), (61, False)])
def test_extension_at_most_60_days(db, clerk, head, days, granted):
    tenancy = TenancyFactory()
    termination = serve(tenancy, clerk)
    if granted:
        exits.extend_move_out(actor=head, tenancy=tenancy, expected_version=reload(tenancy).version, days=days,
                              reason="孩子期末考试")
        termination.refresh_from_db()
        assert termination.move_out_by == TODAY() + datetime.timedelta(days=90)
        assert termination.market_rent == Decimal("2400.00")
    else:
        with pytest.raises(InvalidInput) as refused:
            exits.extend_move_out(actor=head, tenancy=tenancy, expected_version=reload(tenancy).version,
                                  days=days, reason="孩子期末考试")
        assert "at most 60 days" in str(refused.value.field_errors["days"][0])
        termination.refresh_from_db()
        assert termination.extension_days == 0


def test_a_second_extension_is_refused(db, clerk, head):
    tenancy = TenancyFactory()
    serve(tenancy, clerk)
    exits.extend_move_out(actor=head, tenancy=tenancy, expected_version=reload(tenancy).version, days=10,
                          reason="搬家公司")
    with pytest.raises(InvalidInput, match="one extension only"):
        exits.extend_move_out(actor=head, tenancy=tenancy, expected_version=reload(tenancy).version, days=10,
                              reason="再延")


def test_termination_for_a_violation_is_a_decision(db, clerk, head):
    tenancy = TenancyFactory()
    violation = record_violation(actor=clerk, tenancy=tenancy, ground="R-33.6", facts="开店")
    with pytest.raises(Exception, match=r"Art\. 12\(9\), Art\. 33"):
        serve(tenancy, clerk, reason="violation", violation=violation)
    termination = serve(tenancy, head, reason="violation", violation=violation)
    assert termination.violation == violation


def test_voluntary_end_and_keys_return_the_home_to_the_stock(db, clerk, reviewer):
    tenancy = TenancyFactory()
    serve(tenancy, clerk, reason="voluntary", notified_on=TODAY() - datetime.timedelta(days=5))
    exits.record_keys_returned(actor=clerk, tenancy=tenancy, expected_version=reload(tenancy).version,
                               returned_on=TODAY())
    tenancy = reload(tenancy)
    assert tenancy.status == Tenancy.Status.ENDED
    assert HousingUnit.objects.get(pk=tenancy.unit_id).status == HousingUnit.Status.AVAILABLE
    assert Termination.objects.get(tenancy=tenancy).keys_returned_on == TODAY()


def test_court_request_only_after_the_deadline(db, clerk, head):
    tenancy = TenancyFactory()
    notified = TODAY() - datetime.timedelta(days=30)
    serve(tenancy, clerk, notified_on=notified)
    with pytest.raises(InvalidInput, match="only after the move-out deadline"):
        exits.record_court_request(actor=head, tenancy=tenancy, expected_version=reload(tenancy).version,
                                   requested_on=TODAY())  # day 30 is still within the deadline
    tenancy2 = TenancyFactory()
    serve(tenancy2, clerk, notified_on=notified - datetime.timedelta(days=1))
    termination = exits.record_court_request(actor=head, tenancy=tenancy2,
                                             expected_version=reload(tenancy2).version, requested_on=TODAY())
    assert termination.court_case_opened_on == TODAY()


def test_a_stale_version_is_refused(db, clerk):
    tenancy = TenancyFactory()
    with pytest.raises(Exception, match="Someone else changed this tenancy"):
        exits.serve_termination_notice(actor=clerk, tenancy=tenancy, expected_version=tenancy.version + 1,
                                       reason="lease_end", notified_on=TODAY())
    assert not Termination.objects.exists()


def test_the_scheduled_tasks_run_twice_change_nothing_more(db, clerk):
    assert BEAT_SCHEDULE["rent-arrears"]["task"] == jobs.detect_arrears.name
    assert BEAT_SCHEDULE["move-out-deadlines"]["task"] == jobs.flag_move_out_overstays.name
    tenancy = TenancyFactory()
    serve(tenancy, clerk, notified_on=TODAY() - datetime.timedelta(days=31))
    assert (jobs.detect_arrears.apply().get(), jobs.flag_move_out_overstays.apply().get()) == (1, 1)
    counts = (Violation.objects.count(), Reminder.objects.count())
    assert (jobs.detect_arrears.apply().get(), jobs.flag_move_out_overstays.apply().get()) == (0, 0)
    assert (Violation.objects.count(), Reminder.objects.count()) == counts == (1, 2)
