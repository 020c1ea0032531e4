"""R-16.8b, R-X.5: the stock pages — the list of homes, one home, repair, import (upload, preview, confirm),
export and the blank template. The CCB (duty manage_stock) changes; discipline inspection reads (R-6)."""

import io

import openpyxl
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from departments.permissions import may_do
from housing.stock import selectors as selectors
from housing.exceptions import NotPermitted
from housing.office.step import may_step
from housing.stock.forms import RepairForm, StockConfirmForm, StockFilterForm, StockUploadForm
from housing.stock.resources import COLUMNS
from housing.stock import services as service
from housing.web import access
from housing.web.errors import run_service

HOMES_PER_PAGE = 50
PREVIEW_ROWS_SHOWN = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MOVES = {
    "send_to_repair": (service.send_unit_to_repair, gettext_lazy("Send to repair")),
    "return_from_repair": (service.return_unit_from_repair, gettext_lazy("Back from repair")),
}


def _filtered(request):
    try:
        projects = selectors.projects_for_filter(request.user)
    except NotPermitted:
        raise PermissionDenied
    form = StockFilterForm(request.GET or None, projects=projects,
                           buildings=selectors.buildings_for_filter(request.user))
    if form.is_bound:
        form.is_valid()
    homes = selectors.homes_visible_to(request.user, **form.filters())
    return form, homes


@require_GET
def stock_list(request):
    form, homes = _filtered(request)
    page = Paginator(homes, HOMES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "housing/stock/home_list.html", {
        "form": form, "page": page, "homes": page.object_list, "counts": selectors.stock_counts(homes),
        "may_manage": may_do(request.user, service.DUTY), "query": query.urlencode(),
    })


@require_GET
def stock_export(request):
    access.require_duty(request.user, service.DUTY)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    _form, homes = _filtered(request)
    content = service.export_stock(actor=request.user, queryset=homes, fmt=fmt)
    response = HttpResponse(content, content_type=XLSX if fmt == "xlsx" else "text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="housing-stock-{stamp}.{fmt}"'
    return response


@require_GET
def stock_template(request):
    """The blank template: the columns and one example row (R-16.8b)."""
    access.require_duty(request.user, service.DUTY)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "房源"
    sheet.append([c.zh for c in COLUMNS if c.imported])
    sheet.append(["民治公共租赁住房项目", "深圳市龙华新区民治街道示例路1号", "深圳市龙华新区城市建设局", "公共租赁住房",
                  "1栋", "101", "一房一厅", 45.00, 1, 1200.00, None, 2400.00])
    for index, column in enumerate(COLUMNS[:-1], start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 24 if index <= 3 else 12
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="housing-stock-template.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
def stock_import(request):
    access.require_duty(request.user, service.DUTY)
    status = 200
    if request.method == "POST":
        form = StockUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            token, status = run_service(form, lambda: service.stage_stock_file(
                actor=request.user, name=upload.name, content=upload.read()))
            if token is not None:
                return redirect("housing:stock_import_preview", token=token)
        else:
            status = 400
    else:
        form = StockUploadForm()
    return render(request, "housing/stock/import_upload.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def stock_import_preview(request, token):
    """The dry run (GET) and the confirmation (POST) of one uploaded file."""
    access.require_duty(request.user, service.DUTY)
    status, problems = 200, []
    confirm = StockConfirmForm(request.POST or None)
    if request.method == "POST":
        if confirm.is_valid():
            try:
                report = service.import_stock_file(actor=request.user, token=token,
                                                   sha256=confirm.cleaned_data["sha256"])
            except NotPermitted:
                raise PermissionDenied
            except service.ImportRefused as refused:
                problems, status = [str(refused.message)] + [p.text() for p in refused.problems], 400
            else:
                messages.success(request, _("Stock imported: %(new)s new homes, %(updated)s updated, "
                                            "%(unchanged)s unchanged.") % {
                    "new": report.new, "updated": report.updated, "unchanged": report.unchanged})
                return redirect("housing:stock_list")
        else:
            problems, status = [_("The confirmation was incomplete; preview the file again.")], 400
    try:
        report = service.preview_stock_import(actor=request.user, token=token)
    except NotPermitted:
        raise PermissionDenied
    except service.ImportRefused as refused:
        return render(request, "housing/stock/import_preview.html", {
            "report": None, "problems": problems + [str(refused.message)], "token": token,
        }, status=410 if not problems else status)
    problems += [p.text() for p in report.problems]
    if report.problems:
        status = 400
    return render(request, "housing/stock/import_preview.html", {
        "report": report, "problems": problems, "token": token,
        "confirm": StockConfirmForm(initial={"sha256": report.sha256}),
        "rows": report.outcomes[:PREVIEW_ROWS_SHOWN], "more": max(0, len(report.outcomes) - PREVIEW_ROWS_SHOWN),
    }, status=status)


@require_GET
def stock_home_detail(request, pk):
    try:
        history = selectors.home_for_user_or_404(request.user, pk)
    except NotPermitted:
        raise PermissionDenied
    home = history.home
    # The moves the FSM allows from the home's status and this user's duty (manage_stock).
    moves = [(name, label) for name, (_call, label) in MOVES.items() if may_step(request.user, home, name)]
    return render(request, "housing/stock/home_detail.html", {"history": history, "home": home, "moves": moves})


@require_http_methods(["GET", "POST"])
def stock_home_move(request, pk, move):
    if move not in MOVES:
        raise Http404
    access.require_duty(request.user, service.DUTY)
    try:
        history = selectors.home_for_user_or_404(request.user, pk)
    except NotPermitted:
        raise PermissionDenied
    home = history.home
    call, label = MOVES[move]
    status = 200
    if request.method == "POST":
        form = RepairForm(request.POST)
        if form.is_valid():
            done, status = run_service(form, lambda: call(
                actor=request.user, unit_id=home.pk, expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"]))
            if done is not None:
                messages.success(request, _("%(step)s: done for %(home)s.") % {"step": label, "home": home})
                return redirect(reverse("housing:stock_home_detail", args=[home.pk]))
        else:
            status = 400
    else:
        form = RepairForm(initial={"version": home.version})
    return render(request, "housing/stock/home_move.html", {
        "home": home, "form": form, "move": move, "label": label}, status=status)
