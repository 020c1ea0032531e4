"""R-16.8b, R-X.5: the CCB keeps the stock — imports it from the template, exports it, sends homes to repair.

An import is two steps. ``stage_stock_file`` keeps the uploaded bytes server-side under a random token
(settings.MEDIA_ROOT/imports/) with their sha256; ``preview_stock_import`` checks the file and runs the import in
a transaction that is rolled back (the dry run); ``import_stock_file`` imports exactly the previewed file (same
token, same sha256, same clerk, not expired) in one transaction: one bad row and nothing is saved.
An import never changes a home's status: status moves only by the FSM transitions (selection, contract, repair).
"""

from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.results import RowResult

from departments.permissions import duty_article
from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import Form
from housing.models import HousingProject, HousingUnit, OfficeAction
from housing.web.files import FileTooBig, UnreadableFile, check_upload, sniff_format
from housing.stock.resources import MAX_UPLOAD_BYTES, Problem, StockResource, check_table, dataset_rows, read_table
from housing.office.log import record_action, require_office_duty
from housing.office.step import office_step
from housing.web.staged_uploads import STOCK_IMPORTS, StagedFile, UnknownUpload, UploadChanged, UploadedByAnother
from publicity.public.exports import safe_cell

DUTY = "manage_stock"


class ImportRefused(InvalidInput):
    """The file cannot be imported; ``problems`` lists every row and column to fix (R-X.5)."""

    article = "R-X.5"

    def __init__(self, message=None, *, problems=None):
        self.problems = list(problems or [])
        super().__init__(message or _("Nothing was imported. Correct the file and upload it again."))


class StaleUnit(InvalidInput):
    status = 409
    article = "R-16.e"


def _require(actor) -> None:
    require_office_duty(actor, DUTY, _("Only the City Construction Bureau keeps the housing stock (%(article)s)."))


# --- the staged file (housing.web.staged_uploads) -------------------------------------------------------

TOKEN_LIFETIME = STOCK_IMPORTS.lifetime


def stage_stock_file(*, actor, name: str, content: bytes) -> str:
    """Keep an uploaded stock file under a new random token; returns the token."""
    _require(actor)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than 5 MB; split it into several files."))
    if not content:
        raise ImportRefused(_("The file is empty."))
    fmt = sniff_format(name, content)
    if fmt is None:
        raise ImportRefused(_("Upload the stock as an Excel workbook (.xlsx) or a CSV file (.csv)."))
    try:  # R-X.5: a file past the row limit, or a zip bomb, is refused before it is kept
        check_upload(fmt, content)
    except FileTooBig as exc:
        raise ImportRefused(exc.message)
    except UnreadableFile:
        pass  # unreadable: the preview names the problem
    return STOCK_IMPORTS.stage(actor=actor, name=name, fmt=fmt, content=content).token


def _forget(token: str) -> None:
    STOCK_IMPORTS.forget(token)


def load_staged_file(*, actor, token: str, sha256: str | None = None) -> StagedFile:
    """The staged file, if the token is known, not expired, this clerk's, and its bytes unchanged."""
    _require(actor)
    try:
        return STOCK_IMPORTS.load(actor=actor, token=token, sha256=sha256)
    except UnknownUpload:
        raise ImportRefused(_("This import is unknown or has expired; upload the file again."))
    except UploadedByAnother:
        raise NotPermitted(_("This import was uploaded by another clerk; upload the file yourself."))
    except UploadChanged:
        raise ImportRefused(_("The file is not the one that was previewed; upload it again."))


def purge_expired_imports(now=None) -> int:
    """Remove staged stock files older than their lifetime (safe to run at any time)."""
    return STOCK_IMPORTS.purge_expired(now)


# --- checking and importing ----------------------------------------------------------------------------------

@dataclass
class RowOutcome:
    row: int
    project: str
    building: str
    number: str
    action: str  # "new", "update", "unchanged"
    changes: list[str] = field(default_factory=list)
    unit_id: int | None = None


@dataclass
class ImportReport:
    file_name: str = ""
    sha256: str = ""
    problems: list[Problem] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)
    created_projects: list[str] = field(default_factory=list)
    created_buildings: list[str] = field(default_factory=list)
    updated_projects: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")


ACTIONS = {RowResult.IMPORT_TYPE_NEW: "new", RowResult.IMPORT_TYPE_UPDATE: "update",
           RowResult.IMPORT_TYPE_SKIP: "unchanged"}


