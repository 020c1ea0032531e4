"""R-7.2, R-9.2, R-11.2, R-16.2: the talent unit's pages — its group's rosters, one roster to accept or return, and
the employer accounts it opens. Discipline inspection reads them (R-6); every other unit is refused."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.permissions import may_do
from housing.groups import EMPLOYER_KINDS
from housing.models import Roster
from housing.models.roster import ROSTER_DUTY
from housing.rosters import selectors
from housing.rosters.exceptions import RosterRefused
from housing.rosters.forms import EmployerAccountForm, RosterDecisionForm
from housing.rosters.services import accounts, decisions
from housing.web import access
from housing.web.errors import run_service

PER_PAGE = 50


@require_GET
def roster_list(request):
    access.require_area(request.user, "rosters")
    status = request.GET.get("status", "")
    qs = selectors.rosters_visible_to(request.user)
    if status in Roster.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "housing/rosters/roster_list.html", {
        "page": page, "status": status, "statuses": Roster.Status.choices,
        "manages": may_do(request.user, ROSTER_DUTY)})


@require_http_methods(["GET", "POST"])
def roster_detail(request, number):
    access.require_area(request.user, "rosters")
    roster = selectors.get_roster_for_user_or_404(request.user, number)
    form = RosterDecisionForm(request.POST or None, initial={"version": roster.version})
    status, problems = 200, []
    if request.method == "POST":
        access.require_duty(request.user, ROSTER_DUTY)
        decision = request.POST.get("decision")
        if decision not in ("accept", "return") or not form.is_valid():
            status = 400
            form.add_error(None, _("Choose to accept or to return the roster."))
        else:
            version = form.cleaned_data["version"]
            if decision == "accept":
                call = lambda: decisions.accept_roster(actor=request.user, roster=roster, expected_version=version)  # noqa: E731
            else:
                call = lambda: decisions.return_roster(actor=request.user, roster=roster,  # noqa: E731
                                                       expected_version=version, reason=form.cleaned_data["reason"])

            def keeping_problems():
                try:
                    return call()
                except RosterRefused as refused:  # every row and column that stops it, besides the message
                    problems.extend(p.text() for p in refused.problems)
                    raise

            done, status = run_service(form, keeping_problems)
            if done is not None:
                messages.success(request, _("Roster %(number)s accepted: %(count)s applications now await formal "
                                            "review.") % {"number": done.number, "count": done.households}
                                 if decision == "accept" else
                                 _("Roster %(number)s returned to the employer.") % {"number": done.number})
                return redirect("housing:roster_detail", number=roster.number)
    decides = (roster.status == Roster.Status.SUBMITTED and may_do(request.user, ROSTER_DUTY)
               and decisions.responsible_for(request.user, roster))
    return render(request, "housing/rosters/roster_detail.html", {
        "roster": roster, "lines": selectors.roster_lines(roster), "form": form, "decides": decides,
        "problems": problems}, status=status)


@require_http_methods(["GET", "POST"])
def employer_accounts(request):
    access.require_area(request.user, "rosters")
    manages = may_do(request.user, ROSTER_DUTY)
    kinds = EMPLOYER_KINDS[accounts.unit_group(request.user)] if manages else frozenset()
    form = EmployerAccountForm(request.POST or None, kinds=kinds)
    status = 200
    if request.method == "POST":
        access.require_duty(request.user, ROSTER_DUTY)
        if form.is_valid():
            account, status = run_service(form, lambda: accounts.create_employer_account(
                actor=request.user, **form.cleaned_data))
            if account is not None:
                messages.success(request, _("Account %(username)s opened for %(employer)s.") % {
                    "username": account.user.username, "employer": account.employer.name})
                return redirect("housing:employer_accounts")
        else:
            status = 400
    return render(request, "housing/rosters/employer_accounts.html", {
        "accounts": selectors.accounts_visible_to(request.user), "form": form, "manages": manages},
        status=status)
