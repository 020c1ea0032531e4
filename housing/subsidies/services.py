"""Monthly subsidy batches (R-8.2, R-25–R-27), stops and resumptions (R-32, R-3.2). docs/decisions/0017.

A batch pays, for its month, every running subsidy that started by then, is not stopped in that month and whose
household (the applicant and the co-applicants, by ID number) holds no home with a filed contract in that month.
It is prepared (by a Finance clerk or the scheduled job), reviewed by someone who did not prepare it, approved by a
head who neither prepared nor reviewed it, and exported as the bank file. Preparing again adds only what is
missing: the database pays a subsidy at most once a month (SubsidyPayment unique (subsidy, month)).
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from departments.models import Unit
from departments.permissions import FINANCE
from housing.cases.month_counters import count_payments
from housing.exceptions import BatchClosed, InvalidInput, NotPermitted, StageNotAllowed, StaleBankDetails
from housing.models import (HouseholdMember, OfficeAction, Reminder, Subsidy, SubsidyBatch, SubsidyChange,
                            SubsidyPayment)
from housing.rules.dates import next_month
from housing.rules.subsidy import (SubsidyFigureMissing, first_of_month, home_held_in, monthly_amount,
                                   stopped_in)
from housing.policy import NoPolicyInForce, policy_in_force
from housing.office.log import record_action, require_office_duty
from housing.office.step import office_step
from housing.stages import Stage
from housing.subsidies.selectors import payments_taken_out_by_stop
from publicity.public.exports import CONTENT_TYPES, safe_cell  # noqa: F401 - CONTENT_TYPES: the bank file's types, for the view


def _month_label(month: datetime.date) -> str:
    return month.strftime("%Y-%m")


def _preparers(batch: SubsidyBatch) -> set[int]:
    ids = set(OfficeAction.objects.filter(object_type="subsidybatch", object_id=str(batch.pk),
                                          action="prepare_subsidy_batch", actor__isnull=False)
              .values_list("actor_id", flat=True))
    if batch.prepared_by_id:
        ids.add(batch.prepared_by_id)
    return ids


# --- homes (R-3.2, R-25) ------------------------------------------------------------------------------------

def household_ids(application) -> set[str]:
    """The applicant and the co-applicants, by resident ID number."""
    ids = {application.applicant_id_number}
    ids.update(m.id_number for m in application.members.all() if m.applying or m.relation == "applicant")
    return ids


def homes_by_person(id_numbers: set[str]) -> dict[str, list[tuple]]:
    """For each ID number: (term_start, term_end, contract number) of every filed contract of a household it
    applied in (as applicant or co-applicant)."""
    out: dict[str, list[tuple]] = {}
    if not id_numbers:
        return out
    rows = (HouseholdMember.objects.filter(id_number__in=id_numbers, application__contract__filed_on__isnull=False)
            .filter(Q(applying=True) | Q(relation="applicant"))
            .values_list("id_number", "application__contract__term_start", "application__contract__term_end",
                         "application__contract__number"))
    for number, start, end, contract in rows:
        out.setdefault(number, []).append((start, end, contract))
    return out


def home_from(subsidy: Subsidy, month: datetime.date, homes: dict[str, list[tuple]]):
    """(first month of the home, contract number) when the household holds a home in ``month``; else None."""
    found = []
    for number in household_ids(subsidy.application):
        for start, end, contract in homes.get(number, []):
            held = home_held_in(month, [(start, end)])
            if held is not None:
                found.append((held, contract))
    return min(found) if found else None


# --- preparing ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HeldBack:
    """R-26, R-27: a household whose monthly figure is not entered is held back, alone (docs/decisions/0041)."""
    subsidy: Subsidy
    reason: str


@dataclass
class Prepared:
    batch: SubsidyBatch
    created: bool
    added: int
    stopped_for_home: int
    skipped_stopped: int
    held_back: list = field(default_factory=list)


def _amount_of(application, policy) -> Decimal:
    return monthly_amount(group=application.group, title=application.talent_title,
                          degree=application.talent_degree, title_basis=application.talent_title_basis,
                          full_time=application.degree_full_time,
                          foreign_degree_certified=application.foreign_degree_certified,
                          c2_standard=policy.c2_subsidy_standard, talent_amounts=dict(policy.talent_subsidies))


def _held_back_reason(missing: SubsidyFigureMissing, policy) -> str:
    return _("Held back: the policy version %(version)s in force has no %(figure)s (%(article)s); paid once it is "
             "entered.") % {"version": policy.version, "figure": _figure_label(missing.figure),
                            "article": _ARTICLES.get(missing.article, missing.article)}


# How the measures cite the figure a payment needs (people never see R-ids).
_ARTICLES = {"R-26": gettext_lazy("Art. 26 of the measures"), "R-27": gettext_lazy("Art. 27 of the measures"),
             "R-25": gettext_lazy("Art. 25 of the measures")}


def held_back_in(batch: SubsidyBatch) -> list[HeldBack]:
    """The subsidies due in the batch's month that are not in it because a figure is missing (R-26, R-27)."""
    try:
        policy = policy_in_force(batch.month)
    except NoPolicyInForce:
        return []
    held = []
    for subsidy in (Subsidy.objects.filter(start_month__lte=batch.month, application__stage=Stage.SUBSIDY_RUNNING)
                    .exclude(payments__month=batch.month).select_related("application").prefetch_related("changes")
                    .order_by("application__number")):
        if stopped_in(batch.month, _changes(subsidy)):
            continue
        try:
            _amount_of(subsidy.application, policy)
        except SubsidyFigureMissing as missing:
            held.append(HeldBack(subsidy, _held_back_reason(missing, policy)))
    return held


