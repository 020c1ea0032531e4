"""The application list (filters, search, pagination at any size), the application page and its dossier export."""

import secrets
from functools import cached_property

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.models import UnitCode
from departments.permissions import can_edit_materials, can_register_application, is_read_only, may
from housing.audit.reads import Kind, looks_like_id_number, record_read
from housing.cases import selectors
from housing.cases.actors import actor_label
from housing.cases.checklists import MATERIALS
from housing.desk.forms.filters import ApplicationFilterForm
from housing.desk.forms.steps import STEP_LABELS
from housing.groups import HONOUR_CHOICES, SHORT_CODE, Group
from housing.rules.catalogue import CONDITIONS, RECHECK_ITEMS
from housing.cases.dossier import dossier_json
from housing.guarantees.panel import guarantees_panel
from housing.joint_meeting.selectors import provisions_for
from housing.stages import CLOSED, OBJECTABLE, Stage
from publicity.models import Objection

PER_PAGE = 50

# Steps decided on their own pages; every other step goes through the generic step form.
STEP_PAGES = {
    "pass_formal_review": ("housing:formal_review", _("Formal review")),
    "return_for_supplement": ("housing:formal_review", _("Formal review")),
    "approve_eligibility": ("housing:substantive_review", _("Substantive review")),
    "refuse": ("housing:substantive_review", _("Substantive review")),
    "pass_recheck": ("housing:recheck", _("Recheck")),
    "remove_at_recheck": ("housing:recheck", _("Recheck")),
    "freeze_for_objection": ("housing:record_objection", _("Record an objection")),
}
OBJECTION_STEPS = {"dismiss_objection", "uphold_objection"}
OBJECTABLE_STAGES = OBJECTABLE  # during the notice, also once frozen
ROUND_STEPS = {"publish_in_notice", "announce"}


def group_display(group: str) -> str:
    """The group's label, led by its short code (C1 … C6)."""
    short = SHORT_CODE[group]
    label = str(Group(group).label)
    return label if label.startswith(short) else f"{short} {label}"


