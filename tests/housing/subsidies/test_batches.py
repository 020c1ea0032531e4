"""R-8.2, R-25–R-27, R-32, R-3.2: a month's batch pays each eligible household exactly once, skips stopped
subsidies and households that got a home; boundaries of start, stop, resume and the home's month."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed, StaleBatch
from housing.models import OfficeAction, PolicyVersion, Reminder, SubsidyBatch, SubsidyChange, SubsidyPayment
from housing.subsidies import services as svc
from tests.factories import staff
from tests.factories.subsidies import add_months, filed_home, running_subsidy

pytestmark = pytest.mark.django_db

THIS = timezone.localdate().replace(day=1)
NEXT = add_months(THIS, 1)
AFTER = add_months(THIS, 2)


@pytest.fixture
def clerk():
    return staff("finance", "clerk")


def finance_reviewer():
    """Stops and resumes a subsidy (the duties table: Finance's reviewer or head, not the clerk who pays)."""
    return staff("finance", "reviewer")


def paid(subsidy, month) -> list[Decimal]:
    return list(SubsidyPayment.objects.filter(subsidy=subsidy, month=month).values_list("amount", flat=True))


def prepare(month, actor=None):
    return svc.prepare_batch(actor=actor or staff("finance", "clerk"), month=month)


def test_a_batch_pays_each_running_subsidy_once_and_preparing_again_adds_nothing(allocation_round, clerk):
    one = running_subsidy(start_month=THIS, round=allocation_round)
    two = running_subsidy(start_month=THIS, round=allocation_round)
    first = prepare(THIS, clerk)
    again = prepare(THIS, clerk)
    assert (first.created, first.added) == (True, 2)
    assert (again.created, again.added) == (False, 0)
    assert SubsidyBatch.objects.count() == 1
    assert paid(one, THIS) == [Decimal("1000.00")] and paid(two, THIS) == [Decimal("1000.00")]  # R-27 master


def test_a_subsidy_started_later_is_added_by_preparing_again(allocation_round):
    running_subsidy(start_month=THIS, round=allocation_round)
    prepare(THIS)
    late = running_subsidy(start_month=THIS, round=allocation_round)
    batch = SubsidyBatch.objects.get(month=THIS)
    assert prepare(THIS).added == 1
    assert paid(late, THIS) == [Decimal("1000.00")]
    assert SubsidyBatch.objects.get(pk=batch.pk).version == batch.version + 1  # open review pages are stale


@pytest.mark.parametrize("start, paid_this_month", [(add_months(THIS, -1), True), (THIS, True), (NEXT, False)])
def test_start_month_boundary(allocation_round, start, paid_this_month):
    subsidy = running_subsidy(start_month=start, round=allocation_round)
    prepare(THIS)
    assert bool(paid(subsidy, THIS)) is paid_this_month


def test_stopped_from_next_month_is_paid_this_month_and_not_from_the_stop_month(allocation_round, clerk):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round)
    svc.stop_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=NEXT, reason="持有人书面申请终止补贴")
    for month in (THIS, NEXT, AFTER):
        prepare(month)
    assert paid(subsidy, THIS) and not paid(subsidy, NEXT) and not paid(subsidy, AFTER)
    subsidy.refresh_from_db()
    assert subsidy.stopped_from == NEXT


def test_resumed_subsidy_is_paid_from_the_resume_month_without_back_pay(allocation_round, clerk):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round)
    svc.stop_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=THIS, reason="暂停")
    svc.resume_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=AFTER, reason="恢复")
    for month in (THIS, NEXT, AFTER):
        prepare(month)
    assert [bool(paid(subsidy, m)) for m in (THIS, NEXT, AFTER)] == [False, False, True]
    subsidy.refresh_from_db()
    assert subsidy.stopped_from is None
    assert [c.kind for c in subsidy.changes.all()] == ["stop", "resume"]


def test_a_stop_takes_the_payment_out_of_a_prepared_batch(allocation_round, clerk):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round)
    batch = prepare(THIS).batch
    svc.stop_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=THIS, reason="书面申请")
    assert not paid(subsidy, THIS)
    assert SubsidyBatch.objects.get(pk=batch.pk).version == batch.version + 1
    assert prepare(THIS).added == 0  # stopped: not added back


def test_no_stop_from_a_month_whose_batch_is_reviewed(allocation_round, clerk):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round)
    batch = prepare(THIS, clerk).batch
    svc.review_batch(actor=staff("finance", "reviewer"), batch=batch, expected_version=batch.version)
    with pytest.raises(InvalidInput) as exc:
        svc.stop_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=THIS, reason="书面申请")
    assert NEXT.strftime("%Y-%m") in exc.value.field_errors["from_month"][0]
    assert not SubsidyChange.objects.exists()


def test_resume_needs_a_stop_and_a_reason(allocation_round, clerk):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round)
    with pytest.raises(InvalidInput):
        svc.resume_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=THIS, reason="恢复")
    with pytest.raises(InvalidInput) as exc:
        svc.stop_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=THIS, reason="  ")
    assert "reason" in exc.value.field_errors