def _changes(subsidy: Subsidy) -> list[tuple]:
    return [(c.kind, c.from_month) for c in sorted(subsidy.changes.all(), key=lambda c: (c.recorded_at, c.pk))]


def _stops_for_homes(found: list[tuple], actor, month: datetime.date) -> None:
    """R-3.2: a home and a subsidy never together: each subsidy of ``found`` (subsidy, first month of the home,
    contract number) is stopped from the month the home's term starts. Written in bulk: one query per kind of
    record, whatever the number of households (bench/bench_jobs.py)."""
    if not found:
        return
    recorded_by = actor if getattr(actor, "pk", None) else None
    changes, actions, stops = [], [], []
    for subsidy, home_month, contract in found:
        # Only changes in effect by ``month`` count: a stop already recorded from a later month must not push this
        # one past the month being paid, or every run would record it again (R-X.6).
        latest = max((c.from_month for c in subsidy.changes.all() if c.from_month <= month), default=None)
        from_month = max(home_month, latest) if latest else home_month
        from_month = max(from_month, subsidy.start_month)
        reason = _("The household holds a home under filed contract %(contract)s from %(month)s; a home and a "
                   "subsidy are never held together (Art. 3(2), Art. 25).") % {"contract": contract,
                                                                        "month": _month_label(home_month)}
        changes.append(SubsidyChange(subsidy=subsidy, kind=SubsidyChange.Kind.STOP, from_month=from_month,
                                     reason=reason, recorded_by=recorded_by))
        subsidy.stopped_from = from_month
        stops.append((subsidy, from_month, contract, reason))
    SubsidyChange.objects.bulk_create(changes)
    Subsidy.objects.bulk_update([s for s, *_rest in stops], ["stopped_from"])
    # Months already paid from the home's first month on are listed for Finance to recover.
    paid: dict[int, list[datetime.date]] = {}
    for subsidy_id, paid_month in (SubsidyPayment.objects.filter(subsidy__in=[s for s, *_rest in stops])
                                   .values_list("subsidy_id", "month")):
        paid.setdefault(subsidy_id, []).append(paid_month)
    for subsidy, from_month, contract, reason in stops:
        overpaid = sorted(_month_label(m) for m in paid.get(subsidy.pk, []) if m >= from_month)
        actions.append(OfficeAction(  # what record_action writes, in bulk
            actor=recorded_by, actor_name=getattr(actor, "username", None) or "scheduled-job",
            action="stop_subsidy", article="R-3.2, R-25", object_type=Subsidy._meta.model_name,
            object_id=str(subsidy.pk), summary=reason,
            data={"application": subsidy.application.number, "from_month": _month_label(from_month),
                  "contract": contract, "paid_after_home": overpaid}))
    OfficeAction.objects.bulk_create(actions)