def _check(staged: StagedFile) -> tuple[list[dict], list[Problem]]:
    try:
        table = read_table(staged.format, staged.content)
    except FileTooBig as exc:
        return [], [Problem(exc.message)]
    except Exception:  # a corrupt workbook can raise almost anything from openpyxl/zipfile
        return [], [Problem(_("The file could not be read as %(format)s; save it again from Excel.") % {
            "format": staged.format.upper()})]
    checked = check_table(table)
    if checked.problems:
        return [], checked.problems
    # An import does not change the form of a project already in the stock: its homes may be let or sold.
    forms = dict(HousingProject.objects.filter(name__in={r["project"] for r in checked.rows})
                 .values_list("name", "form"))
    problems, reported = [], set()
    for r in checked.rows:
        current = forms.get(r["project"])
        if current and current != r["form"] and r["project"] not in reported:
            reported.add(r["project"])
            problems.append(Problem(_("project “%(project)s” is already in the stock as %(form)s; an import "
                                      "does not change a project's form") % {
                "project": r["project"], "form": Form(current).label}, r["row"], "form"))
    return checked.rows, problems


def _run(*, actor, rows: list[dict], report: ImportReport) -> StockResource:
    resource = StockResource(actor=actor)
    result = resource.import_data(dataset_rows(rows), dry_run=False, use_transactions=False, raise_errors=False)
    for number, errors in result.row_errors():
        for error in errors:
            report.problems.append(Problem(str(error.error), rows[number - 1]["row"]))
    for invalid in result.invalid_rows:
        for attr, messages in invalid.error_dict.items():
            column = attr if attr in ("number", "unit_type", "area", "floor", "monthly_rent", "price",
                                      "market_rent") else None
            for message in messages:
                report.problems.append(Problem(str(message), rows[invalid.number - 1]["row"], column))
    for error in result.base_errors:
        report.problems.append(Problem(str(error.error)))
    for number, import_type, changes, home in resource.outcomes:
        r = rows[number - 1]
        report.outcomes.append(RowOutcome(row=r["row"], project=r["project"], building=r["building"],
                                          number=r["number"], action=ACTIONS.get(import_type, import_type),
                                          changes=changes, unit_id=home.pk if home is not None else None))
    report.created_projects = resource.created_projects
    report.created_buildings = resource.created_buildings
    report.updated_projects = resource.updated_projects
    return resource


def preview_stock_import(*, actor, token: str) -> ImportReport:
    """The dry run: what the import would create or update, or every problem of the file. Saves nothing."""
    staged = load_staged_file(actor=actor, token=token)
    report = ImportReport(file_name=staged.name, sha256=staged.sha256)
    rows, report.problems = _check(staged)
    if report.problems:
        return report
    with transaction.atomic():
        _run(actor=actor, rows=rows, report=report)
        transaction.set_rollback(True)
    return report


@transaction.atomic
def import_stock_file(*, actor, token: str, sha256: str) -> ImportReport:
    """R-X.5: import exactly the previewed file, all rows or none."""
    staged = load_staged_file(actor=actor, token=token, sha256=sha256)
    report = ImportReport(file_name=staged.name, sha256=staged.sha256)
    rows, problems = _check(staged)
    if problems:
        raise ImportRefused(problems=problems)
    resource = _run(actor=actor, rows=rows, report=report)
    if report.problems:
        raise ImportRefused(problems=report.problems)
    _record_import(actor=actor, staged=staged, report=report, resource=resource)
    transaction.on_commit(lambda: _forget(token))  # a token imports once
    return report


OFFICE_ACTION_BATCH = 1000


