"""Intake at the counter (R-12.2, R-16.2; decision 0044): a CCB clerk registers a household's application with
its materials on one page, then prints the receipt (受理回执)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from departments.permissions import can_register_application
from housing.groups import TALENT_GROUPS
from housing.review.forms.household_rows import shown_without_errors, with_person_added, with_person_removed
from housing.review.forms.intake import DEFAULT_ROWS, INCOME_GROUPS, MAX_MEMBERS, IntakeForm, member_formset
from housing.review.intake_selectors import material_items, next_household_initial
from housing.review.services.intake import IntakeData, register_application
from housing.review.services.materials import MATERIALS_KEY
from housing.review.views.intake_files import forget, materials_of, take_files
from housing.review.views.reviews import run_routed


def _route(form, formset, rows: list[int], file_errors: list[str]):
    """Where each error key of register_application() is shown: "members.2.id_number" next to that
    person's ID number, "members" above the household, "employer.credit_code" next to the code,
    "materials" in the materials section."""

    def route(key: str):
        parts = key.split(".")
        if key == MATERIALS_KEY:
            return file_errors.append
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


def _rows_asked(request) -> int:
    """``?rows=3`` opens the page with three people's rows (a large household known in advance)."""
    try:
        return int(request.GET.get("rows", DEFAULT_ROWS))
    except ValueError:
        return DEFAULT_ROWS


def _removed_row(post) -> int | None:
    try:
        return int(post["remove_person"])
    except (KeyError, ValueError):
        return None


def _page(request, form, formset, *, staged, file_errors, status):
    if file_errors:
        form.add_error(None, _("Some files were not accepted; see Materials below."))
    context = {
        "form": form,
        "formset": formset,
        "max_members": MAX_MEMBERS,
        "can_add": formset.total_form_count() < MAX_MEMBERS,
        "talent_groups": " ".join(sorted(TALENT_GROUPS)),
        "income_groups": " ".join(sorted(INCOME_GROUPS)),
        "has_open_round": form.fields["round"].queryset.exists(),
        "material_items": material_items(),
        "staged": staged,
        "file_errors": file_errors,
    }
    return render(request, "housing/intake.html", context, status=status)


@require_http_methods(["GET", "POST"])
def intake(request):
    if not can_register_application(request.user):
        raise PermissionDenied
    if request.method == "GET":
        form = IntakeForm(initial=next_household_initial(request.user, request.GET.get("after")))
        return _page(request, form, member_formset(rows=_rows_asked(request)), staged=[], file_errors=[], status=200)

    data = request.POST
    changing_rows = "add_person" in data or "remove_person" in data
    if "add_person" in data:
        data = with_person_added(data)
    elif "remove_person" in data and _removed_row(data) is not None:
        data = with_person_removed(data, _removed_row(data))
    form = IntakeForm(data)
    formset = member_formset(data=data)
    # Every file chosen is kept from here on, whatever else the page shows (housing.web.staged_uploads).
    staged, file_errors = take_files(request)
    if changing_rows:
        shown_without_errors(form, formset)
        return _page(request, form, formset, staged=staged, file_errors=file_errors, status=200)

    form_ok = form.is_valid()
    formset_ok = formset.is_valid()  # both validated, so every error shows at once
    if form_ok and formset_ok and not file_errors:
        members, rows = formset.members()
        intake_data = IntakeData(round=form.cleaned_data["round"], group=form.cleaned_data["group"],
                                 form=form.cleaned_data["form"], members=members, employer=form.employer_data(),
                                 facts=form.facts())
        application, _status = run_routed(
            form,
            lambda: register_application(actor=request.user, data=intake_data,
                                         materials=materials_of(request.user, staged)),
            _route(form, formset, rows, file_errors),
        )
        if application is not None:
            forget(staged)
            url = reverse("housing:intake_receipt", args=[application.number])
            return redirect(f"{url}?{urlencode({'registered': 1})}")
    return _page(request, form, formset, staged=staged, file_errors=file_errors, status=400)