def _prepare(*, actor, month: datetime.date) -> Prepared:
    month = first_of_month(month)
    try:
        policy = policy_in_force(month)
    except NoPolicyInForce:
        raise InvalidInput(_("No policy version is in force for %(month)s: the subsidy amounts are unknown "
                             "(Art. 26, Art. 27).") % {"month": _month_label(month)})
    batch, created = SubsidyBatch.objects.get_or_create(
        month=month, defaults={"prepared_by": actor if getattr(actor, "pk", None) else None})
    batch = SubsidyBatch.objects.select_for_update().get(pk=batch.pk)  # two preparers: one after the other
    if batch.status != SubsidyBatch.Status.PREPARED:
        raise BatchClosed(_("The batch of %(month)s is already %(status)s; nothing can be added to it (Art. 8(2)).")
                          % {"month": _month_label(month), "status": batch.get_status_display().lower()})
    candidates = list(
        Subsidy.objects.filter(start_month__lte=month, application__stage=Stage.SUBSIDY_RUNNING)
        .exclude(payments__month=month)
        .select_related("application").prefetch_related("changes", "application__members")
        .order_by("application__number")
    )
    ids = set()
    for subsidy in candidates:
        ids |= household_ids(subsidy.application)
    homes = homes_by_person(ids)
    payments, to_stop, stopped_for_home, skipped, held_back = [], [], 0, 0, []
    for subsidy in candidates:
        if stopped_in(month, _changes(subsidy)):
            skipped += 1
            continue
        home = home_from(subsidy, month, homes)
        if home is not None:
            to_stop.append((subsidy, home[0], home[1]))
            stopped_for_home += 1
            continue
        application = subsidy.application
        try:
            amount = _amount_of(application, policy)
        except SubsidyFigureMissing as missing:
            # only this household waits for its figure; the rest of the batch is paid
            held_back.append(HeldBack(subsidy, _held_back_reason(missing, policy)))
            continue
        payments.append(SubsidyPayment(batch=batch, subsidy=subsidy, month=month, amount=amount,
                                       payee_name=application.applicant_name, bank_name=subsidy.bank_name,
                                       bank_account=subsidy.bank_account))
    _stops_for_homes(to_stop, actor, month)
    SubsidyPayment.objects.bulk_create(payments)
    count_payments(payments)  # the statistics' monthly counter, in this transaction (docs/decisions/0036)
    if payments and not created:
        batch.version += 1
        if getattr(actor, "pk", None):
            batch.prepared_by = actor
        batch.save(update_fields=["version", "prepared_by"])
    if created or payments or stopped_for_home:
        record_action(
            actor=actor, action="prepare_subsidy_batch", obj=batch, article="R-8.2, R-27",
            summary=_("Subsidy batch %(month)s prepared: %(added)d payments added.")
            % {"month": _month_label(month), "added": len(payments)},
            data={"month": _month_label(month), "added": len(payments), "stopped_for_home": stopped_for_home,
                  "skipped_stopped": skipped, "policy_version": policy.version,
                  "held_back": [{"application": h.subsidy.application.number, "reason": h.reason}
                                for h in held_back]},
        )
    return Prepared(batch, created, len(payments), stopped_for_home, skipped, held_back)


def _figure_label(figure: str) -> str:
    return {
        "c2_subsidy_standard": _("monthly subsidy standard of minimum-allowance (C2) households"),
        "talent_title/talent_degree": _("title or degree of the talent"),
    }.get(figure, figure)


@transaction.atomic
def prepare_batch(*, actor, month: datetime.date) -> Prepared:
    """R-8.2: Finance prepares the month's batch, or adds to it what is missing while it is not yet reviewed."""
    require_office_duty(actor, "prepare_subsidy_batch", _("Only clerks and heads of Finance prepare subsidy batches "
                                               "(%(article)s)."))
    return _prepare(actor=actor, month=month)


@transaction.atomic
def prepare_batch_by_schedule(*, month: datetime.date) -> Prepared | None:
    """The scheduled job (R-X.6): the month's batch if missing, what is missing from it while it is prepared;
    nothing once it is reviewed. Raises Finance's reminder to review it once a month."""
    month = first_of_month(month)
    try:
        with transaction.atomic():
            prepared = _prepare(actor=None, month=month)
    except BatchClosed:
        return None
    except InvalidInput as exc:  # e.g. the C2 standard is missing: tell Finance, prepare nothing
        _remind(key=f"subsidy-batch-blocked:{_month_label(month)}", text=str(exc.message))
        return None
    _remind(key=f"subsidy-batch:{_month_label(month)}",
            text=_("The subsidy batch of %(month)s is prepared: review it (Art. 8(2)).") % {"month": _month_label(month)})
    if prepared.held_back:
        _remind(key=f"subsidy-batch-held-back:{_month_label(month)}",
                text=_("The subsidy batch of %(month)s holds back the households whose figure is missing (%(count)d); "
                       "see the batch page.") % {"month": _month_label(month), "count": len(prepared.held_back)})
    return prepared


