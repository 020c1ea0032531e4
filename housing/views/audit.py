"""R-6, R-38, R-X.1: the audit trail of every staff action, for discipline inspection."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from departments.models import UnitCode
from departments.permissions import can_read_audit
from housing import selectors
from housing.forms.audit import AuditFilterForm
from housing.forms.steps import STEP_LABELS
from housing.stages import Stage


@require_GET
def audit_trail(request):
    if not can_read_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, step_labels=STEP_LABELS)
    filters = form.cleaned_data if form.is_valid() else {}
    rows, next_before = selectors.audit_trail(
        request.user, unit=filters.get("unit", ""), event=filters.get("event", ""),
        actor=(filters.get("actor") or "").strip(), before_id=filters.get("before"),
    )
    labels = dict(Stage.choices)
    units = dict(UnitCode.choices)
    for row in rows:
        row.unit_label = units.get(row.actor_unit, row.actor_unit)
        row.step_label = STEP_LABELS.get(row.event, row.event)
        row.from_label = labels.get(row.from_stage, "")
        row.to_label = labels.get(row.to_stage, "")
    query = request.GET.copy()
    query.pop("before", None)
    return render(request, "housing/audit_trail.html", {
        "form": form, "rows": rows, "next_before": next_before, "query": query.urlencode(),
    })
