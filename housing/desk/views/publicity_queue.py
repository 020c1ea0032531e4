"""Objections and inquiries for the responsible unit (R-16.5, R-16.6): the queue, answering an inquiry, and the
evidence an objector sent online. Objections are decided on their own page (housing.desk.views.objections)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from departments.permissions import can_answer_inquiry, is_read_only, may
from housing.audit.reads import Kind, record_read
from housing.desk.forms.publicity import AnswerInquiryForm, PublicityQueueFilterForm
from housing.web.errors import run_service
from housing.web.sorting import Column, Sorting
from publicity import selectors as publicity_selectors
from publicity import services as publicity_services
from publicity.models import Objection

PER_PAGE = 50

# Sorted by receipt number or by when it was received; the newest first unless asked (docs/decisions/0046).
PUBLICITY_SORTS = Sorting(
    Column("number", gettext_lazy("Receipt number"), ("receipt_number",)),
    Column("received", gettext_lazy("Filed at"), ("filed_at",), first="desc"),
    default="-received", tie_breaker="id",
)


def _may_answer(user, inquiry) -> bool:
    return can_answer_inquiry(user, group=inquiry.notice.group, about_entry=inquiry.application_id is not None)


@require_GET
def publicity_queue(request):
    """Only what the user's unit may see (R-X.2); the actions offered are the ones the services allow."""
    user = request.user
    form = PublicityQueueFilterForm(request.GET or None)
    kind, status = form.choice("kind"), form.choice("status")
    decided = status == "decided"
    if kind == "inquiries":
        rows = publicity_selectors.inquiries_visible_to(user, answered=decided)
    else:
        rows = publicity_selectors.objections_visible_to(user, decided=decided)
    sort = PUBLICITY_SORTS.read(request.GET)
    page = Paginator(rows.order_by(*sort.order_by), PER_PAGE).get_page(request.GET.get("page"))
    read_only = is_read_only(user)
    items = list(page.object_list)
    for item in items:
        if kind == "inquiries":
            item.can_act = not read_only and item.answered_at is None and _may_answer(user, item)
        else:
            item.can_act = (not read_only and item.status == Objection.Status.OPEN
                            and may(user, "uphold_objection", item.application.group))
    return render(request, "housing/publicity_queue.html", {
        "form": form, "kind": kind, "status": status, "page": page, "items": items,
        "sort": sort, "headers": sort.headers(request.GET),
        "open_counts": {
            "objections": publicity_selectors.objections_visible_to(user, decided=False).count(),
            "inquiries": publicity_selectors.inquiries_visible_to(user, answered=False).count(),
        },
    })


@require_http_methods(["GET", "POST"])
def answer_inquiry(request, receipt):
    """Everyone who may see the inquiry reads it; only its unit answers (R-16.5; docs/decisions/0013)."""
    inquiry = publicity_selectors.get_inquiry_for_user_or_404(request.user, receipt)
    may_answer = not is_read_only(request.user) and _may_answer(request.user, inquiry)
    if request.method == "POST" and not may_answer:
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = AnswerInquiryForm(request.POST)
        status = 400
        if form.is_valid():
            answered, status = run_service(form, lambda: publicity_services.answer_inquiry(
                actor=request.user, inquiry=inquiry, answer=form.cleaned_data["answer"]))
            if answered is not None:
                messages.success(request, _("Inquiry %(receipt)s answered.") % {"receipt": answered.receipt_number})
                return redirect(f"{reverse('housing:publicity_queue')}?kind=inquiries")
            inquiry = publicity_selectors.get_inquiry_for_user_or_404(request.user, receipt)
    else:
        form = AnswerInquiryForm()
    return render(request, "housing/inquiry_answer.html",
                  {"inquiry": inquiry, "form": form, "may_answer": may_answer}, status=status)


@require_safe
def objection_evidence(request, receipt):
    """Only for staff who may see the application (R-X.2); anyone else gets the same 404 as for a missing one."""
    objection = publicity_selectors.get_objection_for_user_or_404(request.user, receipt)
    if not objection.evidence:
        raise Http404("This objection has no evidence")
    try:
        handle = objection.evidence.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing")
    # a read of personal data (docs/decisions/0042)
    record_read(request=request, kind=Kind.EVIDENCE, application_number=objection.application.number,
                detail=objection.receipt_number)
    response = FileResponse(handle, as_attachment=True, filename=objection.evidence_name or objection.evidence.name)
    response["Cache-Control"] = "private, no-store"
    return response