def _remind(*, key: str, text: str) -> None:
    Reminder.objects.get_or_create(key=key, defaults={
        "kind": Reminder.Kind.SUBSIDY_BATCH, "unit": Unit.objects.get(code=FINANCE),
        "due_on": timezone.localdate(), "text": text})


# --- review, approval, export ---------------------------------------------------------------------------------

def _not_at(locked: SubsidyBatch, message: str) -> StageNotAllowed:
    return StageNotAllowed(message % {"status": locked.get_status_display().lower()})


def _payments_and_total(locked: SubsidyBatch) -> dict:
    total = sum((p.amount for p in locked.payments.all()), Decimal("0.00"))
    return {"payments": locked.payments.count(), "total": f"{total:.2f}"}


@transaction.atomic
def review_batch(*, actor, batch: SubsidyBatch, expected_version: int) -> SubsidyBatch:
    """R-8.2: checked by a Finance reviewer who did not prepare it."""

    def not_the_preparer(locked):
        if actor.pk in _preparers(locked):
            raise NotPermitted(_("You prepared this batch; another member of Finance must review it (Art. 8(2))."))

    def record(locked):
        missing = list(locked.payments.filter(bank_account="").values_list("subsidy__application__number",
                                                                          flat=True))
        if missing:
            raise InvalidInput(_("Record the bank account before the review; missing for: %(numbers)s.")
                               % {"numbers": ", ".join(missing)})
        locked.reviewed_by, locked.reviewed_at = actor, timezone.now()

    return office_step(
        actor=actor, obj=batch, transition="review", duty="review_subsidy_batch", expected_version=expected_version,
        duty_message=_("Only reviewers and heads of Finance review subsidy batches (%(article)s)."),
        check=not_the_preparer,
        refused=lambda locked: _not_at(locked, _("The batch is %(status)s; only a prepared batch is reviewed.")),
        record=record, action="review_subsidy_batch", article="R-8.2",
        summary=lambda locked: _("Subsidy batch %(month)s reviewed.") % {"month": _month_label(locked.month)},
        data=_payments_and_total,
    )


@transaction.atomic
def approve_batch(*, actor, batch: SubsidyBatch, expected_version: int) -> SubsidyBatch:
    """R-8.2: approved by a head of Finance who neither prepared nor reviewed it."""

    def neither_reviewer_nor_preparer(locked):
        if actor.pk == locked.reviewed_by_id:
            raise NotPermitted(_("You reviewed this batch; another head of Finance must approve it (Art. 8(2))."))
        if actor.pk in _preparers(locked):
            raise NotPermitted(_("You prepared this batch; another head of Finance must approve it (Art. 8(2))."))

    def record(locked):
        locked.approved_by, locked.approved_at = actor, timezone.now()

    return office_step(
        actor=actor, obj=batch, transition="approve", duty="approve_subsidy_batch", expected_version=expected_version,
        duty_message=_("Only heads of Finance approve subsidy batches (%(article)s)."),
        check=neither_reviewer_nor_preparer,
        refused=lambda locked: _not_at(locked, _("The batch is %(status)s; only a reviewed batch is approved.")),
        record=record, action="approve_subsidy_batch", article="R-8.2",
        summary=lambda locked: _("Subsidy batch %(month)s approved.") % {"month": _month_label(locked.month)},
    )


# The same CSV-injection guard as the public downloads.
BANK_FILE_FORMATS = ("xlsx", "csv")
def bank_file_rows(batch: SubsidyBatch) -> tuple[list[str], list[list]]:
    """What the bank needs to pay and what Finance needs to reconcile, nothing more (docs/decisions/0017):
    no resident ID number — the account identifies the payee to the bank."""
    headers = [_("No."), _("Payee"), _("Bank"), _("Bank account"), _("Amount (yuan)"), _("Currency"),
               _("Month paid"), _("Reference")]
    rows = []
    payments = batch.payments.select_related("subsidy__application").order_by("subsidy__application__number")
    for index, p in enumerate(payments, start=1):
        rows.append([index, p.payee_name, p.bank_name, p.bank_account, f"{p.amount:.2f}", "CNY",
                     _month_label(p.month), f"{p.subsidy.application.number}/{_month_label(p.month)}"])
    return headers, rows


