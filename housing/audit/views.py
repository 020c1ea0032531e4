"""R-6, R-38, R-X.1: the audit records, for discipline inspection (every unit, read only) and the CCB's head:
the state of the hash chains, sign-ins, reference-data history and reads of personal data."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from departments.models import UnitCode
from departments.permissions import can_read_audit_records
from departments.sign_ins import sign_in_records
from housing.audit import selectors
from housing.audit.forms import ReadFilterForm, ReferenceFilterForm, SignInFilterForm

PER_PAGE = 50


def _refuse_unless_reader(request) -> None:
    if not can_read_audit_records(request.user):
        raise PermissionDenied


def _filters(form) -> dict:
    if form.is_bound:
        form.is_valid()  # invalid fields are reported and left out; the others still filter
    return form.filters()


@require_GET
def audit_records(request):
    """R-X.1: each hash chain, its last nightly check and what is broken."""
    _refuse_unless_reader(request)
    return render(request, "housing/audit/records.html", {"chains": selectors.chain_status()})


@require_GET
def sign_in_list(request):
    """R-6, R-38: every sign-in, failed or refused sign-in, second-factor code and sign-out."""
    _refuse_unless_reader(request)
    form = SignInFilterForm(request.GET or None)
    page = Paginator(sign_in_records(**_filters(form)), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "housing/audit/sign_ins.html", {"form": form, "page": page})


@require_GET
def reference_history(request):
    """R-6, R-38: every change to the policy figures, employers, key-enterprise lists, units and staff accounts,
    with each field's value before and after."""
    _refuse_unless_reader(request)
    form = ReferenceFilterForm(request.GET or None)
    changes = selectors.reference_changes(**_filters(form))
    page = Paginator(changes, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "housing/audit/reference_history.html", {
        "form": form, "page": page, "changes": selectors.describe(page.object_list),
        "limit": len(changes) >= selectors.CHANGES_SHOWN})


@require_GET
def personal_data_reads(request):
    """R-6, R-38, R-X.2: who downloaded a dossier, a material or objection evidence, or searched by ID number."""
    _refuse_unless_reader(request)
    form = ReadFilterForm(request.GET or None)
    page = Paginator(selectors.personal_data_reads(**_filters(form)), PER_PAGE).get_page(request.GET.get("page"))
    units = dict(UnitCode.choices)
    for read in page.object_list:
        read.unit_label = units.get(read.actor_unit, read.actor_unit)
    return render(request, "housing/audit/reads.html", {"form": form, "page": page})
