"""R-13: the Economic Services Bureau imports the key-enterprise list of a year (docs/decisions/0041).

Two steps, as the stock import (housing.stock.services): ``stage_list_file`` keeps the uploaded bytes under a random
token; ``preview_list_import`` checks the file and runs the import in a transaction that is rolled back;
``import_list_file`` imports exactly the previewed file (same token, sha256, reviewer, year), all rows or none.
The file is the year's whole list: an employer of that year's list missing from the file leaves that year's list.
The lists of other years are never touched, so a year's published list stays as it was when another year's changes.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import duty_article
from housing.exceptions import InvalidInput, NotPermitted
from housing.key_enterprises.resources import (MAX_UPLOAD_BYTES, ListingResource, Problem, check_table, dataset_rows,
                                               read_table)
from housing.models import Employer, KeyEnterpriseListing
from housing.office.log import record_action, require_office_duty
from housing.web.files import FileTooBig, UnreadableFile, check_upload, sniff_format
from publicity.cache import invalidate_on_commit
from housing.web.staged_uploads import (KEY_ENTERPRISE_IMPORTS, StagedFile, UnknownUpload, UploadChanged,
                                        UploadedByAnother)

DUTY = "maintain_key_enterprise_list"
FIRST_YEAR = 2014  # the measures of 2014 (Art. 43)


class ImportRefused(InvalidInput):
    """The file cannot be imported; ``problems`` lists every row and column to fix (R-13, R-X.5)."""

    article = "R-13"

    def __init__(self, message=None, *, problems=None):
        self.problems = list(problems or [])
        super().__init__(message or _("Nothing was imported. Correct the file and upload it again (Art. 13)."))


def _require(actor) -> None:
    require_office_duty(actor, DUTY, _("Only the Economic Services Bureau keeps the key-enterprise list (Art. 13)."))


def check_year(year) -> int:
    """The year of a list: from 2014 to next year (the list of a year is sent each January, Art. 13)."""
    last = timezone.localdate().year + 1
    if not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        raise InvalidInput(_("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": last},
                           field_errors={"year": [_("Choose a year from %(first)s to %(last)s.") % {
                               "first": FIRST_YEAR, "last": last}]})
    return year


def stage_list_file(*, actor, name: str, content: bytes) -> str:
    _require(actor)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than 2 MB."))
    if not content:
        raise ImportRefused(_("The file is empty."))
    fmt = sniff_format(name, content)
    if fmt is None:
        raise ImportRefused(_("Upload the list as an Excel workbook (.xlsx) or a CSV file (.csv)."))
    try:
        check_upload(fmt, content)
    except FileTooBig as exc:
        raise ImportRefused(exc.message)
    except UnreadableFile:
        pass  # the preview names the problem
    return KEY_ENTERPRISE_IMPORTS.stage(actor=actor, name=name, fmt=fmt, content=content).token


def _load(*, actor, token: str, sha256: str | None = None) -> StagedFile:
    _require(actor)
    try:
        return KEY_ENTERPRISE_IMPORTS.load(actor=actor, token=token, sha256=sha256)
    except UnknownUpload:
        raise ImportRefused(_("This import is unknown or has expired; upload the file again."))
    except UploadedByAnother:
        raise NotPermitted(_("This import was uploaded by another user; upload the file yourself."))
    except UploadChanged:
        raise ImportRefused(_("The file is not the one that was previewed; upload it again."))


@dataclass
class RowOutcome:
    row: int
    name: str
    credit_code: str
    action: str  # "new" (joins the year's list), "unchanged" (already on it)
    new_employer: bool = False


@dataclass
class ImportReport:
    year: int
    file_name: str = ""
    sha256: str = ""
    problems: list[Problem] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)
    leaving: list[tuple[str, str]] = field(default_factory=list)  # (name, credit code) off the year's list

    @property
    def new(self) -> int:
        return sum(1 for o in self.outcomes if o.action == "new")

    @property
    def unchanged(self) -> int:
        return sum(1 for o in self.outcomes if o.action == "unchanged")


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
    # the list names enterprises; an employer already known as another kind cannot be on it
    kinds = dict(Employer.objects.filter(credit_code__in=[r["credit_code"] for r in checked.rows])
                 .values_list("credit_code", "kind"))
    problems = [Problem(_("this credit code belongs to an employer recorded as “%(kind)s”, not an enterprise")
                        % {"kind": Employer.Kind(kinds[r["credit_code"]]).label}, r["row"], "credit_code")
                for r in checked.rows
                if kinds.get(r["credit_code"], Employer.Kind.ENTERPRISE) != Employer.Kind.ENTERPRISE]
    return checked.rows, problems


def _run(*, actor, year: int, rows: list[dict], report: ImportReport) -> None:
    known = set(Employer.objects.filter(credit_code__in=[r["credit_code"] for r in rows])
                .values_list("credit_code", flat=True))
    Employer.objects.bulk_create([Employer(name=r["name"], credit_code=r["credit_code"], kind=Employer.Kind.ENTERPRISE)
                                  for r in rows if r["credit_code"] not in known])
    resource = ListingResource(actor=actor)
    result = resource.import_data(dataset_rows(rows, year), dry_run=False, use_transactions=False,
                                  raise_errors=False)
    for number, errors in result.row_errors():
        for error in errors:
            report.problems.append(Problem(str(error.error), rows[number - 1]["row"]))
    for invalid in result.invalid_rows:
        for messages in invalid.error_dict.values():
            for message in messages:
                report.problems.append(Problem(str(message), rows[invalid.number - 1]["row"]))
    for error in result.base_errors:
        report.problems.append(Problem(str(error.error)))
    for index, row_result in enumerate(result.rows):
        r = rows[index]
        # What the preview shows for the row (joins the year's list, or is already on it); not a staff action.
        listing = "new" if row_result.import_type == row_result.IMPORT_TYPE_NEW else "unchanged"
        report.outcomes.append(RowOutcome(
            row=r["row"], name=r["name"], credit_code=r["credit_code"], action=listing,
            new_employer=r["credit_code"] not in known))
    codes = [r["credit_code"] for r in rows]
    leaving = (KeyEnterpriseListing.objects.of_year(year).exclude(employer__credit_code__in=codes)
               .select_related("employer").order_by("employer__name"))
    report.leaving = [(x.employer.name, x.employer.credit_code) for x in leaving]
    leaving.delete()


def preview_list_import(*, actor, token: str, year: int) -> ImportReport:
    """The dry run: who joins the year's list, who is already on it, who leaves it; or every problem. Saves nothing."""
    staged = _load(actor=actor, token=token)
    report = ImportReport(year=check_year(year), file_name=staged.name, sha256=staged.sha256)
    rows, report.problems = _check(staged)
    if report.problems:
        return report
    with transaction.atomic():
        _run(actor=actor, year=year, rows=rows, report=report)
        transaction.set_rollback(True)
    return report


