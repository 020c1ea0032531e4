"""R-14, R-X.5: the batch exchange with one agency — its open requests as one file, and its answers read back.

The agency downloads the facts it still has to answer (one row per request and fact), fills in the result, the
reference number and any remark, and uploads the file. The upload is kept server-side (housing.web.staged_uploads)
and previewed: every problem is named by its spreadsheet row and column, nothing is saved. The confirmation
records exactly the previewed file, all rows or none, with the officer's statement that the agency stands by
every answer in it. Rows left blank are left for later.
"""

from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from housing.exceptions import InvalidInput, NotPermitted
from housing.models import VerificationAnswer, VerificationRequest
from housing.office.log import record_action
from housing.verification.facts import fact_label
from housing.verification.selectors import requests_for_agency
from housing.verification.services import Answer, check_answer, record_answers, require_agency
from housing.web.files import FileTooBig, UnreadableFile, check_upload, iter_table, sniff_format
from housing.web.staged_uploads import StagingArea, UnknownUpload, UploadChanged, UploadedByAnother
from publicity.masking import mask_id_number

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ANSWER_FILES = StagingArea("verification-answers")


@dataclass(frozen=True)
class Column:
    key: str
    zh: str  # the exported header
    en: str  # accepted on import too
    label: object


COLUMNS = (
    Column("request", "核查编号", "request", gettext_lazy("request number")),
    Column("applicant", "申请人", "applicant", gettext_lazy("applicant")),
    Column("id_number", "身份证号（部分隐藏）", "id number", gettext_lazy("ID number")),
    Column("fact", "核查事项", "fact", gettext_lazy("fact")),
    Column("item", "事项代码", "fact code", gettext_lazy("fact code")),
    Column("due_on", "答复期限", "due by", gettext_lazy("due by")),
    Column("result", "核查结果", "result", gettext_lazy("result")),
    Column("reference", "文号", "reference", gettext_lazy("reference number")),
    Column("remarks", "备注", "remarks", gettext_lazy("remarks")),
)
BY_KEY = {c.key: c for c in COLUMNS}
NEEDED = ("request", "item", "result", "reference")
CONFIRMED_WORDS = {"属实": True, "是": True, "true": True, "yes": True, "confirmed": True,
                   "不属实": False, "否": False, "false": False, "no": False, "not confirmed": False,
                   "not true": False}


