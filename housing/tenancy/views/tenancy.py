"""Tenancy pages for the CCB (R-12.9, R-33, R-34) and the economic-housing exits (R-28, R-29).

Thin views: parse the form, call one service, render. Reading needs the tenancy area (CCB, Finance,
discipline inspection); every write needs its duty, checked here to refuse early and again in the service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from departments.permissions import may_do
from housing.tenancy import selectors as selectors
from housing.tenancy.forms import tenancy as forms
from housing.models import Termination, Violation
from housing.office.step import may_step
from housing.tenancy.services import exits, ownership
from housing.tenancy.services import ledger as services
from housing.tenancy.confirmations import (court_request_confirmation, keys_returned_confirmation,
                                           termination_confirmation)
from housing.tenancy.ownership_confirmations import buy_back_confirmation, transfer_confirmation
from housing.web import access, confirmation
from housing.web.errors import run_service
from housing.web.money import with_separators


@require_GET
def tenancy_list(request):
    form = forms.TenancyFilterForm(request.GET or None)
    tenancies = selectors.tenancies_for_list(request.user, **form.filters())
    page = Paginator(tenancies, 50).get_page(request.GET.get("page"))
    return render(request, "housing/tenancy/list.html", {
        "form": form, "page": page, "tenancies": page.object_list,
        "can_import": may_do(request.user, "manage_tenancy"),
    })


@require_GET
def tenancy_detail(request, pk):
    tenancy = selectors.get_tenancy_for_user(request.user, pk)
    today = timezone.localdate()
    manage, decide = may_do(request.user, "manage_tenancy"), may_do(request.user, "decide_termination")
    termination = selectors.termination_of(tenancy)
    return render(request, "housing/tenancy/detail.html", {
        "tenancy": tenancy,
        "ledger": selectors.ledger_rows(tenancy, on=today),
        "checks": tenancy.occupancy_checks.all(),
        "violations": tenancy.violations.all(),
        "termination": termination,
        "proposal": selectors.not_living_proposal(tenancy) if manage else None,
        "actions": selectors.tenancy_actions(tenancy)[:50],
        "can_manage": manage,
        "can_decide": decide,
        # The FSM's own answer, from the tenancy's status and this user's duties.
        "can_notify": may_step(request.user, tenancy, "notify_termination"),
        "can_end": may_step(request.user, tenancy, "end"),
        "today": today,
    })


def _tenancy_form_view(request, pk, *, duty, form_class, template, title, call, done, form_kwargs=None,
                       initial=None, confirm=None):
    """``confirm(tenancy, cleaned_data)``: for an act that ends a tenancy, what it will do; the act is then done
    only once exactly that is confirmed (docs/decisions/0047)."""
    tenancy = selectors.get_tenancy_for_user(request.user, pk)
    access.require_duty(request.user, duty)
    status = 200
    kwargs = {"tenancy": tenancy, **(form_kwargs or {})}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            if confirm is None:
                result, status = run_service(form, lambda: call(tenancy, form.cleaned_data))
            else:
                statement = confirm(tenancy, form.cleaned_data)
                result, status, page = confirmation.run_confirmed(
                    request, form, statement=statement, act=lambda: call(tenancy, form.cleaned_data),
                    act_as_stated=lambda: call(tenancy, {**form.cleaned_data, **statement.fields}),
                    cancel_url=reverse("housing:tenancy_detail", args=[tenancy.pk]))
                if page is not None:
                    return page
            if result is not None:
                messages.success(request, done)
                return redirect("housing:tenancy_detail", pk=tenancy.pk)
        else:
            status = 400
    else:
        form = form_class(initial=initial or {}, **kwargs)
    return render(request, template, {"tenancy": tenancy, "form": form, "title": title}, status=status)


class _NoVersion:
    """Adapts a plain form to the tenancy form signature."""

    def __init__(self, form_class):
        self.form_class = form_class

    def __call__(self, *args, tenancy, **kwargs):
        return self.form_class(*args, **kwargs)


@require_http_methods(["GET", "POST"])
def occupancy_check_create(request, pk):
    return _tenancy_form_view(
        request, pk, duty="manage_tenancy", form_class=_NoVersion(forms.OccupancyCheckForm),
        template="housing/tenancy/form.html", title=_("Record an occupancy check"),
        done=_("The occupancy check was recorded."),
        call=lambda t, d: services.record_occupancy_check(actor=request.user, tenancy=t, checked_on=d["checked_on"],
                                                          occupied=d["occupied"], note=d["note"]))


@require_http_methods(["GET", "POST"])
def violation_create(request, pk):
    initial = {}
    if request.method == "GET" and request.GET.get("ground") == Violation.Ground.NOT_LIVING:
        tenancy = selectors.get_tenancy_for_user(request.user, pk)
        proposal = selectors.not_living_proposal(tenancy)
        if proposal:
            initial = {"ground": Violation.Ground.NOT_LIVING,
                       "checks": ",".join(str(c) for c in proposal["checks"]),
                       "facts": _("Not lived in: the checks of %(first)s and %(last)s both found the home empty, "
                                  "with no check between them finding it lived in (Art. 33(1)).")
                       % {"first": f"{proposal['first'].checked_on:%Y-%m-%d}",
                          "last": f"{proposal['last'].checked_on:%Y-%m-%d}"}}

    def call(tenancy, data):
        basis = {}
        if data["ground"] == Violation.Ground.NOT_LIVING and data.get("checks"):
            ids = [int(x) for x in data["checks"].split(",") if x.strip().isdigit()]
            basis = {"checks": ids}
        return services.record_violation(actor=request.user, tenancy=tenancy, ground=data["ground"],
                                         facts=data["facts"], evidence=data.get("evidence"), penalty=data["penalty"],
                                         basis=basis)

    return _tenancy_form_view(request, pk, duty="manage_tenancy", form_class=_NoVersion(forms.ViolationForm),
                              template="housing/tenancy/form.html", title=_("Record a violation"),
                              done=_("The violation was recorded."), call=call, initial=initial)


@require_http_methods(["GET", "POST"])
def termination_create(request, pk):
    """A termination for a violation needs decide_termination; lease end or the tenant's notice manage_tenancy."""
    user = request.user
    reasons = []
    if may_do(user, "decide_termination"):
        reasons.append(Termination.Reason.VIOLATION)
    if may_do(user, "manage_tenancy"):
        reasons += [Termination.Reason.LEASE_END, Termination.Reason.VOLUNTARY]
    if not reasons:
        selectors.get_tenancy_for_user(user, pk)
        raise PermissionDenied
    duty = "decide_termination" if may_do(user, "decide_termination") else "manage_tenancy"
    initial = {"reason": request.GET.get("reason")} if request.GET.get("reason") in reasons else {}
    return _tenancy_form_view(
        request, pk, duty=duty, form_class=forms.TerminationForm, form_kwargs={"reasons": reasons},
        template="housing/tenancy/form.html", title=_("Serve a notice of termination"), initial=initial,
        confirm=termination_confirmation,
        done=_("The notice of termination was recorded; the household moves out within 30 days."),
        call=lambda t, d: exits.serve_termination_notice(actor=user, tenancy=t, expected_version=d["version"],
                                                         reason=d["reason"], notified_on=d["notified_on"],
                                                         violation=d.get("violation")))


