"""The retention page (R-X.2, R-6, R-38): the schedule in force and what each night purged, for discipline
inspection and the CCB's head; the head changes a period."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from departments.permissions import can_read_audit_records, may_do
from housing.retention import services
from housing.retention.confirmations import rule_change_confirmation
from housing.retention.forms import RuleForm
from housing.retention.selectors import purge_records, schedule
from housing.web import confirmation


@require_http_methods(["GET", "POST"])
def retention(request):
    if not can_read_audit_records(request.user):
        raise PermissionDenied
    can_change = may_do(request.user, services.DUTY)
    form = RuleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            # R-X.2: a shorter period is carried out by the next purge, which cannot be undone: stated first
            # with what it takes, done only once confirmed (decision 0047).
            done, status, page = confirmation.run_confirmed(
                request, form, statement=rule_change_confirmation(data),
                act=lambda: services.change_rule(actor=request.user, category=data["category"],
                                                 months=data["months"], reason=data["reason"]),
                cancel_url=reverse("housing:retention"))
            if page is not None:
                return page
            if done is not None:
                messages.success(request, _("The retention period was changed and the change recorded."))
                return redirect("housing:retention")
        else:
            status = 400
    return render(request, "housing/retention/retention.html", {
        "rules": schedule(), "records": purge_records(), "form": form, "can_change": can_change,
    }, status=status)
