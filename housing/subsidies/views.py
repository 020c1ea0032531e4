"""Subsidy pages of Finance (R-8.2, R-25–R-27, R-32): running subsidies, stops and resumptions, monthly batches."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from departments.permissions import may_do
from housing.office.step import may_step
from housing.subsidies import selectors as selectors
from housing.subsidies.forms import BankDetailsForm, BatchActionForm, ExportForm, PrepareBatchForm, SubsidyChangeForm
from housing.subsidies import services as services
from housing.subsidies.confirmations import batch_step_confirmation, resume_confirmation, stop_confirmation
from housing.web import access, confirmation
from housing.web.errors import run_service


@require_GET
def subsidy_list(request):
    access.require_area(request.user, "subsidies")
    return render(request, "housing/subsidies/subsidy_list.html", {
        "subsidies": selectors.subsidies_for_list(request.user),
    })


@require_GET
def subsidy_detail(request, pk):
    access.require_area(request.user, "subsidies")
    subsidy = selectors.get_subsidy_or_404(request.user, pk)
    return render(request, "housing/subsidies/subsidy_detail.html", {
        "subsidy": subsidy,
        "changes": sorted(subsidy.changes.all(), key=lambda c: (c.recorded_at, c.pk)),
        "payments": subsidy.payments.select_related("batch").order_by("-month"),
        "can_change": may_do(request.user, "stop_subsidy"),
        "can_bank": may_do(request.user, "prepare_subsidy_batch"),
    })


# Lazy: built once at import, translated per request.
CHANGES = {
    "stop": (services.stop_subsidy, stop_confirmation, gettext_lazy("Stop the subsidy"),
             gettext_lazy("The subsidy is stopped from %(month)s.")),
    "resume": (services.resume_subsidy, resume_confirmation, gettext_lazy("Resume the subsidy"),
               gettext_lazy("The subsidy is paid again from %(month)s.")),
}


@require_http_methods(["GET", "POST"])
def subsidy_change(request, pk, kind):
    access.require_area(request.user, "subsidies")
    access.require_duty(request.user, "stop_subsidy")
    subsidy = selectors.get_subsidy_or_404(request.user, pk)
    service, stated, title, done_text = CHANGES[kind]
    form = SubsidyChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            # a stop takes payments out of prepared batches, a resumption commits money again: refused
            # as before; else stated with its months and amounts, and done only once exactly that is confirmed.
            change, status, page = confirmation.run_confirmed(
                request, form, statement=stated(subsidy, form.cleaned_data),
                act=lambda: service(actor=request.user, subsidy=subsidy, **form.cleaned_data),
                cancel_url=reverse("housing:subsidy_detail", args=[subsidy.pk]))
            if page is not None:
                return page
            if change is not None:
                messages.success(request, str(done_text) % {"month": change.from_month.strftime("%Y-%m")})
                return redirect("housing:subsidy_detail", pk=subsidy.pk)
        else:
            status = 400
    return render(request, "housing/subsidies/change_form.html", {
        "subsidy": subsidy, "form": form, "title": title, "kind": kind}, status=status)


@require_http_methods(["GET", "POST"])
def subsidy_bank(request, pk):
    access.require_area(request.user, "subsidies")
    access.require_duty(request.user, "prepare_subsidy_batch")
    subsidy = selectors.get_subsidy_or_404(request.user, pk)
    form = BankDetailsForm(request.POST or None, initial={"bank_name": subsidy.bank_name,
                                                          "bank_account": subsidy.bank_account,
                                                          "expected_account": subsidy.bank_account})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            done, status = run_service(form, lambda: services.set_bank_details(
                actor=request.user, subsidy=subsidy, **form.cleaned_data))
            if done is not None:
                messages.success(request, _("The bank details were saved."))
                return redirect("housing:subsidy_detail", pk=subsidy.pk)
        else:
            status = 400
    return render(request, "housing/subsidies/change_form.html", {
        "subsidy": subsidy, "form": form, "title": _("Bank details"), "kind": "bank"}, status=status)


@require_http_methods(["GET", "POST"])
def batch_list(request):
    access.require_area(request.user, "subsidies")
    can_prepare = may_do(request.user, "prepare_subsidy_batch")
    form = PrepareBatchForm(request.POST or None)
    status = 200
    if request.method == "POST":
        access.require_duty(request.user, "prepare_subsidy_batch")
        if form.is_valid():
            prepared, status = run_service(form, lambda: services.prepare_batch(
                actor=request.user, month=form.cleaned_data["month"]))
            if prepared is not None:
                messages.success(request, _("Batch %(month)s: %(added)d payments added; %(stopped)d subsidies "
                                            "stopped because the household holds a home (Art. 3(2)).") % {
                    "month": prepared.batch.month.strftime("%Y-%m"), "added": prepared.added,
                    "stopped": prepared.stopped_for_home})
                if prepared.held_back:
                    messages.warning(request, _("%(count)d households are held back because their figure is "
                                                "missing; the batch page names them.") % {
                        "count": len(prepared.held_back)})
                return redirect("housing:subsidy_batch_detail", month=prepared.batch.month.strftime("%Y-%m"))
        else:
            status = 400
    return render(request, "housing/subsidies/batch_list.html", {
        "batches": selectors.batches_for_list(request.user), "form": form, "can_prepare": can_prepare,
    }, status=status)


def _batch_page(request, batch, *, form=None, status=200):
    payments = list(selectors.batch_payments(batch))
    user = request.user
    return render(request, "housing/subsidies/batch_detail.html", {
        "batch": batch,
        "payments": payments,
        "total": sum((p.amount for p in payments), 0),
        "missing_accounts": [p for p in payments if not p.bank_account],
        "form": form or BatchActionForm(initial={"version": batch.version}),
        "export_form": ExportForm(),
        "can_review": may_step(user, batch, "review"),
        "can_approve": may_step(user, batch, "approve"),
        "can_export": may_step(user, batch, "export"),
        "can_prepare": batch.status == "prepared" and may_do(user, "prepare_subsidy_batch"),
        "held_back": services.held_back_in(batch),  # waiting for their figure (docs/decisions/0041)
    }, status=status)


@require_GET
def batch_detail(request, month):
    access.require_area(request.user, "subsidies")
    return _batch_page(request, selectors.get_batch_or_404(request.user, month))


@require_GET
def batch_print(request, month):
    """The batch's payment list for signing and filing: each payment and the total, also in capital figures."""
    access.require_area(request.user, "subsidies")
    batch = selectors.get_batch_or_404(request.user, month)
    return render(request, "housing/subsidies/batch_print.html", {"batch": batch,
                                                                 **selectors.batch_payment_list(batch)})