def bank_file(batch: SubsidyBatch, fmt: str) -> bytes:
    headers, rows = bank_file_rows(batch)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
        return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: spreadsheets read the Chinese as UTF-8
    data = tablib.Dataset(headers=headers, title=f"subsidy-{_month_label(batch.month)}")
    for row in rows:
        data.append([safe_cell(v) for v in row])
    return data.export("xlsx")


@transaction.atomic
def export_batch(*, actor, batch: SubsidyBatch, fmt: str) -> tuple[bytes, str]:
    """R-8.2: the bank file of an approved batch; it may be downloaded again (each download is recorded)."""
    require_office_duty(actor, "export_subsidy_batch", _("Only Finance exports the bank file (%(article)s)."))
    if fmt not in BANK_FILE_FORMATS:
        raise InvalidInput(_("Choose xlsx or csv."), field_errors={"fmt": [_("Choose xlsx or csv.")]})

    def record(locked):
        first = locked.exported_at is None
        if first:
            locked.exported_at = timezone.now()
        return {"format": fmt, "first_export": first, "payments": locked.payments.count()}

    # A download has no page version to compare: the batch is final once approved.
    exported = office_step(
        actor=actor, obj=batch, transition="export", duty="export_subsidy_batch", expected_version=None,
        duty_message=_("Only Finance exports the bank file (%(article)s)."),
        refused=lambda locked: _not_at(locked, _("The batch is %(status)s; only an approved batch is exported to "
                                                 "the bank.")),
        record=record, action="export_subsidy_batch", article="R-8.2",
        summary=lambda locked: _("Bank file of subsidy batch %(month)s exported (%(fmt)s).")
        % {"month": _month_label(locked.month), "fmt": fmt},
    )
    return bank_file(exported, fmt), f"subsidy-batch-{_month_label(exported.month)}.{fmt}"


# --- stop, resume, bank details -------------------------------------------------------------------------------

def _closed_batch(month: datetime.date) -> SubsidyBatch | None:
    return (SubsidyBatch.objects.filter(month__gte=month).exclude(status=SubsidyBatch.Status.PREPARED)
            .order_by("-month").first())


def _check_change(subsidy: Subsidy, from_month: datetime.date, reason: str) -> None:
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason in plain words (Art. 32).")]
    if from_month < subsidy.start_month:
        errors["from_month"] = [_("The subsidy starts in %(month)s; choose that month or later.")
                                % {"month": _month_label(subsidy.start_month)}]
    latest = max((c.from_month for c in subsidy.changes.all()), default=None)
    if latest is not None and from_month < latest:
        errors["from_month"] = [_("The last stop or resumption takes effect in %(month)s; choose that month or "
                                  "later.") % {"month": _month_label(latest)}]
    closed = _closed_batch(from_month)
    if closed is not None:
        errors["from_month"] = [_("The batch of %(month)s is already %(status)s; choose %(next)s or later.")
                                % {"month": _month_label(closed.month),
                                   "status": closed.get_status_display().lower(),
                                   "next": _month_label(next_month(closed.month))}]
    if errors:
        raise InvalidInput(_("Nothing was changed; correct the marked fields."), field_errors=errors)


def _locked_subsidy(subsidy: Subsidy) -> Subsidy:
    return Subsidy.objects.select_for_update().select_related("application").get(pk=subsidy.pk)


@transaction.atomic
def stop_subsidy(*, actor, subsidy: Subsidy, from_month: datetime.date, reason: str) -> SubsidyChange:
    """R-32, R-8.2: no payment from ``from_month`` on. A payment of that month or later still in a prepared
    (unreviewed) batch is taken out of it."""
    require_office_duty(actor, "stop_subsidy", _("Only Finance stops or resumes a subsidy (%(article)s)."))
    locked = _locked_subsidy(subsidy)
    from_month = first_of_month(from_month)
    _check_change(locked, from_month, reason)
    if stopped_in(from_month, _changes(locked)):
        raise InvalidInput(_("The subsidy is already stopped in %(month)s.") % {"month": _month_label(from_month)})
    change = SubsidyChange.objects.create(subsidy=locked, kind=SubsidyChange.Kind.STOP, from_month=from_month,
                                          reason=reason.strip(), recorded_by=actor)
    locked.stopped_from = from_month
    locked.save(update_fields=["stopped_from"])
    removed = []
    for payment in payments_taken_out_by_stop(locked, from_month):
        batch = SubsidyBatch.objects.select_for_update().get(pk=payment.batch_id)
        batch.version += 1
        batch.save(update_fields=["version"])
        removed.append(_month_label(payment.month))
        payment.subsidy = locked
        count_payments([payment], sign=-1)
        payment.delete()
    record_action(actor=actor, action="stop_subsidy", obj=locked, article="R-32, R-8.2",
                  summary=_("Subsidy of %(number)s stopped from %(month)s: %(reason)s")
                  % {"number": locked.application.number, "month": _month_label(from_month), "reason": reason.strip()},
                  data={"from_month": _month_label(from_month), "removed_from_prepared_batches": removed})
    return change