@transaction.atomic
def import_list_file(*, actor, token: str, sha256: str, year: int) -> ImportReport:
    """R-13: the year's list becomes exactly the previewed file, all rows or none; other years' lists stay."""
    staged = _load(actor=actor, token=token, sha256=sha256)
    report = ImportReport(year=check_year(year), file_name=staged.name, sha256=staged.sha256)
    rows, problems = _check(staged)
    if problems:
        raise ImportRefused(problems=problems)
    _run(actor=actor, year=year, rows=rows, report=report)
    if report.problems:
        raise ImportRefused(problems=report.problems)
    first = KeyEnterpriseListing.objects.get(year=year, employer__credit_code=rows[0]["credit_code"])
    record_action(actor=actor, action="key_enterprise_list_imported", obj=first, article=duty_article(DUTY),
                  summary=_("Key-enterprise list of %(year)s imported from %(file)s: %(new)s added, %(unchanged)s "
                            "already listed, %(leaving)s removed.") % {
                      "year": year, "file": staged.name, "new": report.new, "unchanged": report.unchanged,
                      "leaving": len(report.leaving)},
                  data={"year": year, "file": staged.name, "sha256": staged.sha256, "added": report.new,
                        "unchanged": report.unchanged, "removed": [code for _n, code in report.leaving]})
    transaction.on_commit(lambda: KEY_ENTERPRISE_IMPORTS.forget(token))  # a token imports once
    invalidate_on_commit()  # the year's public list shows the import at once
    return report
