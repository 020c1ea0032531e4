"""Selection day pages (R-16.8a, R-16.8c, R-16.8d, SPEC §13): notices, the clerk's session, printable papers.

Reading needs the "selection" area (the CCB; discipline inspection reads everything, R-6): anyone else gets 404
as for a missing page. Writing needs the duty (run_selection, issue_selection_notice): anyone else gets 403.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from departments.permissions import may, may_do
from housing.selection.forms import ChooseHomeForm, IssueNoticesForm, NoShowForm
from housing.groups import Group
from housing.models import AllocationRound, Application, Contract
from housing.office.step import may_step
from housing.selection.selectors import (
    awaiting_notice,
    calling_reason,
    get_notice_or_404,
    get_selection_or_404,
    get_session_or_404,
    homes_for,
    notices_with_reasons,
    require_reader,
    selection_overview,
    selection_policy,
    session_give_ups,
    session_selections,
)
from housing.selection import confirmations, contract_confirmations
from housing.selection import services as selection_day
from housing.selection.not_offered import was_not_offered
from housing.web import access
from housing.web.confirmation import run_confirmed
from housing.web.errors import run_service


def _round_and_group(user, round_id: int, group: str) -> AllocationRound:
    require_reader(user)
    if group not in Group.values:
        raise Http404("No such group")
    return get_object_or_404(AllocationRound, pk=round_id)


def selection_home(request):
    rows = selection_overview(request.user)
    return render(request, "housing/selection/home.html", {
        "rows": rows, "may_run": may_do(request.user, "run_selection")})


@require_http_methods(["GET", "POST"])
def notices(request, round_id: int, group: str):
    """R-16.8a: the notices of a round and group in order (printable), and issuing the remaining ones."""
    round_ = _round_and_group(request.user, round_id, group)
    may_issue = may(request.user, "issue_selection_notice", group)
    status = 200
    form = IssueNoticesForm(request.POST or None)
    if request.method == "POST":
        if not may_issue:
            raise PermissionDenied
        if form.is_valid():
            # R-16.8a: tells every household and fixes the order of selection: stated with the order numbers the
            # service gives, done only once confirmed (docs/decisions/0047).
            done, status, page = run_confirmed(
                request, form, statement=lambda issued: confirmations.notices_confirmation(round_, group, issued),
                act=lambda: selection_day.issue_selection_notices(
                    actor=request.user, round_id=round_.pk, group=group, **form.cleaned_data),
                cancel_url=reverse("housing:selection_notices", args=[round_.pk, group]))
            if page is not None:
                return page
            if done is not None:
                messages.success(request, _("%(count)s selection notices issued.") % {"count": len(done)})
                return redirect("housing:selection_notices", round_id=round_.pk, group=group)
        else:
            status = 400
    return render(request, "housing/selection/notices.html", {
        "round": round_, "group": group, "group_label": Group(group).label,
        "notices": notices_with_reasons(round_.pk, group),
        "waiting": awaiting_notice(round_.pk, group), "form": form, "may_issue": may_issue,
    }, status=status)


def notice_print(request, number: str):
    """R-16.8a: one household's selection notice (选房通知书), for printing."""
    notice = get_notice_or_404(request.user, number)
    return render(request, "housing/selection/notice_print.html", {
        "notice": notice, "application": notice.application, "calling_reason": calling_reason(notice.application)})


@require_POST
def open_session(request, round_id: int, group: str):
    round_ = _round_and_group(request.user, round_id, group)
    access.require_duty(request.user, "run_selection")
    session = selection_day.open_session(actor=request.user, round_id=round_.pk, group=group)
    return redirect("housing:selection_session", pk=session.pk)


def _session_page(request, session, *, choose_form=None, no_show_form=None, status=200):
    current = session.current
    if current is not None:
        current = Application.objects.select_related("selection_notice", "employer").get(pk=current.pk)
    # The homes the FSM lets this user reserve (available, run_selection), of those the household may choose.
    homes = [h for h in homes_for(current) if may_step(request.user, h, "reserve")] if current is not None else []
    if current is not None:
        choose_form = choose_form or ChooseHomeForm(application=current)
        no_show_form = no_show_form or NoShowForm(application=current)
    return render(request, "housing/selection/session.html", {
        "session": session, "group_label": Group(session.group).label, "current": current, "homes": homes,
        "choose_form": choose_form, "no_show_form": no_show_form, "selections": session_selections(session),
        "give_ups": session_give_ups(session), "may_run": may_do(request.user, "run_selection"),
        "sign_within_days": selection_policy().sign_within_days,
    }, status=status)


def session_detail(request, pk: int):
    session = get_session_or_404(request.user, pk)
    return _session_page(request, session)


