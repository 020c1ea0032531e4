"""R-14, R-X.5: an agency exports its open requests as one file and imports its answers: preview first, every
problem by row and column, then all rows or none, each answer with the statement that the agency stands by it."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from housing.exceptions import NotPermitted
from housing.models import OfficeAction, VerificationAnswer
from housing.verification import exchange
from tests.factories import staff
from tests.factories.verification import answer_all, at_recheck, with_requests

pytestmark = pytest.mark.django_db
HEADER = ["核查编号", "申请人", "身份证号（部分隐藏）", "核查事项", "事项代码", "答复期限", "核查结果", "文号", "备注"]


def table(content: bytes) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]


def xlsx(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filled(content: bytes, answers: dict) -> bytes:
    """The exported workbook with answers written in: (request, item) -> (result, reference, remarks)."""
    rows = table(content)
    out = []
    for row in rows[1:]:
        key = (int(row[0]), row[4])
        if key in answers:
            row[6:9] = answers[key]
        out.append(row)
    return xlsx(out, rows[0])


@pytest.fixture
def social(answer_files_dir):
    return staff("verify_social_security", "clerk")


def test_the_export_lists_the_facts_still_to_answer_of_the_agency_only(social):
    first, second = with_requests()["verify_social_security"], with_requests()["verify_social_security"]
    with_requests()  # a third application's requests to the same agency
    answer_all(with_requests()["verify_social_security"])  # answered in full: not exported
    rows = table(exchange.export_open_requests(actor=social, fmt="xlsx"))
    assert rows[0] == HEADER
    keys = [(r[0], r[4]) for r in rows[1:]]
    assert (first.pk, "education") in keys and (second.pk, "social_insurance") in keys
    assert len(keys) == 6  # three open requests, two facts each
    assert all("*" in r[2] for r in rows[1:])  # masked ID numbers only
    assert all(r[6] is None and r[7] is None for r in rows[1:])


def test_the_csv_export_opens_in_excel(social):
    with_requests()
    content = exchange.export_open_requests(actor=social, fmt="csv")
    assert content.startswith("\ufeff".encode())
    assert next(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == HEADER


def test_the_file_round_trip_records_all_answers_with_the_statement(social):
    request = with_requests()["verify_social_security"]
    content = filled(exchange.export_open_requests(actor=social, fmt="xlsx"), {
        (request.pk, "education"): ("属实", "人社学-1", "学历已核"), (request.pk, "social_insurance"): ("不属实", "人社保-2", None)})
    token = exchange.stage_answers_file(actor=social, name="answers.xlsx", content=content)
    report = exchange.preview_answers_file(actor=social, token=token)
    assert report.problems == [] and len(report.rows) == 2
    assert not VerificationAnswer.objects.exists()  # the preview saves nothing
    with pytest.raises(exchange.ImportRefused):
        exchange.import_answers_file(actor=social, token=token, sha256=report.sha256, stands_by=False)
    exchange.import_answers_file(actor=social, token=token, sha256=report.sha256, stands_by=True)
    answers = {a.item: a for a in VerificationAnswer.objects.filter(request=request)}
    assert (answers["education"].confirmed, answers["education"].reference) == (True, "人社学-1")
    assert (answers["social_insurance"].confirmed, answers["social_insurance"].source) == (False, "file")
    assert all(a.stands_by and a.answered_by == social for a in answers.values())
    request.refresh_from_db()
    assert request.answered_at is not None
    assert OfficeAction.objects.get(action="verification_answers_imported").data["stands_by"] is True
    with pytest.raises(exchange.ImportRefused):  # a token records once
        exchange.import_answers_file(actor=social, token=token, sha256=report.sha256, stands_by=True)


def test_blank_rows_are_left_for_later(social):
    request = with_requests()["verify_social_security"]
    content = filled(exchange.export_open_requests(actor=social, fmt="xlsx"),
                     {(request.pk, "education"): ("属实", "人社学-1", None)})
    token = exchange.stage_answers_file(actor=social, name="answers.xlsx", content=content)
    report = exchange.preview_answers_file(actor=social, token=token)
    assert (len(report.rows), report.skipped, report.problems) == (1, 1, [])


def test_every_problem_is_named_by_row_and_column_and_nothing_is_recorded(social):
    mine = with_requests()["verify_social_security"]
    answer_all(with_requests()["verify_social_security"])
    answered = VerificationAnswer.objects.get(item="education").request
    other_agency = with_requests()["verify_public_security"]
    rows = [
        [mine.pk, "", "", "", "education", "", "属实", "人社-1", ""],  # row 2: fine
        [mine.pk, "", "", "", "social_insurance", "", "也许", "人社-2", ""],  # row 3: result
        [other_agency.pk, "", "", "", "hukou", "", "属实", "公-1", ""],  # row 4: another agency's request
        [mine.pk, "", "", "", "hukou", "", "属实", "人社-3", ""],  # row 5: a fact not asked of this request
        [answered.pk, "", "", "", "education", "", "属实", "人社-4", ""],  # row 6: answered already
        [mine.pk, "", "", "", "education", "", "属实", "", ""],  # row 7: twice in the file
        ["abc", "", "", "", "education", "", "属实", "人社-5", ""],  # row 8: not a number
    ]
    token = exchange.stage_answers_file(actor=social, name="answers.xlsx", content=xlsx(rows))
    report = exchange.preview_answers_file(actor=social, token=token)
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "result"), (4, "request"), (5, "item"), (6, "item"), (7, "item"), (8, "request")]
    with translation.override("en"):
        assert report.problems[0].text().startswith("Row 3, column “result”")
    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.import_answers_file(actor=social, token=token, sha256=report.sha256, stands_by=True)
    assert len(refused.value.problems) == 6
    assert VerificationAnswer.objects.filter(request=mine).count() == 0  # not even the good row


def test_a_missing_reference_is_a_problem_of_its_cell(social):
    mine = with_requests()["verify_social_security"]
    token = exchange.stage_answers_file(actor=social, name="a.xlsx", content=xlsx(
        [[mine.pk, "", "", "", "education", "", "属实", "", "无文号"]]))
    report = exchange.preview_answers_file(actor=social, token=token)
    assert [(p.row, p.column) for p in report.problems] == [(2, "reference")]


def test_a_file_without_the_columns_is_refused_whole(social):
    token = exchange.stage_answers_file(actor=social, name="a.csv", content="甲,乙\n1,2\n".encode())
    report = exchange.preview_answers_file(actor=social, token=token)
    assert len(report.problems) == 1 and report.problems[0].row is None


def test_not_a_spreadsheet_is_refused(social):
    with pytest.raises(exchange.ImportRefused):
        exchange.stage_answers_file(actor=social, name="a.pdf", content=b"%PDF-1.4")
    with pytest.raises(exchange.ImportRefused):
        exchange.stage_answers_file(actor=social, name="a.xlsx", content=b"")


@pytest.mark.parametrize("who", [("ccb", "clerk"), ("org_personnel", "reviewer"), ("discipline", "reviewer")])
def test_no_exchange_for_anyone_who_does_not_answer(answer_files_dir, who):
    with pytest.raises(NotPermitted):
        exchange.export_open_requests(actor=staff(*who), fmt="xlsx")
    with pytest.raises(NotPermitted):
        exchange.stage_answers_file(actor=staff(*who), name="a.xlsx", content=xlsx([]))


def test_another_officers_upload_is_not_confirmed(social):
    request = with_requests()["verify_social_security"]
    token = exchange.stage_answers_file(actor=social, name="a.xlsx", content=xlsx(
        [[request.pk, "", "", "", "education", "", "属实", "人社-1", ""]]))
    with pytest.raises(NotPermitted):
        exchange.preview_answers_file(actor=staff("verify_social_security", "head"), token=token)


def test_the_pages_upload_preview_and_confirm(client, social):
    request = with_requests()["verify_social_security"]
    client.force_login(social)
    client.cookies["django_language"] = "en"
    export = client.get(reverse("housing:verification_export") + "?format=xlsx")
    assert export.status_code == 200 and "attachment" in export["Content-Disposition"]
    content = filled(export.content, {(request.pk, "education"): ("属实", "人社学-1", None),
                                      (request.pk, "social_insurance"): ("属实", "人社保-1", None)})
    upload = client.post(reverse("housing:verification_import"),
                         {"file": _named(content, "answers.xlsx")})
    assert upload.status_code == 302
    preview = client.get(upload["Location"])
    assert preview.status_code == 200 and "人社学-1" in preview.content.decode()
    sha = preview.context["report"].sha256
    refused = client.post(upload["Location"], {"sha256": sha})
    assert refused.status_code == 400 and not VerificationAnswer.objects.exists()
    done = client.post(upload["Location"], {"sha256": sha, "stands_by": "on"})
    assert done.status_code == 302
    assert VerificationAnswer.objects.filter(request=request).count() == 2


def test_a_bad_file_on_the_page_shows_the_rows_to_fix(client, social):
    request = with_requests()["verify_social_security"]
    client.force_login(social)
    client.cookies["django_language"] = "en"
    upload = client.post(reverse("housing:verification_import"), {"file": _named(xlsx(
        [[request.pk, "", "", "", "education", "", "maybe", "X", ""]]), "a.xlsx")})
    preview = client.get(upload["Location"])
    assert preview.status_code == 400
    assert "Row 2, column “result”" in preview.content.decode()
    assert "Record these answers" not in preview.content.decode()


def _named(content: bytes, name: str):
    return SimpleUploadedFile(name, content)