def _record_import(*, actor, staged: StagedFile, report: ImportReport, resource: StockResource) -> None:
    """R-X.1: one action per project the file touched, and one per home it created or changed.

    The per-home actions are the rows ``record_action`` would write (same fields, so the home's page lists the
    import that created or changed it), inserted with ``bulk_create`` in batches instead of one INSERT each."""
    source = {"file": staged.name, "sha256": staged.sha256}
    article = duty_article(DUTY)
    for name in sorted({o.project for o in report.outcomes}):
        mine = [o for o in report.outcomes if o.project == name]
        counts = {a: sum(1 for o in mine if o.action == a) for a in ("new", "update", "unchanged")}
        record_action(actor=actor, action="stock_imported", obj=resource.projects[name], article=article,
                      summary=_("Stock imported from %(file)s: %(new)s new homes, %(update)s updated, "
                                "%(unchanged)s unchanged.") % {"file": staged.name, **counts},
                      data={**source, **counts, "project_created": name in report.created_projects,
                            "project_updated": name in report.updated_projects,
                            "buildings_created": [b for b in report.created_buildings if b.startswith(f"{name} ")]})
    by = {"actor": actor if getattr(actor, "pk", None) else None,
          "actor_name": getattr(actor, "username", None) or "scheduled-job",
          "article": article, "object_type": HousingUnit._meta.model_name}
    actions = []
    for o in report.outcomes:
        if o.action == "unchanged":
            continue
        if o.action == "new":
            actions.append(OfficeAction(
                **by, action="unit_imported", object_id=str(o.unit_id),
                summary=_("Added to the stock from %(file)s (row %(row)s).") % {"file": staged.name, "row": o.row},
                data={**source, "row": o.row}))
        else:
            actions.append(OfficeAction(
                **by, action="unit_updated_by_import", object_id=str(o.unit_id),
                summary=_("Changed by the import of %(file)s (row %(row)s): %(fields)s.") % {
                    "file": staged.name, "row": o.row,
                    "fields": ", ".join(str(HousingUnit._meta.get_field(a).verbose_name) for a in o.changes)},
                data={**source, "row": o.row, "changed": o.changes}))
    OfficeAction.objects.bulk_create(actions, batch_size=OFFICE_ACTION_BATCH)


# --- export ------------------------------------------------------------------------------------------------------

def export_stock(*, actor, queryset, fmt: str) -> bytes:
    """The stock in the template's columns plus the status (R-16.8b); re-imports cleanly."""
    _require(actor)
    if fmt not in ("xlsx", "csv"):
        raise InvalidInput(_("Export as xlsx or csv."))
    exported = StockResource().export(queryset.select_related("building__project"))
    # A project or address typed as "=…" must not run as a formula in the clerk's spreadsheet: the one guard.
    dataset = tablib.Dataset(headers=exported.headers)
    for row in exported:
        dataset.append([safe_cell(v) for v in row])
    data = dataset.export(fmt)
    if fmt == "csv":
        return ("\ufeff" + data).encode("utf-8")  # the BOM lets Excel open Chinese text correctly
    return data


# --- repair -------------------------------------------------------------------------------------------------------

def _move(*, actor, unit_id: int, expected_version: int, transition: str, action: str, reason: str,
          summary: str) -> HousingUnit:
    _require(actor)
    home = HousingUnit.objects.filter(pk=unit_id).first()
    if home is None:
        raise InvalidInput(_("No such home in the stock."))

    def reason_given(locked):
        if not (reason or "").strip():
            raise InvalidInput(_("Say why."), field_errors={"reason": [_("This field is required.")]})

    return office_step(
        actor=actor, obj=home, transition=transition, duty=DUTY, expected_version=expected_version,
        duty_message=_("Only the City Construction Bureau keeps the housing stock (%(article)s)."),
        stale=StaleUnit(_("Someone else changed this home while you were working on it. Reload the page to see "
                          "its current state.")),
        check=reason_given,
        refused=lambda locked: StaleUnit(_("This is not possible while the home is “%(status)s”.") % {
            "status": locked.get_status_display()}),
        record=lambda locked: {"from": locked.status},
        action=action, article=duty_article(DUTY), summary=lambda locked: summary % {"home": str(locked)},
        data=lambda locked: {"to": locked.status, "reason": reason.strip()},
    )


@transaction.atomic
def send_unit_to_repair(*, actor, unit_id: int, expected_version: int, reason: str) -> HousingUnit:
    """An available home leaves the stock on offer while it is repaired (R-16.8b)."""
    return _move(actor=actor, unit_id=unit_id, expected_version=expected_version, transition="send_to_repair",
                 action="unit_sent_to_repair", reason=reason, summary=_("%(home)s sent to repair."))


@transaction.atomic
def return_unit_from_repair(*, actor, unit_id: int, expected_version: int, reason: str) -> HousingUnit:
    return _move(actor=actor, unit_id=unit_id, expected_version=expected_version, transition="return_from_repair",
                 action="unit_back_from_repair", reason=reason, summary=_("%(home)s back from repair, available."))