@dataclass(frozen=True)
class Problem:
    """One thing to fix: ``row`` is the spreadsheet row (header = 1), ``column`` a Column key."""

    message: object
    row: int | None = None
    column: str | None = None

    def text(self) -> str:
        if self.row and self.column:
            return str(_("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row, "column": BY_KEY[self.column].label, "message": self.message})
        if self.row:
            return str(_("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message})
        return str(self.message)


class ImportRefused(InvalidInput):
    article = "R-X.5"

    def __init__(self, message=None, *, problems=None):
        self.problems = list(problems or [])
        super().__init__(message or _("Nothing was recorded. Correct the file and upload it again."))


@dataclass
class AnswerRow:
    row: int
    request: VerificationRequest
    item: str
    answer: Answer

    @property
    def fact(self):
        return fact_label(self.item)


@dataclass
class AnswersReport:
    file_name: str = ""
    sha256: str = ""
    rows: list[AnswerRow] = field(default_factory=list)
    skipped: int = 0  # rows left blank for later
    problems: list[Problem] = field(default_factory=list)


# --- export ------------------------------------------------------------------------------------------------------

def export_open_requests(*, actor, fmt: str) -> bytes:
    """The agency's facts still to answer, one row per request and fact, with empty answer columns."""
    require_agency(actor)
    if fmt not in ("xlsx", "csv"):
        raise InvalidInput(_("Export as xlsx or csv."))
    requests = list(requests_for_agency(actor).filter(answered_at__isnull=True))
    answered = {(a.request_id, a.item) for a in
                VerificationAnswer.objects.filter(request__in=requests, correction__isnull=True)}
    data = tablib.Dataset(headers=[c.zh for c in COLUMNS])
    for request in requests:
        application = request.application
        for item in request.items:
            if (request.pk, item) in answered:
                continue
            data.append([request.pk, application.applicant_name, mask_id_number(application.applicant_id_number),
                         str(fact_label(item)), item, request.due_on.isoformat(), "", "", ""])
    out = data.export(fmt)
    if fmt == "csv":
        return ("\ufeff" + out).encode("utf-8")  # the BOM lets Excel open Chinese text correctly
    return out


# --- the staged file ---------------------------------------------------------------------------------------------

def stage_answers_file(*, actor, name: str, content: bytes) -> str:
    """Keep an uploaded answers file under a new random token; returns the token."""
    require_agency(actor)
    if not content:
        raise ImportRefused(_("The file is empty."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than 5 MB; split it into several files."))
    fmt = sniff_format(name, content)
    if fmt is None:
        raise ImportRefused(_("Upload the answers as an Excel workbook (.xlsx) or a CSV file (.csv)."))
    try:
        check_upload(fmt, content)
    except FileTooBig as exc:
        raise ImportRefused(exc.message)
    except UnreadableFile:
        pass  # the preview names the problem
    return ANSWER_FILES.stage(actor=actor, name=name, fmt=fmt, content=content).token


def _load(*, actor, token: str, sha256: str | None = None):
    try:
        return ANSWER_FILES.load(actor=actor, token=token, sha256=sha256)
    except UnknownUpload:
        raise ImportRefused(_("This upload is unknown or has expired; upload the file again."))
    except UploadedByAnother:
        raise NotPermitted(_("This file was uploaded by another officer; upload it yourself."))
    except UploadChanged:
        raise ImportRefused(_("The file is not the one that was previewed; upload it again."))


def purge_expired_answer_files(now=None) -> int:
    return ANSWER_FILES.purge_expired(now)


# --- checking ----------------------------------------------------------------------------------------------------

def _header_key(cell) -> str | None:
    text = "" if cell is None else str(cell).strip()
    lowered = text.lower()
    for column in COLUMNS:
        if text == column.zh or lowered == column.en or lowered == column.key:
            return column.key
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _check(*, actor, staged) -> AnswersReport:
    report = AnswersReport(file_name=staged.name, sha256=staged.sha256)
    try:
        table = iter(iter_table(staged.format, staged.content))
        header = next(table, None)
        body = list(table)
    except UnreadableFile as exc:
        report.problems.append(Problem(exc.message))
        return report
    except Exception:  # a corrupt workbook can raise almost anything from openpyxl/zipfile
        report.problems.append(Problem(_("The file could not be read; save it again from Excel.")))
        return report
    positions = {}
    for index, cell in enumerate(header or []):
        key = _header_key(cell)
        if key and key not in positions:
            positions[key] = index
    missing = [BY_KEY[k].zh for k in NEEDED if k not in positions]
    if missing:
        report.problems.append(Problem(_("The header lacks the columns %(columns)s; use the exported file.") % {
            "columns": "、".join(missing)}))
        return report
    mine = {r.pk: r for r in requests_for_agency(actor)}
    answered = {(a.request_id, a.item) for a in
                VerificationAnswer.objects.filter(request__in=list(mine.values()), correction__isnull=True)}
    seen = set()
    for number, cells in enumerate(body, start=2):
        def cell(key):
            index = positions.get(key)
            return _text(cells[index]) if index is not None and index < len(cells) else ""

        if not any(_text(c) for c in cells):
            continue
        result, reference, remarks = cell("result"), cell("reference"), cell("remarks")
        if not result and not reference and not remarks:
            report.skipped += 1  # left for later
            continue
        try:
            request = mine.get(int(cell("request")))
        except ValueError:
            request = None
        if request is None:  # another agency's request is named like a missing one (R-X.2)
            report.problems.append(Problem(_("no open request of your agency has this number"), number, "request"))
            continue
        item = cell("item")
        if item not in request.items:
            report.problems.append(Problem(_("this request does not ask about this fact"), number, "item"))
            continue
        if (request.pk, item) in answered:
            report.problems.append(Problem(_("this fact is answered already; correct it on its page"), number,
                                           "item"))
            continue
        if (request.pk, item) in seen:
            report.problems.append(Problem(_("this fact is answered twice in the file"), number, "item"))
            continue
        seen.add((request.pk, item))
        confirmed = CONFIRMED_WORDS.get(result.lower()) if result else None
        if result and confirmed is None:
            report.problems.append(Problem(_("write 属实 (true as declared) or 不属实 (not true)"), number, "result"))
            continue
        answer = Answer(confirmed=confirmed, reference=reference, remarks=remarks)
        errors: dict[str, list] = {}
        check_answer(answer, item=item, errors=errors)
        for key, messages in errors.items():
            column = "result" if key.startswith("confirmed_") else "reference"
            report.problems.extend(Problem(m, number, column) for m in messages)
        if not errors:
            report.rows.append(AnswerRow(row=number, request=request, item=item, answer=answer))
    if not report.rows and not report.problems:
        report.problems.append(Problem(_("The file answers no fact.")))
    return report


def preview_answers_file(*, actor, token: str) -> AnswersReport:
    """The dry run: what the file would record, or every problem of it. Saves nothing."""
    require_agency(actor)
    return _check(actor=actor, staged=_load(actor=actor, token=token))


@transaction.atomic
def import_answers_file(*, actor, token: str, sha256: str, stands_by: bool) -> AnswersReport:
    """R-14, R-X.5: record exactly the previewed file, all rows or none, each answer with the statement."""
    require_agency(actor)
    staged = _load(actor=actor, token=token, sha256=sha256)
    if not stands_by:
        raise ImportRefused(_("Confirm that your agency stands by every answer in the file (Art. 14)."))
    # Lock the agency's requests, then check again against what is recorded now.
    list(requests_for_agency(actor).select_for_update(of=("self",)))
    report = _check(actor=actor, staged=staged)
    if report.problems:
        raise ImportRefused(problems=report.problems)
    written = record_answers(actor=actor, answers=[(row.request, row.item, row.answer) for row in report.rows],
                             source=VerificationAnswer.Source.FILE)
    requests = {row.request.pk for row in report.rows}
    record_action(actor=actor, action="verification_answers_imported", obj=actor.unit, article="R-14",
                  summary=_("%(agency)s answered %(count)s facts of %(requests)s requests from %(file)s.") % {
                      "agency": actor.unit, "count": len(written), "requests": len(requests),
                      "file": staged.name},
                  data={"file": staged.name, "sha256": staged.sha256, "stands_by": True,
                        "answers": [{"request": a.request_id, "item": a.item, "id": a.pk, "confirmed": a.confirmed,
                                     "reference": a.reference} for a in written],
                        "at": timezone.now()})
    transaction.on_commit(lambda: ANSWER_FILES.forget(token))  # a token records once
    return report
