"""The CCB's pages of the bad-behaviour register (R-35, R-36, R-37)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.permissions import may_do
from housing.sanctions.forms import SanctionForm
from housing.sanctions import services as services
from housing.sanctions.confirmations import sanction_confirmation
from housing.web import access, confirmation
from housing.web.errors import run_service


@require_GET
def sanction_list(request):
    access.require_area(request.user, "sanctions")
    return render(request, "housing/sanctions/sanction_list.html", {
        "entries": services.register_entries(),
        "can_record": may_do(request.user, "record_sanction"),
    })


@require_http_methods(["GET", "POST"])
def sanction_create(request):
    access.require_duty(request.user, "record_sanction")
    form = SanctionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            # Cannot be undone and is published: stated with the fine and the ban, done once confirmed.
            entry, status, page = confirmation.run_confirmed(
                request, form, statement=sanction_confirmation,
                act=lambda: services.record_sanction(
                    actor=request.user, ground=data["ground"], facts=data["facts"], decided_on=data["decided_on"],
                    name=data["name"], id_number=data["id_number"], credit_code=data["credit_code"],
                    application=data["application"]),
                cancel_url=reverse("housing:sanction_create"))
            if page is not None:
                return page
            if entry is not None:
                messages.success(request, _("%(name)s was entered in the register, barred until %(until)s.") % {
                    "name": entry.name, "until": entry.barred_until.isoformat()})
                return redirect("housing:sanction_list")
        else:
            status = 400
    return render(request, "housing/sanctions/sanction_form.html", {"form": form}, status=status)