@require_http_methods(["GET", "POST"])
def extension_create(request, pk):
    return _tenancy_form_view(
        request, pk, duty="decide_termination", form_class=forms.ExtensionForm,
        template="housing/tenancy/form.html", title=_("Extend the move-out deadline"),
        done=_("The extension was granted."),
        call=lambda t, d: exits.extend_move_out(actor=request.user, tenancy=t, expected_version=d["version"],
                                                days=d["days"], reason=d["reason"]))


@require_http_methods(["GET", "POST"])
def court_request_create(request, pk):
    return _tenancy_form_view(
        request, pk, duty="decide_termination", form_class=forms.CourtRequestForm,
        template="housing/tenancy/form.html", title=_("Record the request for court enforcement"),
        confirm=court_request_confirmation,
        done=_("The request for court enforcement was recorded."),
        call=lambda t, d: exits.record_court_request(actor=request.user, tenancy=t, expected_version=d["version"],
                                                     requested_on=d["requested_on"]))


@require_http_methods(["GET", "POST"])
def keys_returned(request, pk):
    return _tenancy_form_view(
        request, pk, duty="manage_tenancy", form_class=forms.KeysReturnedForm,
        template="housing/tenancy/form.html", title=_("Record the keys returned"),
        confirm=keys_returned_confirmation,
        done=_("The keys were recorded as returned; the home is back in the stock."),
        call=lambda t, d: exits.record_keys_returned(actor=request.user, tenancy=t, expected_version=d["version"],
                                                     returned_on=d["returned_on"]))