def _writable_session(request, pk: int):
    session = get_session_or_404(request.user, pk)
    access.require_duty(request.user, "run_selection")
    return session


@require_POST
def call_next(request, pk: int):
    session = _writable_session(request, pk)
    form = NoShowForm()  # only to carry a refusal
    called, status = run_service(form, lambda: selection_day.call_next(actor=request.user, session=session))
    if status != 200:
        for error in form.non_field_errors():
            messages.error(request, error)
    elif called is None:
        messages.info(request, _("Every household of this list has had its turn."))
    return redirect("housing:selection_session", pk=session.pk)


def _current(session, request) -> Application:
    current = session.current
    number = request.POST.get("application", "")
    if current is None or current.number != number:
        raise Http404("This household is not the one called")
    return Application.objects.select_related("employer").get(pk=current.pk)


@require_POST
def choose(request, pk: int):
    """R-16.8c: record the home chosen by the household called."""
    session = _writable_session(request, pk)
    application = _current(session, request)
    form = ChooseHomeForm(request.POST, application=application)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        # R-16.8c: the home goes to this household alone; stated with the day by which the contract must be signed,
        # as the service fixes it, and done only once confirmed (docs/decisions/0047).
        done, status, page = run_confirmed(
            request, form, statement=contract_confirmations.selection_confirmation,
            act=lambda: selection_day.choose_home(
                actor=request.user, application=application, expected_version=data["version"], unit=data["unit"],
                session=session),
            cancel_url=reverse("housing:selection_session", args=[session.pk]))
        if page is not None:
            return page
        if done is not None:
            messages.success(request, _("%(number)s chose %(home)s.") % {"number": application.number,
                                                                        "home": data["unit"]})
            return redirect("housing:selection_session", pk=session.pk)
    session.refresh_from_db()
    return _session_page(request, session, choose_form=form, status=status)


@require_POST
def no_show(request, pk: int):
    """SPEC §13 弃选: the household called did not come or declined; the next one moves up."""
    session = _writable_session(request, pk)
    application = _current(session, request)
    form = NoShowForm(request.POST, application=application)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        # SPEC §13: a give-up ends the household's turn for good and is counted against the applicant; the service
        # decides between that and "not offered" (0040), so the statement is read from its rehearsal (0047).
        version = application.version
        done, status, page = run_confirmed(
            request, form,
            statement=lambda _done: confirmations.no_show_confirmation(session, application, version=version,
                                                                       note=data["note"]),
            act=lambda: selection_day.record_no_show(
                actor=request.user, session=session, application=application, expected_version=data["version"],
                note=data["note"]),
            cancel_url=reverse("housing:selection_session", args=[session.pk]))
        if page is not None:
            return page
        if done is not None and was_not_offered(application, session):
            messages.info(request, _("No home could be offered to %(number)s (its employer's quota or its homes are "
                                     "used up): recorded as not offered, not as a give-up.")
                          % {"number": application.number})
            return redirect("housing:selection_session", pk=session.pk)
        if done is not None:
            messages.success(request, _("%(number)s gave up its turn (弃选).") % {"number": application.number})
            return redirect("housing:selection_session", pk=session.pk)
    session.refresh_from_db()
    return _session_page(request, session, no_show_form=form, status=status)


@require_POST
def close(request, pk: int):
    """R-16.8c: ends the calling of the session; the households still to select wait for a later session."""
    session = _writable_session(request, pk)
    if session.closed_at is not None:
        messages.info(request, _("This selection session is closed."))
        return redirect("housing:selection_home")
    # Ends the selection day: stated with its counts, done only once confirmed (docs/decisions/0047).
    form = forms.Form(request.POST)
    done, _status, page = run_confirmed(
        request, form, statement=confirmations.close_confirmation(session),
        act=lambda: selection_day.close_session(actor=request.user, session=session),
        cancel_url=reverse("housing:selection_session", args=[session.pk]))
    if page is not None:
        return page
    if done is None:
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("housing:selection_session", pk=session.pk)
    return redirect("housing:selection_home")


def confirmation(request, number: str):
    """R-16.8c: the selection confirmation (选房确认书), for printing and signing."""
    selection = get_selection_or_404(request.user, number)
    return render(request, "housing/selection/confirmation.html", {
        "selection": selection, "application": selection.application, "unit": selection.unit})


def contract_summary(request, number: str):
    """R-16.8d: the contract record and its filing, for printing."""
    require_reader(request.user)
    contract = (Contract.objects.filter(application__number=number)
                .select_related("application", "application__employer", "unit", "unit__building__project")
                .first())
    if contract is None:
        raise Http404("No contract")
    return render(request, "housing/selection/contract_summary.html", {
        "contract": contract, "application": contract.application})