@transaction.atomic
def resume_subsidy(*, actor, subsidy: Subsidy, from_month: datetime.date, reason: str) -> SubsidyChange:
    """R-32: paid again from ``from_month`` on; the stopped months are not paid (no back-pay). Refused while the
    household holds a home then (R-3.2)."""
    require_office_duty(actor, "stop_subsidy", _("Only Finance stops or resumes a subsidy (%(article)s)."))
    locked = _locked_subsidy(subsidy)
    from_month = first_of_month(from_month)
    _check_change(locked, from_month, reason)
    if not stopped_in(from_month, _changes(locked)):
        raise InvalidInput(_("The subsidy is not stopped in %(month)s; there is nothing to resume.")
                           % {"month": _month_label(from_month)})
    home = home_from(locked, from_month, homes_by_person(household_ids(locked.application)))
    if home is not None:
        raise InvalidInput(_("The household holds a home under filed contract %(contract)s in %(month)s; a home and "
                             "a subsidy are never held together (Art. 3(2), Art. 25).")
                           % {"contract": home[1], "month": _month_label(from_month)},
                           field_errors={"from_month": [_("A home is held in this month (Art. 3(2)).")]})
    change = SubsidyChange.objects.create(subsidy=locked, kind=SubsidyChange.Kind.RESUME, from_month=from_month,
                                          reason=reason.strip(), recorded_by=actor)
    locked.stopped_from = None
    locked.save(update_fields=["stopped_from"])
    record_action(actor=actor, action="resume_subsidy", obj=locked, article="R-32, R-8.2",
                  summary=_("Subsidy of %(number)s resumed from %(month)s: %(reason)s")
                  % {"number": locked.application.number, "month": _month_label(from_month), "reason": reason.strip()},
                  data={"from_month": _month_label(from_month)})
    return change


@transaction.atomic
def set_bank_details(*, actor, subsidy: Subsidy, bank_name: str, bank_account: str,
                     expected_account: str | None = None) -> Subsidy:
    """R-8.2: where the subsidy is paid; payments in a prepared (unreviewed) batch follow the change.

    R-16.e: ``expected_account`` is the account the form was rendered with; if another clerk changed it meanwhile,
    this edit is refused rather than silently overwriting theirs."""
    require_office_duty(actor, "prepare_subsidy_batch", _("Only clerks and heads of Finance record bank details "
                                               "(%(article)s)."))
    bank_name = (bank_name or "").strip()
    account = "".join((bank_account or "").split())
    errors = {}
    if not bank_name:
        errors["bank_name"] = [_("Enter the bank.")]
    if not (account.isdigit() and 8 <= len(account) <= 30):
        errors["bank_account"] = [_("A bank account number has 8 to 30 digits.")]
    if errors:
        raise InvalidInput(_("The bank details were not saved; correct the marked fields."), field_errors=errors)
    locked = _locked_subsidy(subsidy)
    old = locked.bank_account
    if expected_account is not None and expected_account != old:
        raise StaleBankDetails()
    locked.bank_name, locked.bank_account = bank_name, account
    locked.save(update_fields=["bank_name", "bank_account"])
    SubsidyPayment.objects.filter(subsidy=locked, batch__status=SubsidyBatch.Status.PREPARED).update(
        bank_name=bank_name, bank_account=account)
    record_action(actor=actor, action="set_subsidy_bank_details", obj=locked, article="R-8.2",
                  summary=_("Bank details of the subsidy of %(number)s recorded.")
                  % {"number": locked.application.number},
                  data={"bank_name": bank_name, "account_changed": old != account})
    return locked