@pytest.mark.parametrize("relation", ["applicant", "spouse"])
def test_a_household_with_a_home_from_next_month_is_paid_this_month_only(allocation_round, relation):
    """R-3.2, R-25: the home's term starts mid-month: no payment from that month on; the stop is recorded."""
    subsidy = running_subsidy(start_month=THIS, round=allocation_round, with_spouse=True)
    person = subsidy.application.members.get(relation=relation).id_number
    filed_home(id_number=person, term_start=NEXT.replace(day=15), round=allocation_round,
               relation="applicant" if relation == "applicant" else "spouse")
    assert prepare(THIS).stopped_for_home == 0
    nxt = prepare(NEXT)
    assert nxt.stopped_for_home == 1
    assert paid(subsidy, THIS) and not paid(subsidy, NEXT)
    subsidy.refresh_from_db()
    assert subsidy.stopped_from == NEXT
    change = subsidy.changes.get()
    assert change.kind == "stop" and change.from_month == NEXT and "Art. 3(2)" in change.reason
    assert prepare(AFTER).stopped_for_home == 0  # recorded once; still not paid
    assert not paid(subsidy, AFTER) and subsidy.changes.count() == 1
    assert OfficeAction.objects.filter(action="stop_subsidy", object_id=str(subsidy.pk), article__contains="R-3.2")


def test_a_home_from_this_month_stops_it_this_month(allocation_round):
    subsidy = running_subsidy(start_month=add_months(THIS, -1), round=allocation_round)
    filed_home(id_number=subsidy.application.applicant_id_number, term_start=THIS, round=allocation_round)
    prepare(add_months(THIS, -1))
    prepare(THIS)
    assert paid(subsidy, add_months(THIS, -1)) and not paid(subsidy, THIS)
    with pytest.raises(InvalidInput) as exc:  # no resumption while the home is held
        svc.resume_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=NEXT, reason="恢复")
    assert "Art. 3(2)" in str(exc.value.message)


def test_a_home_this_month_and_a_stop_already_set_for_later_records_one_stop_however_often_prepared(
        allocation_round, clerk):
    """R-3.2, R-X.6: Finance had stopped the subsidy from next month; the household's home starts this month. The
    batch records the stop from this month once; preparing again (or the job running twice) records nothing more."""
    subsidy = running_subsidy(start_month=add_months(THIS, -1), round=allocation_round)
    svc.stop_subsidy(actor=finance_reviewer(), subsidy=subsidy, from_month=NEXT, reason="本人书面申请停发")
    filed_home(id_number=subsidy.application.applicant_id_number, term_start=THIS, round=allocation_round)
    prepare(THIS)
    changes = subsidy.changes.count()
    prepare(THIS)
    prepare(THIS)
    assert subsidy.changes.count() == changes
    assert not paid(subsidy, THIS)
    assert subsidy.changes.filter(kind="stop", from_month=THIS, reason__contains="Art. 3(2)").count() == 1


def test_a_non_applying_member_with_a_home_does_not_stop_the_subsidy(allocation_round):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round, with_spouse=True)
    spouse = subsidy.application.members.get(relation="spouse")
    spouse.applying = False
    spouse.save()
    filed_home(id_number=spouse.id_number, term_start=THIS, round=allocation_round)
    prepare(THIS)
    assert paid(subsidy, THIS)


def test_amounts_follow_the_policy_in_force(allocation_round):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round)
    PolicyVersion.objects.update(subsidy_master=Decimal("1100.00"))
    prepare(THIS)
    assert paid(subsidy, THIS) == [Decimal("1100.00")]


def test_c2_without_the_standard_holds_back_that_household_only(allocation_round):
    """R-26, R-27 (docs/decisions/0041): before, the whole batch, talents included, was refused."""
    subsidy = running_subsidy(start_month=THIS, round=allocation_round, c2=True)
    talent = running_subsidy(start_month=THIS, round=allocation_round)
    PolicyVersion.objects.update(c2_subsidy_standard=None)  # the standard lapses with a new figure not yet entered
    prepared = prepare(THIS)
    assert paid(talent, THIS) == [Decimal("1000.00")] and paid(subsidy, THIS) == []
    assert [h.subsidy for h in prepared.held_back] == [subsidy]
    reason = str(prepared.held_back[0].reason)
    assert "minimum-allowance (C2)" in reason and "Art. 26" in reason
    assert [h.subsidy for h in svc.held_back_in(prepared.batch)] == [subsidy]
    PolicyVersion.objects.update(c2_subsidy_standard=Decimal("650.00"))
    prepare(THIS)
    assert paid(subsidy, THIS) == [Decimal("650.00")]
    assert svc.held_back_in(prepared.batch) == []


# --- review, approval, export -------------------------------------------------------------------------------

