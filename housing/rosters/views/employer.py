"""R-9–11, R-16.2, R-16.8: the employer's own pages — its people's applications and stages, its quota, the
template, the upload with its preview and confirmation, one roster. Only an employer's account opens them, and
only its own records (another employer's roster answers 404)."""

import csv
import io

import openpyxl
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from housing.exceptions import NotPermitted
from housing.rosters import selectors
from housing.rosters.columns import COLUMNS, FORM_TERMS, RELATION_TERMS
from housing.rosters.exceptions import RosterRefused
from housing.rosters.forms import RosterConfirmForm, RosterUploadForm
from housing.rosters.services import submission
from housing.web.errors import run_service
from publicity.masking import mask_id_number

PREVIEW_ROWS_SHOWN = 500
PER_PAGE = 50


def _account(request):
    account = selectors.account_for(request.user)
    if account is None:
        raise PermissionDenied
    return account


@require_GET
def employer_home(request):
    account = _account(request)
    page = Paginator(selectors.employer_applications(account), PER_PAGE).get_page(request.GET.get("page"))
    people = [(a, mask_id_number(a.applicant_id_number)) for a in page]
    return render(request, "housing/rosters/employer_home.html", {
        "account": account, "quotas": selectors.quotas_for(account), "page": page, "people": people,
        "rosters": selectors.rosters_visible_to(request.user)[:20],
    })


EXAMPLE = [
    ["1", RELATION_TERMS["applicant"], "张三", "", "是", "已婚", "龙华区", "2015-03-01", 36, "否",
     FORM_TERMS["public_rental"], "13800000000", "副高级", "硕士", "是"],
    ["1", RELATION_TERMS["spouse"], "李四", "", "是", "已婚", "龙华区", "2016-05-01", 24, "否", "", "", "", "", ""],
]


@require_GET
def employer_template(request, fmt):
    """The blank roster: Chinese headers (``?headers=en``: English), two example rows to overwrite."""
    _account(request)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    english = request.GET.get("headers") == "en"
    header = [c.en if english else c.zh for c in COLUMNS]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(EXAMPLE)
        response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "roster"
        sheet.append(header)
        for row in EXAMPLE:
            sheet.append(row)
        for index in range(1, len(header) + 1):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 16
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(data.getvalue(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="roster-template.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def employer_roster_upload(request):
    account = _account(request)
    rounds = selectors.open_rounds_for(account)
    status = 200
    form = RosterUploadForm(request.POST or None, request.FILES or None, rounds=rounds)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            token, status = run_service(form, lambda: submission.stage_roster_file(
                actor=request.user, name=upload.name, content=upload.read()))
            if token is not None:
                return redirect(f"{reverse('housing:employer_roster_preview', args=[token])}"
                                f"?round={form.cleaned_data['round']}")
        else:
            status = 400
    return render(request, "housing/rosters/employer_upload.html", {"form": form, "rounds": rounds},
                  status=status)


@require_http_methods(["GET", "POST"])
def employer_roster_preview(request, token):
    """The dry run (GET) and the confirmation (POST) of one uploaded roster."""
    _account(request)
    round_id = request.GET.get("round", "")
    status, problems = 200, []
    confirm = RosterConfirmForm(request.POST or None)
    if request.method == "POST":
        if confirm.is_valid():
            try:
                roster = submission.submit_roster(actor=request.user, token=token,
                                                  sha256=confirm.cleaned_data["sha256"], round_id=round_id)
            except NotPermitted:
                raise PermissionDenied
            except RosterRefused as refused:
                problems, status = [str(refused.message)] + [p.text() for p in refused.problems], 400
            else:
                messages.success(request, _("Roster %(number)s submitted: %(households)s households. The talent "
                                            "unit responsible for your group decides it.") % {
                    "number": roster.number, "households": roster.households})
                return redirect("housing:employer_roster_detail", number=roster.number)
        else:
            problems, status = [_("The confirmation was incomplete; preview the file again.")], 400
    try:
        report = submission.preview_roster(actor=request.user, token=token, round_id=round_id)
    except NotPermitted:
        raise PermissionDenied
    except RosterRefused as refused:
        return render(request, "housing/rosters/employer_preview.html", {
            "report": None, "problems": problems + [str(refused.message)], "token": token,
        }, status=410 if not problems else status)
    problems += [p.text() for p in report.problems]
    if report.problems:
        status = 400
    lines = [(h, h.rows[h.applicant_index], h.applicant, mask_id_number(h.applicant["id_number"]))
             for h in report.households[:PREVIEW_ROWS_SHOWN]]
    return render(request, "housing/rosters/employer_preview.html", {
        "report": report, "problems": problems, "token": token, "round_id": round_id, "lines": lines,
        "confirm": RosterConfirmForm(initial={"sha256": report.sha256}),
        "more": max(0, len(report.households) - PREVIEW_ROWS_SHOWN),
    }, status=status)


@require_GET
def employer_roster_detail(request, number):
    _account(request)
    roster = selectors.get_roster_for_user_or_404(request.user, number)
    return render(request, "housing/rosters/employer_roster.html", {
        "roster": roster, "lines": selectors.roster_lines(roster)})
