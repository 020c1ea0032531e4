"""The Joint Meeting's pages (R-5, R-7.3, R-17.2): the list of its decisions and one decision, read by the Joint
Meeting, the talent units, the CCB and discipline inspection (403 to anyone else, 404 for a decision outside the
reader's scope); the record form and the correction form, the Joint Meeting's own (403 to anyone else)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.permissions import may_do
from housing.joint_meeting import selectors, services
from housing.joint_meeting.forms import DecisionFilterForm, DecisionForm
from housing.web import access
from housing.web.errors import run_service

AREA = "joint_meeting"
PAGE_SIZE = 50


@require_GET
def decision_list(request):
    access.require_area(request.user, AREA)
    filters = DecisionFilterForm(request.GET or None, years=selectors.years_with_decisions())
    year, kind, in_force = None, "", False
    if filters.is_valid():
        year, kind = filters.cleaned_data["year"], filters.cleaned_data["kind"]
        in_force = filters.cleaned_data["in_force"]
    decisions = selectors.filtered(selectors.decisions_visible_to(request.user), year=year, kind=kind,
                                   in_force_only=in_force)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "housing/joint_meeting/list.html", {
        "filters": filters, "page": page, "rows": [_row(d) for d in page],
        "may_record": may_do(request.user, services.DUTY)})


@require_GET
def decision_detail(request, pk: int):
    access.require_area(request.user, AREA)
    decision = selectors.get_decision_for_user_or_404(request.user, pk)
    return render(request, "housing/joint_meeting/detail.html", {
        "row": _row(decision), "may_record": may_do(request.user, services.DUTY)})


@require_http_methods(["GET", "POST"])
def decision_record(request):
    access.require_duty(request.user, services.DUTY)
    return _record(request, correcting=None)


@require_http_methods(["GET", "POST"])
def decision_correct(request, pk: int):
    access.require_duty(request.user, services.DUTY)
    earlier = selectors.get_decision_for_user_or_404(request.user, pk)
    return _record(request, correcting=earlier)


def _record(request, *, correcting):
    form = DecisionForm(request.POST or None, correcting=correcting)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            decision, status = run_service(form, lambda: services.record_decision(
                actor=request.user, supersedes=correcting,
                correction_reason=data.get("correction_reason", ""),
                data=services.DecisionInput(
                    kind=data["kind"], minutes_number=data["minutes_number"], meeting_date=data["meeting_date"],
                    text=data["text"], employer=data["employer_code"], year=data["year"], homes=data["homes"],
                    application_number=data["application_number"], subject=data["subject"])))
            if decision is not None:
                messages.success(request, _("The decision %(minutes)s was recorded.")
                                 % {"minutes": decision.minutes_number})
                return redirect("housing:joint_meeting_decision", pk=decision.pk)
    return render(request, "housing/joint_meeting/form.html", {
        "form": form, "correcting": _row(correcting) if correcting else None}, status=status)


def _row(decision) -> dict:
    return {"decision": decision, "subject": services.subject_of(decision),
            "in_force": selectors.is_in_force(decision), "article": services.ARTICLE_LABELS[decision.kind]}