# --- the rent ledger import -----------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def rent_import(request):
    selectors.require_reader(request.user)
    access.require_duty(request.user, "manage_tenancy")
    status, preview = 200, None
    if request.method == "POST":
        form = forms.RentFileForm(request.POST, request.FILES)
        if form.is_valid():
            preview, status = run_service(form, lambda: services.preview_rent_import(
                actor=request.user, uploaded_file=form.cleaned_data["file"]))
            if preview is not None and preview.errors:
                status = 400
        else:
            status = 400
    else:
        form = forms.RentFileForm()
    confirm = forms.RentConfirmForm(initial={"token": preview.token, "sha256": preview.sha256}) \
        if preview is not None and not preview.errors else None
    return render(request, "housing/tenancy/rent_import.html",
                  {"form": form, "preview": preview, "confirm": confirm}, status=status)


@require_POST
def rent_import_confirm(request):
    selectors.require_reader(request.user)
    access.require_duty(request.user, "manage_tenancy")
    form = forms.RentConfirmForm(request.POST)
    status, outcome = 400, None
    if form.is_valid():
        outcome, status = run_service(form, lambda: services.confirm_rent_import(
            actor=request.user, token=form.cleaned_data["token"], sha256=form.cleaned_data["sha256"]))
        if outcome is not None and not outcome.errors:
            messages.success(request, _("%(rows)s payments imported (%(total)s yuan).")
                             % {"rows": len(outcome.rows), "total": with_separators(outcome.total)})
            return redirect("housing:tenancy_list")
        if outcome is not None:
            status = 409
    return render(request, "housing/tenancy/rent_import.html",
                  {"form": forms.RentFileForm(), "preview": outcome, "confirm": None, "confirm_form": form},
                  status=status)


# --- economic housing: buy-back and transfer (R-28, R-29) --------------------------------------------------------

@require_GET
def ownership_list(request):
    contracts = selectors.sale_contracts(request.user)
    page = Paginator(contracts, 50).get_page(request.GET.get("page"))
    return render(request, "housing/tenancy/ownership_list.html", {
        "page": page, "contracts": page.object_list, "can_act": may_do(request.user, "manage_ownership")})


@require_GET
def ownership_detail(request, pk):
    """R-28, R-29: one sale, and its buy-back or transfer with every input of the formula."""
    contract = selectors.get_sale_contract(request.user, pk)
    return render(request, "housing/tenancy/ownership_detail.html", {
        "contract": contract, "actions": selectors.ownership_actions(contract),
        "can_act": may_do(request.user, "manage_ownership")})


def _ownership_form_view(request, pk, *, form_class, title, call, done, stated_after):
    contract = selectors.get_sale_contract(request.user, pk)
    access.require_duty(request.user, "manage_ownership")
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            # Fixes a price and cannot be undone: stated as the service computes it, done once confirmed.
            result, status, page = confirmation.run_confirmed(
                request, form, statement=stated_after, act=lambda: call(contract, form.cleaned_data),
                cancel_url=reverse("housing:ownership_detail", args=[contract.pk]))
            if page is not None:
                return page
            if result is not None:
                messages.success(request, done(result))
                return redirect("housing:ownership_list")
        else:
            status = 400
    else:
        form = form_class()
    return render(request, "housing/tenancy/ownership_form.html",
                  {"contract": contract, "form": form, "title": title}, status=status)


@require_http_methods(["GET", "POST"])
def buy_back_create(request, pk):
    return _ownership_form_view(
        request, pk, form_class=forms.BuyBackForm, title=_("Record a buy-back"),
        stated_after=buy_back_confirmation,
        done=lambda b: _("Bought back for %(price)s yuan.") % {"price": with_separators(b.buy_back_price)},
        call=lambda c, d: ownership.record_buy_back(actor=request.user, contract=c, **d))


@require_http_methods(["GET", "POST"])
def transfer_create(request, pk):
    return _ownership_form_view(
        request, pk, form_class=forms.TransferForm, title=_("Record a transfer"),
        stated_after=transfer_confirmation,
        done=lambda t: _("Transfer recorded; land-revenue payment %(payment)s yuan.")
        % {"payment": with_separators(t.land_revenue_payment)},
        call=lambda c, d: ownership.record_transfer(actor=request.user, contract=c, **d))
