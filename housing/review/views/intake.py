"""Intake (R-12.2, R-16.2): a CCB clerk registers an application with its household."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from departments.permissions import can_register_application
from housing.review.forms.intake import DEFAULT_ROWS, INCOME_GROUPS, MAX_MEMBERS, IntakeForm, member_formset
from housing.groups import TALENT_GROUPS
from housing.review.services.intake import IntakeData, register_application
from housing.review.views.reviews import run_routed


def _rows_asked(request) -> int:
    try:
        return int(request.GET.get("rows", DEFAULT_ROWS))
    except ValueError:
        return DEFAULT_ROWS


def _route(form, formset, rows: list[int]):
    """Where each error key of register_application() is shown: "members.2.id_number" next to that
    person's ID number, "members" above the household, "employer.credit_code" next to the code."""

    def route(key: str):
        parts = key.split(".")
        if parts[0] == "members":
            try:
                member_form = formset.forms[rows[int(parts[1])]]
            except (IndexError, ValueError):
                return formset.non_form_errors().append
            field = parts[2] if len(parts) > 2 and parts[2] in member_form.fields else None
            return lambda message: member_form.add_error(field, message)
        name = form.field_for_error(key)
        if name is None:
            return None
        return lambda message: form.add_error(name, message)

    return route


@require_http_methods(["GET", "POST"])
def intake(request):
    if not can_register_application(request.user):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = IntakeForm(request.POST)
        formset = member_formset(data=request.POST)
        status = 400
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()  # both validated, so every error shows at once
        if form_ok and formset_ok:
            members, rows = formset.members()
            data = IntakeData(round=form.cleaned_data["round"], group=form.cleaned_data["group"],
                              form=form.cleaned_data["form"], members=members, employer=form.employer_data(),
                              facts=form.facts())
            application, status = run_routed(
                form, lambda: register_application(actor=request.user, data=data), _route(form, formset, rows)
            )
            if application is not None:
                messages.success(request, _("Application %(number)s was registered; it awaits formal review.")
                                 % {"number": application.number})
                return redirect("housing:application_detail", application.number)
    else:
        form = IntakeForm()
        formset = member_formset(rows=_rows_asked(request))
    context = {
        "form": form,
        "formset": formset,
        "max_members": MAX_MEMBERS,
        "talent_groups": " ".join(sorted(TALENT_GROUPS)),
        "income_groups": " ".join(sorted(INCOME_GROUPS)),
        "has_open_round": form.fields["round"].queryset.exists(),
    }
    return render(request, "housing/intake.html", context, status=status)
