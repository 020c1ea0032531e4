"""R-6, R-38, R-X.1: the audit trail of every staff action, and the reviewers' overrides of the eligibility
check (R-39.4), for discipline inspection."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from departments.models import UnitCode
from departments.permissions import can_read_audit, can_read_overrides
from housing.cases import selectors
from housing.cases.actors import actor_label
from housing.office.records import name_records
from housing.events import label_of
from housing.desk.forms.audit import AuditFilterForm, OfficeActionFilterForm, OverrideFilterForm, actor_filter
from housing.rules.catalogue import CONDITIONS
from housing.review.selectors import overrides_visible_to
from housing.desk.views.applications import group_display
from housing.stages import Stage


@require_GET
def office_actions(request):
    """R-6, R-38: every staff action on plans, stock, selection, subsidies, tenancies and the register."""
    if not can_read_audit(request.user):
        raise PermissionDenied
    form = OfficeActionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows, next_before = selectors.office_actions(
        request.user, record_type=filters.get("record_type", ""), action=filters.get("action", ""),
        actor=actor_filter(filters), before_id=filters.get("before"))
    name_records(rows)
    for row in rows:
        row.action_label = label_of(row.action)
        row.by = actor_label(row.actor_name, row.actor)
    query = request.GET.copy()
    query.pop("before", None)
    return render(request, "housing/office_actions.html", {
        "form": form, "rows": rows, "next_before": next_before, "query": query.urlencode()})


@require_GET
def audit_trail(request):
    if not can_read_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows, next_before = selectors.audit_trail(
        request.user, unit=filters.get("unit", ""), event=filters.get("event", ""),
        actor=(filters.get("actor") or "").strip(), before_id=filters.get("before"),
    )
    labels = dict(Stage.choices)
    units = dict(UnitCode.choices)
    for row in rows:
        row.unit_label = units.get(row.actor_unit, row.actor_unit)
        row.step_label = label_of(row.event)
        row.by = actor_label(row.actor_name, row.actor)
        row.from_label = labels.get(row.from_stage, "")
        row.to_label = labels.get(row.to_stage, "")
    query = request.GET.copy()
    query.pop("before", None)
    return render(request, "housing/audit_trail.html", {
        "form": form, "rows": rows, "next_before": next_before, "query": query.urlencode(),
    })


OVERRIDES_PER_PAGE = 50


@require_GET
def override_list(request):
    """R-39.4, R-6: every condition a reviewer decided against the eligibility check, with the written reason."""
    if not can_read_overrides(request.user):
        raise PermissionDenied
    form = OverrideFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # invalid fields are reported and left out; the others still filter
    decisions = overrides_visible_to(request.user, **form.filters())
    page = Paginator(decisions, OVERRIDES_PER_PAGE).get_page(request.GET.get("page"))
    units = dict(UnitCode.choices)
    rows = list(page.object_list)
    for row in rows:
        row.group_label = group_display(row.application.group)
        row.condition_text = CONDITIONS.get(row.condition_id, "")
        unit = row.decided_by.unit
        row.unit_label = units.get(unit.code, unit.code) if unit else ""
    return render(request, "housing/override_list.html", {"form": form, "page": page, "rows": rows})