def test_prepared_reviewed_approved_exported_by_three_people(allocation_round):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round)
    batch = prepare(THIS, staff("finance", "clerk")).batch
    batch = svc.review_batch(actor=staff("finance", "reviewer"), batch=batch, expected_version=batch.version)
    batch = svc.approve_batch(actor=staff("finance", "head"), batch=batch, expected_version=batch.version)
    content, name = svc.export_batch(actor=staff("finance", "clerk"), batch=batch, fmt="csv")
    assert name == f"subsidy-batch-{THIS:%Y-%m}.csv"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[1][1:5] == [subsidy.application.applicant_name, subsidy.bank_name, subsidy.bank_account, "1000.00"]
    assert subsidy.application.applicant_id_number not in content.decode("utf-8-sig")
    xlsx, _name = svc.export_batch(actor=staff("finance", "reviewer"), batch=batch, fmt="xlsx")  # again: allowed
    assert xlsx[:2] == b"PK"
    batch = SubsidyBatch.objects.get(pk=batch.pk)
    assert batch.status == "exported" and batch.exported_at is not None
    actions = list(OfficeAction.objects.filter(object_type="subsidybatch").values_list("action", flat=True))
    assert sorted(actions) == sorted(["prepare_subsidy_batch", "review_subsidy_batch", "approve_subsidy_batch",
                                      "export_subsidy_batch", "export_subsidy_batch"])
    with pytest.raises(InvalidInput):  # nothing is added to an exported batch
        prepare(THIS)


def test_preparer_cannot_review_and_reviewer_cannot_approve(allocation_round):
    running_subsidy(start_month=THIS, round=allocation_round)
    head = staff("finance", "head")
    batch = prepare(THIS, head).batch
    with pytest.raises(NotPermitted):
        svc.review_batch(actor=head, batch=batch, expected_version=batch.version)
    both = staff("finance", "reviewer", "head")
    batch = svc.review_batch(actor=both, batch=batch, expected_version=batch.version)
    with pytest.raises(NotPermitted):
        svc.approve_batch(actor=both, batch=batch, expected_version=batch.version)
    with pytest.raises(NotPermitted):  # nor the preparer
        svc.approve_batch(actor=head, batch=batch, expected_version=batch.version)
    assert SubsidyBatch.objects.get(pk=batch.pk).status == "reviewed"


def test_a_stale_version_is_refused_and_order_is_kept(allocation_round):
    running_subsidy(start_month=THIS, round=allocation_round)
    batch = prepare(THIS).batch
    with pytest.raises(StaleBatch):
        svc.review_batch(actor=staff("finance", "reviewer"), batch=batch, expected_version=batch.version - 1 or 99)
    with pytest.raises(StageNotAllowed):
        svc.approve_batch(actor=staff("finance", "head"), batch=batch, expected_version=batch.version)
    with pytest.raises(StageNotAllowed):
        svc.export_batch(actor=staff("finance", "clerk"), batch=batch, fmt="csv")


def test_review_needs_every_bank_account(allocation_round):
    subsidy = running_subsidy(start_month=THIS, round=allocation_round, bank=False)
    batch = prepare(THIS).batch
    with pytest.raises(InvalidInput) as exc:
        svc.review_batch(actor=staff("finance", "reviewer"), batch=batch, expected_version=batch.version)
    assert subsidy.application.number in str(exc.value.message)
    svc.set_bank_details(actor=staff("finance", "clerk"), subsidy=subsidy, bank_name="工商银行", bank_account="6222 0000 1111 2222")
    assert SubsidyPayment.objects.get(subsidy=subsidy).bank_account == "6222000011112222"
    svc.review_batch(actor=staff("finance", "reviewer"), batch=batch, expected_version=batch.version)


# --- the scheduled job's service ------------------------------------------------------------------------------

def test_the_job_prepares_once_and_reminds_finance_once(allocation_round):
    running_subsidy(start_month=THIS, round=allocation_round)
    svc.prepare_batch_by_schedule(month=timezone.localdate())
    svc.prepare_batch_by_schedule(month=timezone.localdate())
    assert SubsidyPayment.objects.count() == 1
    reminder = Reminder.objects.get()
    assert reminder.key == f"subsidy-batch:{THIS:%Y-%m}" and reminder.kind == "subsidy_batch"
    assert reminder.unit.code == "finance"
    assert SubsidyBatch.objects.get().prepared_by is None


def test_the_job_leaves_a_reviewed_batch_alone(allocation_round):
    running_subsidy(start_month=THIS, round=allocation_round)
    batch = prepare(THIS).batch
    svc.review_batch(actor=staff("finance", "reviewer"), batch=batch, expected_version=batch.version)
    running_subsidy(start_month=THIS, round=allocation_round)
    assert svc.prepare_batch_by_schedule(month=timezone.localdate()) is None
    assert SubsidyPayment.objects.count() == 1


def test_the_job_tells_finance_which_households_it_held_back(allocation_round):
    """R-26 (docs/decisions/0041): the batch is prepared for the others; Finance is told of the one held back."""
    running_subsidy(start_month=THIS, round=allocation_round, c2=True)
    talent = running_subsidy(start_month=THIS, round=allocation_round)
    PolicyVersion.objects.update(c2_subsidy_standard=None)
    svc.prepare_batch_by_schedule(month=timezone.localdate())
    assert paid(talent, THIS) == [Decimal("1000.00")]
    reminder = Reminder.objects.get(key=f"subsidy-batch-held-back:{THIS:%Y-%m}")
    assert "figure is missing (1)" in reminder.text
