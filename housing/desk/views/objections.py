"""Objections to an entry of a public notice (R-16.6): recorded by the CCB, decided by the responsible unit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from departments.permissions import may
from housing.cases import selectors
from housing.exceptions import StageNotAllowed
from housing.desk.forms.objections import DecideObjectionForm, RecordObjectionForm
from housing.desk.views.applications import OBJECTABLE_STAGES
from housing.web import confirmation
from housing.web.errors import run_service
from publicity import selectors as publicity_selectors
from publicity import services as publicity_services
from publicity.confirmations import objection_decision_confirmation
from publicity.models import Objection


@require_http_methods(["GET", "POST"])
def record_objection(request, number):
    application = selectors.get_application_for_user_or_404(request.user, number)
    if not may(request.user, "freeze_for_objection", application.group):
        raise PermissionDenied
    status, blocked = 200, None
    if request.method == "POST":
        form = RecordObjectionForm(request.POST, application=application)
        if form.is_valid():
            data = form.cleaned_data
            objection, status = run_service(form, lambda: publicity_services.record_objection(
                actor=request.user, application=application, expected_version=data["version"],
                objector_name=data["objector_name"], objector_contact=data["objector_contact"],
                reasons=data["reasons"]))
            if objection is not None:
                messages.success(request, _("Objection %(receipt)s recorded; the entry is frozen until it is decided.")
                                 % {"receipt": objection.receipt_number})
                return redirect("housing:application_detail", number=application.number)
        else:
            status = 400
    else:
        form = RecordObjectionForm(application=application)
        if application.stage not in OBJECTABLE_STAGES:
            status, blocked = 409, StageNotAllowed.default_message
    return render(request, "housing/objection_form.html",
                  {"application": application, "form": form, "blocked": blocked}, status=status)


@require_http_methods(["GET", "POST"])
def decide_objection(request, receipt):
    objection = publicity_selectors.get_objection_for_user_or_404(request.user, receipt)
    application = objection.application
    if not (may(request.user, "uphold_objection", application.group)
            or may(request.user, "dismiss_objection", application.group)):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = DecideObjectionForm(request.POST, application=application)
        if form.is_valid():
            data = form.cleaned_data
            # a decision is final and removes an entry or lets it stand: stated first (decision 0047).
            def decide(version):
                # A fresh copy each time: the service sets the decision on the instance it is given.
                return publicity_services.decide_objection(
                    actor=request.user, objection=publicity_selectors.get_objection_for_user_or_404(
                        request.user, receipt),
                    expected_version=version, upheld=data["upheld"], reason=data["reason"],
                    answer=data["answer"], investigation_notes=data["investigation_notes"])

            statement = objection_decision_confirmation(objection, data)
            decided, status, page = confirmation.run_confirmed(
                request, form, statement=statement, act=lambda: decide(data["version"]),
                act_as_stated=lambda: decide(statement.fields["version"]),
                cancel_url=reverse("housing:decide_objection", args=[receipt]))
            if page is not None:
                return page
            if decided is not None:
                messages.success(request, _("Objection %(receipt)s decided: %(status)s.")
                                 % {"receipt": decided.receipt_number, "status": decided.get_status_display()})
                return redirect("housing:application_detail", number=application.number)
            # The service set the decision on the instance before it failed; show the stored record.
            objection = publicity_selectors.get_objection_for_user_or_404(request.user, receipt)
        else:
            status = 400
    else:
        form = DecideObjectionForm(application=application)
    return render(request, "housing/objection_decide.html", {
        "objection": objection,
        "application": objection.application,
        "form": form,
        "open": objection.status == Objection.Status.OPEN,
    }, status=status)
