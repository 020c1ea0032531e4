"""The generic step page: one form per step of SPEC §5 that needs no review page of its own."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_fsm import can_proceed

from departments.permissions import may
from housing.cases import selectors
from housing.exceptions import StageNotAllowed
from housing.desk.forms import steps as step_forms
from housing.cases import steps as case_steps
from housing.selection import contracts
from housing.selection import contract_confirmations
from housing.selection.confirmations import notice_confirmation
from housing.subsidies import start as subsidy_start
from housing.desk import confirmations as step_confirmations
from housing.subsidies.confirmations import start_confirmation
from housing.web import confirmation
from housing.web.errors import run_service


@dataclass(frozen=True)
class Step:
    form: type
    service: Callable
    fields: tuple[str, ...] = ()  # cleaned_data passed to the service as keyword arguments
    # An act that cannot be undone or commits money is confirmed first (docs/decisions/0047): either
    # confirm(application, cleaned_data), or stated_after(application as the step leaves it), read in a rehearsal.
    confirm: Callable | None = None
    stated_after: Callable | None = None


STEPS = {
    "resubmit": Step(step_forms.ResubmitForm, case_steps.resubmit_application, ("note",)),
    "propose": Step(step_forms.ProposeForm, case_steps.propose_application, ("rank", "note")),
    "withdraw": Step(step_forms.WithdrawForm, case_steps.withdraw_application, ("reason",),
                     confirm=step_confirmations.withdraw_confirmation),
    # R-16.8a, R-16.8c, R-16.8d: the notice, the home chosen, the contract and its filing are not undone; each is
    # stated from the application as the step leaves it (the order number, the signing day, the rent or the price
    # and the tenancy are the service's).
    "issue_selection_notice": Step(step_forms.IssueSelectionNoticeForm, contracts.issue_selection_notice,
                                   ("selection_date", "place"), stated_after=notice_confirmation),
    "record_selection": Step(step_forms.RecordSelectionForm, contracts.record_selection,
                             ("unit", "selected_on"), stated_after=contract_confirmations.selection_confirmation),
    "sign_contract": Step(step_forms.SignContractForm, contracts.sign_contract,
                          ("number", "property_owner", "signatory", "signed_on", "term_start", "term_end",
                           "monthly_rent", "price", "signed_by_employer"),
                          stated_after=contract_confirmations.contract_confirmation),
    "give_up": Step(step_forms.GiveUpForm, contracts.give_up, ("kind", "note"),
                    confirm=step_confirmations.give_up_confirmation),
    "file_contract": Step(step_forms.FileContractForm, contracts.file_contract, ("filing_number", "filed_on"),
                          stated_after=contract_confirmations.filing_confirmation),
    "start_subsidy": Step(step_forms.StartSubsidyForm, subsidy_start.start_subsidy,
                          ("start_month", "monthly_amount"), stated_after=start_confirmation),
}


@require_http_methods(["GET", "POST"])
def take_step(request, number, step):
    spec = STEPS.get(step)
    if spec is None:
        raise Http404("No such step")
    application = selectors.get_application_for_user_or_404(request.user, number)
    if not may(request.user, step, application.group):
        raise PermissionDenied
    status, blocked = 200, None
    if request.method == "POST":
        form = spec.form(request.POST, application=application)
        if form.is_valid():
            data = form.cleaned_data
            # A field the form dropped for this application (e.g. the rent of a sale) is passed as None.
            kwargs = {name: data.get(name) for name in spec.fields}

            def act(version):
                return spec.service(actor=request.user, application=application, expected_version=version, **kwargs)

            if spec.confirm is None and spec.stated_after is None:
                done, status = run_service(form, lambda: act(data["version"]))
            else:
                statement = spec.stated_after or spec.confirm(application, data)
                as_stated = None if spec.stated_after else (lambda: act(statement.fields["version"]))
                done, status, page = confirmation.run_confirmed(
                    request, form, statement=statement, act=lambda: act(data["version"]), act_as_stated=as_stated,
                    cancel_url=reverse("housing:application_detail", args=[application.number]))
                if page is not None:
                    return page
            if done is not None:
                messages.success(request, _("%(step)s: done for %(number)s.") % {
                    "step": step_forms.STEP_LABELS[step], "number": application.number})
                return redirect("housing:application_detail", number=application.number)
        else:
            status = 400
    else:
        form = spec.form(application=application)
        if not can_proceed(getattr(application, step)):
            status, blocked = 409, StageNotAllowed.default_message
    return render(request, "housing/step_form.html", {
        "application": application,
        "form": form,
        "step": step,
        "step_label": step_forms.STEP_LABELS[step],
        "blocked": blocked,
    }, status=status)
