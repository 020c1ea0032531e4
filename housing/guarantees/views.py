"""The CCB's pages of one household, one guarantee (R-3.2): the flagged sets, and the head's resolution."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.permissions import may_do
from housing.guarantees import services
from housing.guarantees.forms import ResolveForm
from housing.guarantees.selectors import claim_of, facts_of, flagged_sets
from housing.models import FlaggedSet
from housing.web import access
from housing.web.errors import run_service

STATUSES = {"open": FlaggedSet.Status.OPEN, "resolved": FlaggedSet.Status.RESOLVED}


@require_GET
def flagged_set_list(request):
    access.require_area(request.user, "guarantees")
    shown = request.GET.get("status", "open")
    status = STATUSES.get(shown, FlaggedSet.Status.OPEN)
    return render(request, "housing/guarantees/flagged_set_list.html", {
        "sets": flagged_sets(status=status),
        "shown": status,
        "can_resolve": may_do(request.user, services.DUTY),
    })


def _members(flagged: FlaggedSet):
    today = timezone.localdate()
    applications = list(flagged.applications.order_by("number"))
    facts = facts_of(a.pk for a in applications)
    return [{"application": a, "claim": claim_of(facts[a.pk], today)} for a in applications]


@require_http_methods(["GET", "POST"])
def flagged_set_resolve(request, pk: int):
    access.require_area(request.user, "guarantees")
    flagged = get_object_or_404(FlaggedSet.objects.select_related("person", "kept", "resolved_by"), pk=pk)
    rows = _members(flagged)
    can_resolve = may_do(request.user, services.DUTY) and flagged.status == FlaggedSet.Status.OPEN
    form = ResolveForm(request.POST or None, applications=[r["application"] for r in rows])
    status = 200
    if request.method == "POST":
        access.require_duty(request.user, services.DUTY)
        if form.is_valid():
            data = form.cleaned_data
            done, status = run_service(form, lambda: services.resolve_flagged_set(
                actor=request.user, flagged_set=flagged, outcome=data["outcome"], reason=data["reason"],
                kept=form.kept_application()))
            if done is not None:
                messages.success(request, _("The flagged set was resolved and the decision recorded."))
                return redirect("housing:flagged_set_list")
        else:
            status = 400
    return render(request, "housing/guarantees/flagged_set_resolve.html", {
        "flagged": flagged, "rows": rows, "form": form, "can_resolve": can_resolve,
    }, status=status)
