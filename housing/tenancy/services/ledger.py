"""After allocation (R-12.9, R-33): the rent ledger, occupancy checks and violations of a tenancy.

Every write checks the actor's duty (departments.permissions.OFFICE_DUTIES) and records a staff action
(R-6, R-38). A rejected form or file changes nothing (R-X.5).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.models import Unit
from housing.exceptions import InvalidInput, StaleTenancy
from housing.models import OccupancyCheck, OfficeAction, Reminder, RentPayment, Tenancy, Violation
from housing.tenancy.resources import (
    ATTRIBUTE_COLUMN,
    COLUMN_LABELS,
    HEADER_LOOKUP,
    REQUIRED,
    RentPaymentResource,
    normalise_header,
)
from housing.web.files import FileTooBig, UnreadableFile, decode_csv, iter_table
from housing.rules.arrears import find_arrears, months_due
from housing.cases.documents import inspect_upload
from housing.office.log import record_action, require_office_duty
from housing.web.staged_uploads import RENT_IMPORTS, UnknownUpload, UploadChanged, UploadedByAnother

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024  # pdf/jpg/png up to 10 MB
RENT_FILE_MAX_BYTES = 5 * 1024 * 1024
RENT_FILE_TYPES = ("csv", "xlsx")


def lock_tenancy(tenancy_id: int, expected_version: int | None = None) -> Tenancy:
    locked = Tenancy.objects.select_for_update().select_related("contract", "unit").get(pk=tenancy_id)
    if expected_version is not None and locked.version != expected_version:
        raise StaleTenancy()
    return locked


def bump(tenancy: Tenancy) -> None:
    tenancy.version += 1
    tenancy.save(update_fields=["version"])


# --- the rent ledger: monthly import (R-33(2), R-X.5) ------------------------------------------------------

@dataclass
class RentImport:
    """What a file would do (preview) or did (confirmed): rows or errors, never both."""

    token: str = ""
    sha256: str = ""
    name: str = ""
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((row["amount"] for row in self.rows), Decimal("0.00"))


def _load(content: bytes, extension: str) -> tablib.Dataset:
    """The file as a dataset (the first row its headers), read row by row through housing.web.files: a file past
    MAX_ROWS rows under its header, or an xlsx unpacking to too much, stops the reading at once (R-X.5)."""
    if extension == "csv" and decode_csv(content) is None:
        message = _("The file is not readable text (UTF-8 or GBK).")
        raise InvalidInput(message, field_errors={"file": [message]})
    unreadable = (_("The file could not be read as CSV.") if extension == "csv"
                  else _("The file could not be read as an Excel workbook (.xlsx)."))
    dataset = tablib.Dataset()
    try:
        for number, row in enumerate(iter_table(extension, content)):
            if number == 0:
                dataset.headers = row
            elif row or extension != "csv":  # tablib skipped the empty lines of a CSV
                dataset.append(row + [""] * (dataset.width - len(row)))
    except FileTooBig as exc:
        raise InvalidInput(exc.message, field_errors={"file": [exc.message]})
    except (UnreadableFile, tablib.InvalidDimensions):
        raise InvalidInput(unreadable)
    return dataset


def _read_dataset(content: bytes, extension: str) -> tuple[tablib.Dataset, dict[str, str]]:
    """The rows with internal column names, and what the file called each column."""
    dataset = _load(content, extension)
    named: dict[str, str] = {}
    headers = []
    for header in dataset.headers or []:
        column = HEADER_LOOKUP.get(normalise_header(header))
        if column and column in named:
            raise InvalidInput(_("The file has two columns for “%(column)s”.") % {"column": COLUMN_LABELS[column]})
        if column:
            named[column] = str(header).strip()
        headers.append(column or f"ignored:{header}")
    missing = [c for c in REQUIRED if c not in named]
    if missing:
        raise InvalidInput(_("The file has no column %(columns)s; the first row must name the columns "
                             "(合同编号, 月份, 金额, 缴费日期, 银行流水号).")
                           % {"columns": ", ".join(f"“{COLUMN_LABELS[c]}”" for c in missing)})
    dataset.headers = headers
    if "reference" not in named:
        dataset.append_col([""] * len(dataset), header="reference")
        named["reference"] = str(COLUMN_LABELS["reference"])
    # Blank lines at the end of a spreadsheet are not rows.
    while len(dataset) and all(_blank(v) for v in dataset[-1]):
        del dataset[-1]
    if not len(dataset):
        raise InvalidInput(_("The file has no rows under its headers."))
    return dataset, named


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""


def _run(*, actor, dataset, named, dry_run: bool, on: datetime.date) -> RentImport:
    resource = RentPaymentResource(actor=actor, on=on)
    result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True,
                                  rollback_on_validation_errors=True, retain_instance_in_row_result=True)
    outcome = RentImport()
    for error in result.base_errors:
        outcome.errors.append(str(error.error))
    # Row numbers as a spreadsheet shows them: the header is row 1.
    for number, errors in result.row_errors():
        for error in errors:
            outcome.errors.append(_("Row %(row)s: %(message)s") % {"row": number + 1, "message": error.error})
    for invalid in result.invalid_rows:
        for attribute, messages in invalid.error_dict.items():
            column = ATTRIBUTE_COLUMN.get(attribute)
            for message in messages:
                if attribute == NON_FIELD_ERRORS or column is None:
                    outcome.errors.append(_("Row %(row)s: %(message)s") % {"row": invalid.number + 1,
                                                                           "message": message})
                else:
                    outcome.errors.append(_("Row %(row)s, column “%(column)s”: %(message)s") % {
                        "row": invalid.number + 1, "column": named[column], "message": message})
    if outcome.errors:
        return outcome
    for number, row_result in enumerate(result.rows, 1):
        payment = row_result.instance
        if payment is None:
            continue
        outcome.rows.append({"row": number + 1, "contract": payment.tenancy.contract.number,
                             "tenancy_id": payment.tenancy.pk, "month": payment.month, "amount": payment.amount,
                             "paid_on": payment.paid_on, "reference": payment.reference})
    return outcome


def preview_rent_import(*, actor, uploaded_file, on: datetime.date | None = None) -> RentImport:
    """Check the whole file without saving anything; keep a server-side copy under a random token, so that the
    confirmation imports exactly the file previewed."""
    require_office_duty(actor, "manage_tenancy")
    on = on or timezone.localdate()
    name = Path((uploaded_file.name or "").replace("\\", "/")).name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in RENT_FILE_TYPES:
        message = _("Only .csv or .xlsx files are accepted.")
        raise InvalidInput(message, field_errors={"file": [message]})
    content = uploaded_file.read(RENT_FILE_MAX_BYTES + 1)
    if not content:
        raise InvalidInput(_("The file is empty."), field_errors={"file": [_("The file is empty.")]})
    if len(content) > RENT_FILE_MAX_BYTES:
        message = _("The file is larger than 5 MB; split it by month.")
        raise InvalidInput(message, field_errors={"file": [message]})
    dataset, named = _read_dataset(content, extension)
    outcome = _run(actor=actor, dataset=dataset, named=named, dry_run=True, on=on)
    outcome.name = name[-200:]
    if outcome.errors:
        return outcome
    staged = RENT_IMPORTS.stage(actor=actor, name=outcome.name, fmt=extension, content=content)
    outcome.token, outcome.sha256 = staged.token, staged.sha256
    return outcome


def confirm_rent_import(*, actor, token: str, sha256: str, on: datetime.date | None = None) -> RentImport:
    """Import the previewed file, all rows or none (R-X.5)."""
    require_office_duty(actor, "manage_tenancy")
    on = on or timezone.localdate()
    gone = InvalidInput(_("This preview is no longer available (already imported, or never made). Upload the file "
                          "again."))
    try:
        # The preview is used up now, whatever the outcome: a second confirmation of it imports nothing.
        staged = RENT_IMPORTS.load(actor=actor, token=token, sha256=sha256 or "", use_up=True)
    except (UnknownUpload, UploadedByAnother):
        raise gone
    except UploadChanged:
        raise InvalidInput(_("The stored file does not match the one previewed; nothing was imported. Upload the "
                             "file again."))
    content, digest, meta = staged.content, staged.sha256, {"name": staged.name, "extension": staged.format}
    dataset, named = _read_dataset(content, meta["extension"])
    with transaction.atomic():
        outcome = _run(actor=actor, dataset=dataset, named=named, dry_run=False, on=on)
        if outcome.errors:
            # Something changed since the preview (e.g. a month imported meanwhile): nothing is kept.
            transaction.set_rollback(True)
            outcome.token, outcome.sha256, outcome.name = token, digest, meta["name"]
            return outcome
        outcome.name = meta["name"]
        outcome.sha256 = digest
        by_tenancy: dict[int, list[dict]] = {}
        for row in outcome.rows:
            by_tenancy.setdefault(row["tenancy_id"], []).append(row)
        for tenancy in Tenancy.objects.filter(pk__in=by_tenancy):
            rows = by_tenancy[tenancy.pk]
            record_action(actor=actor, action="rent_imported", obj=tenancy, article="R-33.2",
                          summary=_("Rent imported from %(name)s: %(months)s.") % {
                              "name": meta["name"], "months": ", ".join(f"{r['month']:%Y-%m}" for r in rows)},
                          data={"sha256": digest, "months": [f"{r['month']:%Y-%m}" for r in rows],
                                "amounts": [f"{r['amount']:.2f}" for r in rows]})
    return outcome


# --- occupancy checks and violations (R-33) ----------------------------------------------------------------

def record_occupancy_check(*, actor, tenancy: Tenancy, checked_on: datetime.date, occupied: bool,
                           note: str = "") -> OccupancyCheck:
    """R-33(1): a visit, occupied or not."""
    require_office_duty(actor, "manage_tenancy")
    if checked_on > timezone.localdate():
        raise InvalidInput(_("The check date is in the future."), field_errors={"checked_on": [
            _("The check date is in the future.")]})
    if checked_on < tenancy.starts_on:
        raise InvalidInput(_("The check date is before the lease starts."), field_errors={"checked_on": [
            _("The check date is before the lease starts.")]})
    if not occupied and not (note or "").strip():
        raise InvalidInput(_("Say what was found: a home not lived in needs the facts (Art. 33)."),
                           field_errors={"note": [_("This field is required.")]})
    with transaction.atomic():
        locked = lock_tenancy(tenancy.pk)
        check = OccupancyCheck.objects.create(tenancy=locked, checked_on=checked_on, occupied=occupied,
                                              note=(note or "").strip(), checked_by=actor)
        record_action(actor=actor, action="occupancy_checked", obj=locked, article="R-33.1",
                      summary=_("Occupancy check on %(day)s: %(found)s.") % {
                          "day": f"{checked_on:%Y-%m-%d}",
                          "found": _("lived in") if occupied else _("not lived in")},
                      data={"check": check.pk, "occupied": occupied})
    return check


def record_violation(*, actor, tenancy: Tenancy, ground: str, facts: str, evidence=None,
                     penalty: Decimal | None = None, basis: dict | None = None) -> Violation:
    """R-33: one ground with its facts, evidence (PDF/JPG/PNG up to 10 MB) and the contract penalty."""
    require_office_duty(actor, "manage_tenancy")
    errors = {}
    if ground not in Violation.Ground.values:
        errors["ground"] = [_("Choose a ground of Art. 33.")]
    if not (facts or "").strip():
        errors["facts"] = [_("This field is required.")]
    if penalty is not None and penalty < 0:
        errors["penalty"] = [_("The penalty cannot be negative.")]
    if errors:
        raise InvalidInput(_("The violation was not recorded; correct the marked fields."), field_errors=errors)
    if evidence is not None:
        inspect_upload(evidence, field="evidence", max_bytes=EVIDENCE_MAX_BYTES)
    with transaction.atomic():
        locked = lock_tenancy(tenancy.pk)
        violation = Violation(tenancy=locked, ground=ground, facts=facts.strip(), penalty=penalty,
                              basis=basis or {}, recorded_by=actor)
        if evidence is not None:
            extension = evidence.name.rsplit(".", 1)[-1].lower()
            violation.evidence.save(f"evidence.{extension}", evidence, save=False)
        violation.save()
        bump(locked)
        record_action(actor=actor, action="violation_recorded", obj=locked, article=ground,
                      summary=_("Violation recorded: %(ground)s.") % {"ground": violation.get_ground_display()},
                      data={"violation": violation.pk, "penalty": f"{penalty:.2f}" if penalty is not None else None,
                            "basis": basis or {}})
    return violation


# --- the scheduled job: rent arrears (R-33(2), R-X.6) --------------------------------------------------------

ARREARS_CHUNK = 500  # new findings written per transaction


def _job_action(*, action: str, obj, summary: str, article: str, data: dict) -> OfficeAction:
    """The OfficeAction record_action(actor=None, ...) would write for the scheduled job, unsaved (bulk_create)."""
    return OfficeAction(actor=None, actor_name="scheduled-job", action=action, article=article,
                        object_type=type(obj)._meta.model_name, object_id=str(obj.pk), summary=summary, data=data)  # new findings written per transaction


def detect_arrears(*, on: datetime.date | None = None) -> int:
    """Record each arrears finding once per tenancy (a violation without recorder, and a reminder for the CCB).
    Returns how many new findings were recorded; running it again the same day records nothing more.

    A constant number of queries whatever the number of tenancies (docs/benchmarks.md, bench/bench_jobs.py): the
    ledger is read in one query, the findings already recorded in one more, and the new ones are written in bulk,
    ARREARS_CHUNK tenancies per transaction, each chunk locked (in id order) and checked again under the lock."""
    on = on or timezone.localdate()
    running = Tenancy.objects.filter(status__in=[Tenancy.Status.ACTIVE, Tenancy.Status.ENDING], starts_on__lt=on)
    paid: dict[int, list[datetime.date]] = {}
    for tenancy_id, month in RentPayment.objects.filter(tenancy__in=running).values_list("tenancy_id", "month"):
        paid.setdefault(tenancy_id, []).append(month)
    findings = {}
    for pk, starts_on, ends_on in running.values_list("pk", "starts_on", "ends_on"):
        due = months_due(starts_on=starts_on, ends_on=ends_on, on=on)
        finding = find_arrears(due=due, paid=paid.get(pk, ()))
        if finding is not None:
            findings[pk] = (f"arrears:{pk}:{finding.key}", finding)
    if not findings:
        return 0
    recorded = set(Reminder.objects.filter(key__in=[key for key, _finding in findings.values()])
                   .values_list("key", flat=True))
    todo = sorted(pk for pk, (key, _finding) in findings.items() if key not in recorded)
    ccb = Unit.objects.get(code="ccb") if todo else None
    found = 0
    for start in range(0, len(todo), ARREARS_CHUNK):
        found += _record_arrears(todo[start:start + ARREARS_CHUNK], findings, ccb=ccb, on=on)
    return found


def _record_arrears(ids: list[int], findings: dict, *, ccb, on: datetime.date) -> int:
    with transaction.atomic():
        locked = list(Tenancy.objects.select_for_update().select_related("contract").filter(pk__in=ids)
                      .order_by("pk"))
        taken = set(Reminder.objects.filter(key__in=[findings[t.pk][0] for t in locked])
                    .values_list("key", flat=True))  # a concurrent run may have recorded them meanwhile
        locked = [t for t in locked if findings[t.pk][0] not in taken]
        if not locked:
            return 0
        violations, reminders = [], []
        for tenancy in locked:
            key, finding = findings[tenancy.pk]
            months = [f"{m:%Y-%m}" for m in finding.months]
            violations.append(Violation(
                tenancy=tenancy, ground=Violation.Ground.ARREARS, recorded_by=None,
                facts=(_("Rent unpaid for %(count)s consecutive months: %(months)s.") if finding.kind == "consecutive"
                       else _("Rent unpaid for %(count)s months in total: %(months)s."))
                % {"count": len(months), "months": ", ".join(months)},
                basis={"finding": key, "kind": finding.kind, "months": months, "found_on": on.isoformat()}))
            reminders.append(Reminder(
                key=key, kind=Reminder.Kind.ARREARS, unit=ccb, due_on=on, tenancy=tenancy,
                text=_("Contract %(number)s: rent arrears (%(months)s). Decide on the penalty and the contract "
                       "(Art. 33(2)).") % {"number": tenancy.contract.number, "months": ", ".join(months)}))
        violations = Violation.objects.bulk_create(violations)
        Reminder.objects.bulk_create(reminders)
        Tenancy.objects.filter(pk__in=[t.pk for t in locked]).update(version=F("version") + 1)
        OfficeAction.objects.bulk_create([
            _job_action(action="arrears_found", obj=tenancy, article="R-33.2", summary=violation.facts,
                          data={"violation": violation.pk, "months": violation.basis["months"]})
            for tenancy, violation in zip(locked, violations)])
    return len(locked)
