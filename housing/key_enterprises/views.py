"""The Economic Services Bureau's pages of the key-enterprise lists (R-13): the lists of each year, the import of a
year's list (upload with its year, preview, confirm). Read by the bureau only; imported by its reviewers and heads
(403 to anyone else)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.permissions import may_do
from housing.exceptions import NotPermitted
from housing.key_enterprises import selectors, services
from housing.key_enterprises.forms import ListConfirmForm, ListUploadForm
from housing.web import access
from housing.web.errors import run_service

AREA = "key_enterprises"


@require_GET
def list_years(request, year: int | None = None):
    access.require_area(request.user, AREA)
    years = selectors.years()
    known = [y["year"] for y in years]
    if year is None:
        year = known[0] if known else None
    elif year not in known:
        raise Http404("No key-enterprise list for this year")
    return render(request, "housing/key_enterprises/list.html", {
        "years": years, "year": year, "listings": selectors.listings(year) if year else [],
        "may_import": may_do(request.user, services.DUTY)})


@require_http_methods(["GET", "POST"])
def list_import(request):
    access.require_duty(request.user, services.DUTY)
    status = 200
    form = ListUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            token, status = run_service(form, lambda: services.stage_list_file(
                actor=request.user, name=upload.name, content=upload.read()))
            if token is not None:
                return redirect("housing:key_enterprise_import_preview", token=token, year=form.cleaned_data["year"])
        else:
            status = 400
    return render(request, "housing/key_enterprises/import_upload.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def list_import_preview(request, token: str, year: int):
    """The dry run (GET) and the confirmation (POST) of one uploaded list of one year."""
    access.require_duty(request.user, services.DUTY)
    status, problems = 200, []
    confirm = ListConfirmForm(request.POST or None)
    try:
        if request.method == "POST":
            if confirm.is_valid():
                try:
                    report = services.import_list_file(actor=request.user, token=token, year=year,
                                                       sha256=confirm.cleaned_data["sha256"])
                except services.ImportRefused as refused:
                    problems, status = [str(refused.message)] + [p.text() for p in refused.problems], 400
                else:
                    messages.success(request, _("The key-enterprise list of %(year)s was imported: %(new)s added, "
                                                "%(unchanged)s already listed, %(leaving)s removed.") % {
                        "year": year, "new": report.new, "unchanged": report.unchanged,
                        "leaving": len(report.leaving)})
                    return redirect("housing:key_enterprise_list_year", year=year)
            else:
                problems, status = [_("The confirmation was incomplete; preview the file again.")], 400
        report = services.preview_list_import(actor=request.user, token=token, year=year)
    except NotPermitted:
        raise PermissionDenied
    except services.ImportRefused as refused:
        return render(request, "housing/key_enterprises/import_preview.html", {
            "report": None, "problems": problems + [str(refused.message)], "token": token, "year": year,
        }, status=410 if not problems else status)
    except services.InvalidInput as invalid:
        return render(request, "housing/key_enterprises/import_preview.html", {
            "report": None, "problems": [str(invalid.message)], "token": token, "year": year}, status=400)
    problems += [p.text() for p in report.problems]
    if report.problems:
        status = 400
    return render(request, "housing/key_enterprises/import_preview.html", {
        "report": report, "problems": problems, "token": token, "year": year,
        "confirm": ListConfirmForm(initial={"sha256": report.sha256}),
    }, status=status)
