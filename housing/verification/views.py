"""R-14: the agencies' pages — their queue, one request (answer, correct), the answers file (export, upload,
preview, confirm) — and the CCB's button on the recheck page that asks the agencies. Every page is refused (403)
to anyone without the duty; a request of another agency answers 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from housing.cases.selectors import get_application_for_user_or_404
from housing.exceptions import ApplicationError, NotPermitted
from housing.verification import exchange, selectors, services
from housing.verification.forms import AnswerForm, AnswersConfirmForm, AnswersUploadForm, CorrectionForm
from housing.verification.overdue import overdue_reminders_for
from housing.web import access
from housing.web.errors import run_service

DUTY = services.DUTY
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS_SHOWN = 500


@require_GET
def verification_queue(request):
    access.require_duty(request.user, DUTY)
    rows = selectors.queue_for_agency(request.user)
    return render(request, "housing/verification/queue.html", {
        "rows": rows, "open_count": sum(1 for r in rows if r["request"].answered_at is None),
        "overdue_count": sum(1 for r in rows if r["overdue"]),
        "reminders": overdue_reminders_for(request.user.unit_id), "agency": request.user.unit,
    })


@require_http_methods(["GET", "POST"])
def verification_request(request, pk: int):
    access.require_duty(request.user, DUTY)
    view = selectors.request_for_agency_or_404(request.user, pk)
    status = 200
    form = AnswerForm(request.POST or None, facts=view.open_items)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            done, status = run_service(form, lambda: services.answer_verification_request(
                actor=request.user, request_id=pk, answers=form.answers(),
                stands_by=form.cleaned_data["stands_by"]))
            if done is not None:
                messages.success(request, _("Your answers were recorded."))
                return redirect("housing:verification_request", pk=pk)
    return render(request, "housing/verification/request.html", {"view": view, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def verification_correct(request, pk: int, item: str):
    access.require_duty(request.user, DUTY)
    view = selectors.request_for_agency_or_404(request.user, pk)
    fact = next((f for f in view.facts if f.item == item and f.answer is not None), None)
    if fact is None:
        raise Http404("No answer of this fact to correct")
    status = 200
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        status = 400
        if form.is_valid():
            done, status = run_service(form, lambda: services.correct_verification_answer(
                actor=request.user, request_id=pk, item=item, answer=form.answer(),
                reason=form.cleaned_data["reason"], stands_by=form.cleaned_data["stands_by"]))
            if done is not None:
                messages.success(request, _("The correction was recorded; the earlier answer stays on record."))
                return redirect("housing:verification_request", pk=pk)
    else:
        form = CorrectionForm()
    return render(request, "housing/verification/correct.html", {"view": view, "fact": fact, "form": form},
                  status=status)


@require_GET
def verification_export(request):
    access.require_duty(request.user, DUTY)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    try:
        content = exchange.export_open_requests(actor=request.user, fmt=fmt)
    except NotPermitted:
        raise PermissionDenied
    response = HttpResponse(content, content_type=XLSX if fmt == "xlsx" else "text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="verification-{request.user.unit.code}-{stamp}.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def verification_import(request):
    access.require_duty(request.user, DUTY)
    status = 200
    if request.method == "POST":
        form = AnswersUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            token, status = run_service(form, lambda: exchange.stage_answers_file(
                actor=request.user, name=upload.name, content=upload.read()))
            if token is not None:
                return redirect("housing:verification_import_preview", token=token)
        else:
            status = 400
    else:
        form = AnswersUploadForm()
    return render(request, "housing/verification/import_upload.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def verification_import_preview(request, token: str):
    """The dry run (GET) and the confirmation (POST) of one uploaded answers file."""
    access.require_duty(request.user, DUTY)
    status, problems = 200, []
    confirm = AnswersConfirmForm(request.POST or None)
    if request.method == "POST":
        if confirm.is_valid():
            try:
                report = exchange.import_answers_file(actor=request.user, token=token,
                                                      sha256=confirm.cleaned_data["sha256"],
                                                      stands_by=confirm.cleaned_data["stands_by"])
            except NotPermitted:
                raise PermissionDenied
            except exchange.ImportRefused as refused:
                problems, status = [str(refused.message)] + [p.text() for p in refused.problems], 400
            else:
                messages.success(request, _("%(count)s answers were recorded from %(file)s.") % {
                    "count": len(report.rows), "file": report.file_name})
                return redirect("housing:verification_queue")
        else:
            problems, status = [_("The confirmation was incomplete; preview the file again.")], 400
    try:
        report = exchange.preview_answers_file(actor=request.user, token=token)
    except NotPermitted:
        raise PermissionDenied
    except exchange.ImportRefused as refused:
        return render(request, "housing/verification/import_preview.html", {
            "report": None, "problems": problems + [str(refused.message)], "token": token,
        }, status=410 if not problems else status)
    file_problems = [p.text() for p in report.problems]
    if file_problems:
        status = 400
    return render(request, "housing/verification/import_preview.html", {
        "report": report, "problems": problems, "file_problems": file_problems, "token": token,
        "confirm": AnswersConfirmForm(initial={"sha256": report.sha256}),
        "rows": report.rows[:PREVIEW_ROWS_SHOWN], "more": max(0, len(report.rows) - PREVIEW_ROWS_SHOWN),
    }, status=status)


# --- the CCB, from the recheck page ----------------------------------------------------------------------------

@require_POST
def open_requests(request, number: str):
    """R-14, R-39.5: the CCB asks each agency for the facts it answers for; asking again adds nothing."""
    application = get_application_for_user_or_404(request.user, number)
    try:
        created = services.open_verification_requests(actor=request.user, application=application)
    except NotPermitted:
        raise PermissionDenied
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return redirect("housing:recheck", number=number)
    if created:
        messages.success(request, _("Verification requested from %(agencies)s.") % {
            "agencies": "、".join(str(r.agency) for r in created)})
    else:
        messages.info(request, _("Every agency had been asked already; nothing was added."))
    return redirect("housing:recheck", number=number)