def _batch_step(request, month, duty, service, done_text, step):
    access.require_area(request.user, "subsidies")
    access.require_duty(request.user, duty)
    batch = selectors.get_batch_or_404(request.user, month)
    form = BatchActionForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch, form=form, status=400)

    def act(version):
        return service(actor=request.user, batch=selectors.get_batch_or_404(request.user, month),
                       expected_version=version)

    # Pays: refused as before; else stated with its entries and amounts, and done only once exactly
    # that statement is confirmed (docs/decisions/0047).
    statement = batch_step_confirmation(batch, step)
    done, status, page = confirmation.run_confirmed(
        request, form, statement=statement, act=lambda: act(form.cleaned_data["version"]),
        act_as_stated=lambda: act(statement.fields["version"]),
        cancel_url=reverse("housing:subsidy_batch_detail", args=[month]))
    if page is not None:
        return page
    if done is None:
        return _batch_page(request, selectors.get_batch_or_404(request.user, month), form=form, status=status)
    messages.success(request, str(done_text) % {"month": month})
    return redirect("housing:subsidy_batch_detail", month=month)


@require_POST
def batch_review(request, month):
    return _batch_step(request, month, "review_subsidy_batch", services.review_batch,
                       _("Batch %(month)s reviewed."), "review")


@require_POST
def batch_approve(request, month):
    return _batch_step(request, month, "approve_subsidy_batch", services.approve_batch,
                       _("Batch %(month)s approved."), "approve")


@require_POST
def batch_export(request, month):
    access.require_area(request.user, "subsidies")
    access.require_duty(request.user, "export_subsidy_batch")
    batch = selectors.get_batch_or_404(request.user, month)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch, status=400)
    result, status = run_service(form, lambda: services.export_batch(actor=request.user, batch=batch,
                                                                     fmt=form.cleaned_data["fmt"]))
    if result is None:
        return _batch_page(request, batch, form=form, status=status)
    content, filename = result
    response = HttpResponse(content, content_type=services.CONTENT_TYPES[form.cleaned_data["fmt"]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
