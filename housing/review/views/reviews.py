"""Formal review, substantive review and recheck (R-39.3, R-39.4, R-39.5): one page each, one service each."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_fsm import can_proceed

from departments.models import UnitCode
from departments.permissions import acting_unit, can_edit_materials, may
from housing.cases.checklists import MATERIALS, OPTIONAL, checklist_for
from housing.exceptions import ApplicationError
from housing.review.forms.intake import HONOURS
from housing.review.forms.reviews import TRUE, UNTRUE, FormalReviewForm, RecheckForm, SubstantiveReviewForm
from housing.groups import TALENT_GROUPS
from housing.models import Application, HouseholdMember
from housing.rules.catalogue import RECHECK_ITEMS, conditions_for
from housing.cases.selectors import get_application_for_user_or_404
from housing.review.confirmations import refusal_confirmation
from housing.review.selectors import pre_decisions
from housing.review.services.reviews import (conclude_formal_review, conclude_recheck, conclude_substantive_review,
                                             failed_conditions)
from housing.stages import Stage
from housing.verification.selectors import recheck_facts
from housing.web import confirmation
from housing.web.errors import run_service

HONOUR_LABELS = dict(HONOURS)

Route = Callable[[str], Callable[[str], None] | None]


def routed(call, route: Route):
    """``call``, wrapped so that the field errors of a domain error are first offered to ``route``; the error is
    then raised on, with the keys left to ``run_service`` (called directly by ``run_routed``, or by
    ``confirmation.run_confirmed`` for an act that is confirmed first: its rehearsal routes errors the same way).

    ``route(key)`` returns a function that places one message (on a formset row, on a field
    whose name differs from the service's key …) or None to leave the key to run_service.
    """

    def run():
        try:
            return call()
        except ApplicationError as exc:
            kept = {}
            for key, messages_ in exc.field_errors.items():
                place = route(key)
                if place is None:
                    kept[key] = messages_
                    continue
                for message in messages_:
                    place(message)
            exc.field_errors = kept
            raise

    return run


def run_routed(form, call, route: Route):
    """``run_service``, with the field errors of a domain error first offered to ``route`` (see ``routed``)."""
    return run_service(form, routed(call, route))


def route_to_fields(form) -> Route:
    """Place errors on the field ``form.field_for_error(key)`` names, if it names one."""

    def route(key):
        name = form.field_for_error(key)
        if name is None:
            return None
        return lambda message: form.add_error(name, message)

    return route


def _application_for(request, number: str, step: str) -> Application:
    """404 outside the user's scope; 403 when the user's unit and roles lack the duty (R-16.c)."""
    application = get_application_for_user_or_404(request.user, number)
    if not may(request.user, step, application.group):
        raise PermissionDenied
    return application


def _blocked(request, template: str, application: Application, context: dict):
    """The step is not possible at the application's current stage (R-16.c): say so, offer no form."""
    context = {**context, "application": application, "blocked": True,
               "stage_label": Stage(application.stage).label}
    return render(request, template, context, status=409)


def documents_by_kind(application: Application) -> dict[str, list]:
    out: dict[str, list] = {}
    for document in application.documents.all():
        out.setdefault(document.kind, []).append(document)
    return out


def _yes_no(value) -> str:
    if value is None:
        return _("Not known")
    return _("Yes") if value else _("No")


def _display(member: HouseholdMember, field) -> str:
    value = getattr(member, field.name)
    if field.choices:
        return getattr(member, f"get_{field.name}_display")() if value else "—"
    if isinstance(value, bool) or (value is None and field.get_internal_type() == "BooleanField"):
        return _yes_no(value)
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return value.isoformat()  # R-X.4: YYYY-MM-DD
    return str(value)


HOUSEHOLD_FACTS = [
    "id_number", "applying", "marital_status", "hukou", "hukou_since", "hukou_by_joining", "hukou_moved_out_for",
    "social_insurance_months", "first_social_insurance_date", "owns_housing", "owns_residential_land",
    "last_housing_transfer_date", "bought_policy_housing_in_city", "bought_policy_housing_elsewhere",
    "received_price_difference_payment", "rents_affordable_housing", "received_purchase_subsidy",
    "family_planning_violation", "family_planning_handled_date",
]


def facts_context(application: Application) -> dict:
    """The recorded facts the reviewer decides on (SPEC §6), laid out one row per fact, one column per person."""
    members = list(application.members.all())
    rows = []
    for name in HOUSEHOLD_FACTS:
        field = HouseholdMember._meta.get_field(name)
        rows.append({"label": field.verbose_name, "values": [_display(m, field) for m in members]})
    facts = {
        "members": members,
        "household_rows": rows,
        "is_talent": application.group in TALENT_GROUPS,
        "income_rows": [],
        "talent_rows": [],
        "honours": [HONOUR_LABELS.get(code, code) for code in application.honours],
    }
    if application.group in TALENT_GROUPS:
        facts["talent_rows"] = [
            (Application._meta.get_field("talent_title").verbose_name, application.get_talent_title_display() or "—"),
            (Application._meta.get_field("talent_title_basis").verbose_name,
             application.get_talent_title_basis_display() or "—"),
            (Application._meta.get_field("talent_degree").verbose_name, application.get_talent_degree_display() or "—"),
            (Application._meta.get_field("degree_full_time").verbose_name, _yes_no(application.degree_full_time)),
            (Application._meta.get_field("foreign_degree_certified").verbose_name,
             _yes_no(application.foreign_degree_certified)),
        ]
    if application.income_by_year or application.total_assets is not None or application.low_income_treatment is not None:
        rows = [(_("Per-capita income in %(year)s (yuan)") % {"year": year}, f"{float(amount):,.2f}")
                for year, amount in sorted(application.income_by_year.items())]
        rows.append((Application._meta.get_field("total_assets").verbose_name,
                     f"{application.total_assets:,.2f}" if application.total_assets is not None else "—"))
        rows.append((Application._meta.get_field("low_income_treatment").verbose_name,
                     _yes_no(application.low_income_treatment)))
        facts["income_rows"] = rows
    return facts


def _optional_documents(application: Application, by_kind: dict) -> list[dict]:
    return [{"code": code, "label": MATERIALS[code], "documents": by_kind.get(code, [])} for code in OPTIONAL]


@require_http_methods(["GET", "POST"])
def formal_review(request, number):
    """R-16.2, R-39.3: the CCB checks the materials against the group's checklist."""
    application = _application_for(request, number, "pass_formal_review")
    template = "housing/formal_review.html"
    by_kind = documents_by_kind(application)
    context = {"application": application, "optional": _optional_documents(application, by_kind),
               "can_upload": can_edit_materials(request.user, application)}
    if not can_proceed(application.pass_formal_review):
        return _blocked(request, template, application, context)
    checklist = checklist_for(application.group)
    status = 200
    if request.method == "POST":
        form = FormalReviewForm(request.POST, checklist=checklist)
        status = 400
        if form.is_valid():
            # "All present" passes every item; the service refuses it if any item has no file.
            items = form.items(all_present="all_present" in request.POST)
            result, status = run_routed(form, lambda: conclude_formal_review(
                actor=request.user, application=application, expected_version=form.cleaned_data["version"],
                items=items, note=form.cleaned_data["note"].strip(),
                supplement_by=form.cleaned_data["supplement_by"],
            ), route_to_fields(form))
            if result is not None:
                if result.stage == Stage.RETURNED:
                    messages.warning(request, _("Application %(number)s was returned for supplement.")
                                     % {"number": result.number})
                else:
                    unit = acting_unit("approve_eligibility", result.group)
                    messages.success(request, _("The materials of %(number)s are complete; it was routed to the "
                                                "%(unit)s for substantive review.")
                                     % {"number": result.number, "unit": UnitCode(unit).label})
                return redirect("housing:application_detail", result.number)
    else:
        # Items with a file start ticked; the clerk unticks what is not valid.
        ticked = FormalReviewForm.ticked([code for code, _label in checklist if code in by_kind])
        form = FormalReviewForm(initial={"version": application.version, **ticked}, checklist=checklist)
    rows = [{**row, "documents": by_kind.get(row["code"], [])} for row in form.rows()]
    all_filed = all(row["documents"] for row in rows)
    return render(request, template, {**context, "form": form, "rows": rows, "all_filed": all_filed}, status=status)


@require_http_methods(["GET", "POST"])
def substantive_review(request, number):
    """R-16.3, R-39.4: the responsible unit decides each condition of SPEC §6 with its evidence."""
    application = _application_for(request, number, "approve_eligibility")
    template = "housing/substantive_review.html"
    context = {"application": application, "facts": facts_context(application),
               "materials": [{"label": MATERIALS.get(kind, kind), "documents": docs}
                             for kind, docs in documents_by_kind(application).items()]}
    if not can_proceed(application.approve_eligibility):
        return _blocked(request, template, application, context)
    conditions = conditions_for(application.group)
    engine = pre_decisions(application)
    suggestions = {cid: (engine.get(cid).passed, engine.get(cid).message) for cid, _text in conditions}
    context["policy_version"] = engine.policy_version
    status = 200
    if request.method == "POST":
        form = SubstantiveReviewForm(request.POST, conditions=conditions, suggestions=suggestions)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            decisions, reason, override_reasons = form.decisions(), data["reason"].strip(), form.override_reasons()

            def act(version):
                return conclude_substantive_review(
                    actor=request.user, application=application, expected_version=version, decisions=decisions,
                    reason=reason, override_reasons=override_reasons)

            route = route_to_fields(form)
            if not failed_conditions(application, decisions):
                result, status = run_routed(form, lambda: act(data["version"]), route)
            else:
                # .d: a refusal ends the application and issues its written notice: refused as before
                # (errors routed to the fields as above); else stated with the failed conditions and their articles,
                # and done only once exactly that is confirmed (docs/decisions/0047).
                statement = refusal_confirmation(
                    application, decisions=decisions, reason=reason, override_reasons=override_reasons,
                    engine_passed={cid: passed for cid, (passed, _message) in suggestions.items()})
                result, status, page = confirmation.run_confirmed(
                    request, form, statement=statement, act=routed(lambda: act(data["version"]), route),
                    act_as_stated=routed(lambda: act(statement.fields["version"]), route),
                    cancel_url=reverse("housing:substantive_review", args=[application.number]))
                if page is not None:
                    return page
            if result is not None:
                if result.stage == Stage.REFUSED:
                    messages.warning(request, _("Application %(number)s was refused; the failed conditions are cited.")
                                     % {"number": result.number})
                else:
                    messages.success(request, _("Application %(number)s meets every condition and awaits ranking.")
                                     % {"number": result.number})
                return redirect("housing:application_detail", result.number)
    else:
        form = SubstantiveReviewForm(initial={"version": application.version}, conditions=conditions,
                                     suggestions=suggestions)
    return render(request, template, {**context, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def recheck(request, number):
    """R-16.4, R-39.5, R-14: the CCB verifies the facts with the verifying agencies."""
    application = _application_for(request, number, "pass_recheck")
    template = "housing/recheck.html"
    context = {"application": application, "facts": facts_context(application)}
    if not can_proceed(application.pass_recheck):
        return _blocked(request, template, application, context)
    agency_facts = recheck_facts(application)
    status = 200
    if request.method == "POST":
        form = RecheckForm(request.POST, items=RECHECK_ITEMS)
        status = 400
        if form.is_valid():
            result, status = run_routed(form, lambda: conclude_recheck(
                actor=request.user, application=application, expected_version=form.cleaned_data["version"],
                results=form.results(), reason=form.cleaned_data["reason"].strip(),
            ), route_to_fields(form))
            if result is not None:
                if result.stage == Stage.REMOVED_AT_RECHECK:
                    messages.warning(request, _("Application %(number)s was removed at recheck.")
                                     % {"number": result.number})
                else:
                    messages.success(request, _("The facts of %(number)s were confirmed; it awaits the public notice.")
                                     % {"number": result.number})
                return redirect("housing:application_detail", result.number)
    else:
        # each fact an agency answered is pre-filled from its answer; the clerk departs from it only with a note.
        prefilled = {f"verified_{item}": TRUE if fact.answer.confirmed else UNTRUE
                     for item, fact in agency_facts.items() if fact.answer is not None}
        form = RecheckForm(initial={"version": application.version, **prefilled}, items=RECHECK_ITEMS)
    return render(request, template, {**context, "form": form, "rows": _agency_rows(form, agency_facts),
                                      "asked": bool(agency_facts)}, status=status)


def _agency_rows(form, facts: dict) -> list[dict]:
    """The form's rows, each with what the agency asked answered (R-14): None when no request names the fact."""
    return [{**row, "fact": facts.get(row["item"]),
             "answered": facts.get(row["item"]) is not None and facts[row["item"]].answer is not None}
            for row in form.rows()]
