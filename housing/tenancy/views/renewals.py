"""R-30, R-31: the renewals page, registering a renewal, granting it (thin: one service per operation)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.permissions import may_do
from housing.cases import selectors
from housing.tenancy.forms.renewals import GrantRenewalForm, RegisterRenewalForm
from housing.models import Tenancy
from housing.tenancy.services import renewals as service
from housing.stages import Stage
from housing.web import access
from housing.web.errors import run_service


@require_GET
def renewal_list(request):
    """Leases whose renewal window is open (R-31), with the renewal application under way, if any."""
    access.require_area(request.user, "tenancy")
    today = timezone.localdate()
    leases = service.leases_in_renewal_window(today)
    may_act = may_do(request.user, "manage_tenancy")
    rows = []
    for tenancy, renewal in leases:
        rows.append({
            "tenancy": tenancy, "renewal": renewal, "opens_on": service.renewal_opens_on(tenancy.ends_on),
            "refusal": service.renewal_refusal(tenancy, today),
            "may_register": may_act and renewal is None and service.renewal_refusal(tenancy, today) is None,
            "may_grant": may_act and renewal is not None and renewal.stage == Stage.ANNOUNCED,
        })
    return render(request, "housing/renewals/list.html", {"rows": rows, "today": today})


@require_http_methods(["GET", "POST"])
def register_renewal(request, pk: int):
    access.require_duty(request.user, "manage_tenancy")
    tenancy = get_object_or_404(Tenancy.objects.select_related("application", "unit__building__project", "contract"),
                                pk=pk)
    rounds = service.open_rounds_for(tenancy.application.group)
    today = timezone.localdate()
    status = 200
    if request.method == "POST":
        form = RegisterRenewalForm(request.POST, rounds=rounds)
        if form.is_valid():
            round_ = form.rounds[form.cleaned_data["round"]]
            application, status = run_service(form, lambda: service.register_renewal(
                actor=request.user, tenancy=tenancy, round=round_, contact_phone=form.cleaned_data["contact_phone"]))
            if application is not None:
                messages.success(request, _("Renewal application %(number)s registered; it now awaits formal review.")
                                 % {"number": application.number})
                return redirect("housing:application_detail", number=application.number)
        else:
            status = 400
    else:
        form = RegisterRenewalForm(rounds=rounds)
    return render(request, "housing/renewals/register.html", {
        "tenancy": tenancy, "form": form, "refusal": service.renewal_refusal(tenancy, today),
        "opens_on": service.renewal_opens_on(tenancy.ends_on), "pending": service.pending_renewal(tenancy),
        "cap": service.longest_renewal_end(tenancy),
    }, status=status)


@require_http_methods(["GET", "POST"])
def grant_renewal(request, number: str):
    application = selectors.get_application_for_user_or_404(request.user, number)
    if application.renews_id is None:
        raise Http404("Not a renewal")
    access.require_duty(request.user, "manage_tenancy")
    tenancy = Tenancy.objects.select_related("application", "unit__building__project").get(pk=application.renews_id)
    status, blocked = 200, None
    if request.method == "POST":
        form = GrantRenewalForm(request.POST, application=application)
        if form.is_valid():
            data = form.cleaned_data
            done, status = run_service(form, lambda: service.grant_renewal(
                actor=request.user, application=application, expected_version=data["version"],
                new_ends_on=data["new_ends_on"], contract_number=data["contract_number"],
                filing_number=data["filing_number"], signed_on=data["signed_on"], monthly_rent=data["monthly_rent"]))
            if done is not None:
                messages.success(request, _("Renewal granted: the lease of %(unit)s now ends on %(ends)s.") % {
                    "unit": done.unit, "ends": done.ends_on.isoformat()})
                return redirect("housing:application_detail", number=application.number)
        else:
            status = 400
    else:
        form = GrantRenewalForm(application=application)
        if application.stage != Stage.ANNOUNCED:
            status, blocked = 409, _("A renewal is granted once its application is announced after the public "
                                     "notice (Art. 31, Art. 16(7)).")
    return render(request, "housing/renewals/grant.html", {
        "application": application, "tenancy": tenancy, "form": form, "blocked": blocked,
        "cap": service.longest_renewal_end(tenancy),
    }, status=status)