def label_of(choices, value: str) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class KnownCountPaginator(Paginator):
    """Takes the total from the maintained stage counts when it is known, so no COUNT(*) runs over the table."""

    def __init__(self, object_list, per_page, *, known_count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = known_count

    @cached_property
    def count(self):
        if self.known_count is not None:
            return self.known_count
        return super().count


# R-X.2, R-X.3: a search term may be an ID number or a name. It travels by POST and is kept in the session under a
# random key, so no URL the portal builds, and no access-log line, carries it (docs/decisions/0024).
SEARCHES_KEY = "application_searches"
SEARCHES_KEPT = 20


def _keep_search(request, term: str) -> str:
    searches = dict(request.session.get(SEARCHES_KEY, {}))
    key = secrets.token_urlsafe(6)
    searches[key] = term
    request.session[SEARCHES_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return key


def _search_url(request, data) -> str:
    """The list's URL with the filters as they were submitted and the search term replaced by its key."""
    query = data.copy()
    for name in ("q", "s", "page", "csrfmiddlewaretoken"):
        query.pop(name, None)
    term = (data.get("q") or "").strip()
    if term:
        query["s"] = _keep_search(request, term)
    encoded = query.urlencode()
    return reverse("housing:application_list") + (f"?{encoded}" if encoded else "")


@require_http_methods(["GET", "POST"])
def application_list(request):
    if request.method == "POST" or "q" in request.GET:
        return redirect(_search_url(request, request.POST if request.method == "POST" else request.GET))
    data = request.GET.copy()
    if data.get("s"):
        term = request.session.get(SEARCHES_KEY, {}).get(data["s"])
        if term is None:
            messages.info(request, _("That search is no longer kept; search again."))
        else:
            data["q"] = term
    form = ApplicationFilterForm(data or None, user=request.user)
    if form.is_bound:
        form.is_valid()  # invalid fields are reported and left out; the others still filter
    filters = form.filters()
    applications = selectors.search_applications(request.user, **filters)
    known = None
    if not filters["employer_id"] and not filters["q"]:
        known = selectors.count_for_list(request.user, round_id=filters["round_id"], group=filters["group"],
                                         stage=filters["stage"])
    page = KnownCountPaginator(applications, PER_PAGE, known_count=known).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    for application in rows:
        application.group_label = group_display(application.group)
    if looks_like_id_number(filters["q"]):
        # a search by ID number is a read of personal data: recorded with the applications it found, never
        # with the number searched for (docs/decisions/0042)
        record_read(request=request, kind=Kind.ID_SEARCH, application_number=rows[0].number if rows else "",
                    detail=f"{page.paginator.count} · " + ", ".join(a.number for a in rows[:10]))
    return render(request, "housing/application_list.html", {"form": form, "page": page, "rows": rows})


def _actions(user, application, steps) -> list[dict]:
    """One link per page on which an available step is taken (R-16.c: the service checks again)."""
    if is_read_only(user):
        return []
    actions, seen = [], set()

    def add(url, label, danger=False):
        if url not in seen:
            seen.add(url)
            actions.append({"url": url, "label": label, "danger": danger})

    for step in steps:
        if step in STEP_PAGES:
            name, label = STEP_PAGES[step]
            add(reverse(name, args=[application.number]), label)
        elif step in ROUND_STEPS:
            add(reverse("housing:round_detail", args=[application.round_id]), _("Public notices of the round"))
        elif step not in OBJECTION_STEPS:
            add(reverse("housing:take_step", args=[application.number, step]), STEP_LABELS[step],
                danger=step == "withdraw")
    # a frozen entry can take further objections, and every open objection must be decidable,
    # whatever became of the entry meanwhile.
    if application.stage in OBJECTABLE_STAGES and may(user, "freeze_for_objection", application.group):
        add(reverse("housing:record_objection", args=[application.number]), STEP_PAGES["freeze_for_objection"][1])
    if may(user, "uphold_objection", application.group):
        for objection in application.objections.all():
            if objection.status == Objection.Status.OPEN:
                add(reverse("housing:decide_objection", args=[objection.receipt_number]),
                    _("Decide objection %(receipt)s") % {"receipt": objection.receipt_number})
    return actions


def _one(application, name):
    try:
        return getattr(application, name)
    except ObjectDoesNotExist:
        return None


@require_GET
def application_detail(request, number):
    application = selectors.application_detail(request.user, number)
    steps = selectors.available_steps(request.user, application)
    formal_reviews = [
        {"review": review, "items": [(MATERIALS.get(code, code), ok) for code, ok in review.items.items()]}
        for review in application.formal_reviews.all()
    ]
    decisions = [
        {"id": d.condition_id, "text": CONDITIONS.get(d.condition_id, ""), "passed": d.passed, "evidence": d.evidence,
         "engine_passed": d.engine_passed, "overridden": d.overridden, "override_reason": d.override_reason,
         "at": d.decided_at}
        for d in application.condition_decisions.all()
    ]
    rechecks = [
        {"item": RECHECK_ITEMS[r.item][0] if r.item in RECHECK_ITEMS else r.item, "verified": r.verified,
         "agency": label_of(UnitCode, r.agency), "note": r.note, "at": r.checked_at}
        for r in application.recheck_results.all()
    ]
    timeline = [
        {"row": row, "event": STEP_LABELS.get(row.event, row.event), "unit": label_of(UnitCode, row.actor_unit),
         "from": label_of(Stage, row.from_stage), "to": label_of(Stage, row.to_stage),
         "by": actor_label(row.actor_name, row.actor)}
        for row in application.history.all()
    ]
    documents = [(doc, MATERIALS.get(doc.kind, doc.kind)) for doc in application.documents.all()]
    outcome = {name: _one(application, name) for name in ("selection", "contract", "subsidy")}
    return render(request, "housing/application_detail.html", {
        "application": application,
        "group_label": group_display(application.group),
        # the honours by their names, never the stored codes (which read as raw English in Chinese).
        "honours": [dict(HONOUR_CHOICES).get(code, code) for code in application.honours or []],
        "documents": documents,
        "formal_reviews": formal_reviews,
        "decisions": decisions,
        "rechecks": rechecks,
        "timeline": timeline,
        **outcome,
        # what the household's persons hold elsewhere, within the viewer's scope
        "guarantees": guarantees_panel(request.user, application),
        # the Joint Meeting's case-by-case provisions for this application
        "provisions": provisions_for(application),
        "actions": _actions(request.user, application, steps),
        # A closed case takes no more materials (housing.cases.documents): offer no upload.
        # decision 0028: the clerks who register applications give the applicant the status lookup code.
        "show_lookup_code": can_register_application(request.user),
        "can_upload": (can_edit_materials(request.user, application) and not is_read_only(request.user)
                       and application.stage not in CLOSED),
    })


@require_GET
def application_dossier(request, number):
    """The application's recorded facts as a dossier (shared/contracts/dossier.schema.json), as a download.

    Scoped like the application page: a case the user may not see answers 404 like a missing one (R-X.2).
    """
    application = selectors.get_application_for_user_or_404(request.user, number)
    record_read(request=request, kind=Kind.DOSSIER, application_number=application.number)
    response = JsonResponse(dossier_json(application), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{application.number}-dossier.json"'
    response["Cache-Control"] = "private, no-store"  # personal data (R-X.2)
    return response
