"""Objections and inquiries online, following them, and the applicant's status lookup (R-16.5, R-16.6, R-16.d).

Public and anonymous, rate-limited per client (publicity.online.ratelimit), never cached: the forms carry a CSRF
token and the answers concern one person. What they show is what publicity.online.selectors hands out: masked
names, no ID number.
"""

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from departments.network import client_ip
from housing.exceptions import ApplicationError
from housing.web.errors import run_service
from publicity.online import selectors as selectors_online
from publicity.online.forms import (ContactCodeForm, FilingLookupForm, OnlineInquiryForm, OnlineObjectionForm,
                                    StatusLookupForm)
from publicity.models import Inquiry, Objection
from publicity.online.contacts import mask_contact, normalise_contact
from publicity.online.ratelimit import blocked, hit, rate_limited, too_many
from publicity.selectors import get_notice_or_404
from publicity.services import check_notice_period
from publicity.online.services import (check_inquiry_period, file_inquiry_online, file_objection_online,
                                       send_objection_code, warn_of_failed_lookups)

RECEIPT_SALT = "publicity.filing-receipt"
RECEIPT_MAX_AGE = 24 * 3600  # the receipt page can be reloaded and printed for a day


def _period_refusal(notice, *, inquiry: bool) -> str:
    """The refusal a filing outside the notice's period gets, naming the period ("" inside it)."""
    try:
        (check_inquiry_period if inquiry else check_notice_period)(notice)
    except ApplicationError as exc:
        return str(exc.message)
    return ""


def _linked_entry(request, notice, entries) -> dict:
    """The entry the notice's "Object to …" link names (``?entry=<application number>``), chosen in advance."""
    number = (request.GET.get("entry") or "").strip()
    if not number:
        return {}
    application_id = notice.entries.filter(number=number).values_list("id", flat=True).first()
    position = next((e.position for e in entries if e.application_id == application_id), None)
    return {"entry": position} if position is not None else {}


def _file(request, pk: int, *, inquiry: bool):
    notice = get_notice_or_404(pk)
    entries = selectors_online.notice_entries(notice)
    form_class = OnlineInquiryForm if inquiry else OnlineObjectionForm
    template = "publicity/inquiry_file.html" if inquiry else "publicity/objection_file.html"
    refusal = _period_refusal(notice, inquiry=inquiry)
    status = 200
    code_form, code_sent_to = None, ""
    if not inquiry:
        code_form = ContactCodeForm(prefix="code")
        if request.method == "POST" and request.POST.get("action") == "send_code":
            return _send_code(request, notice, entries, refusal)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, entries=entries)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if inquiry:
                filed, status = run_service(form, lambda: file_inquiry_online(
                    notice=notice, application_id=form.application_id(), asker_name=data["asker_name"],
                    asker_contact=data["asker_contact"], question=data["question"]))
            else:
                # Every objection freezes or adds to an entry: however many addresses they come from, an
                # entry and a notice take only so many a day or an hour (docs/decisions/0028). Only objections
                # filed count, so wrong codes cannot use up an entry's allowance (decision 0035).
                entry_key = str(form.application_id())
                retry_after = blocked("objection_entry", entry_key) or blocked("objection_notice", str(notice.pk))
                if retry_after is not None:
                    return too_many(request, retry_after)
                filed, status = run_service(form, lambda: file_objection_online(
                    notice=notice, application_id=form.application_id(), objector_name=data["objector_name"],
                    objector_contact=data["objector_contact"], reasons=data["reasons"],
                    verification_code=data["verification_code"], evidence=data.get("evidence")))
                if filed is not None:
                    hit("objection_entry", entry_key)
                    hit("objection_notice", str(notice.pk))
            if filed is not None:
                token = signing.dumps(filed.receipt_number, salt=RECEIPT_SALT)
                return redirect("publicity:filing_receipt", token=token)
    else:
        form = form_class(entries=entries, initial=_linked_entry(request, notice, entries))
    return render(request, template, {"notice": notice, "form": form, "refusal": refusal, "code_form": code_form,
                                      "code_sent_to": code_sent_to}, status=status)


def _send_code(request, notice, entries, refusal):
    """R-16.6: send the code that proves the objector's contact; the page again, the contact filled in below.

    Limited per address and per contact (settings.PUBLIC_RATE_LIMITS), so the form cannot be used to flood a
    telephone or a mailbox."""
    code_form = ContactCodeForm(request.POST, prefix="code")
    status, code_sent_to, initial = 400, "", {}
    if code_form.is_valid():
        typed = code_form.cleaned_data["objector_contact"]
        retry_after = (hit("contact_code_ip", client_ip(request))
                       or hit("contact_code", normalise_contact(typed) or typed.strip()))
        if retry_after is not None:
            return too_many(request, retry_after)
        sent, status = run_service(code_form, lambda: send_objection_code(notice=notice, objector_contact=typed))
        if sent is not None:
            code_sent_to, initial = mask_contact(sent), {"objector_contact": sent}
    form = OnlineObjectionForm(entries=entries, initial={**_linked_entry(request, notice, entries), **initial})
    return render(request, "publicity/objection_file.html", {
        "notice": notice, "form": form, "refusal": refusal, "code_form": code_form, "code_sent_to": code_sent_to,
    }, status=status)


def _filed(request) -> bool:
    """A submission that files something (asking for a code has limits of its own)."""
    return request.method == "POST" and request.POST.get("action") != "send_code"


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("filing", when=_filed)
def objection_file(request, pk: int):
    """R-16.6: an objection to a named entry, with reasons and optional evidence; it freezes the entry."""
    return _file(request, pk, inquiry=False)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("filing")
def inquiry_file(request, pk: int):
    """R-16.5: a question about the notice or one of its entries."""
    return _file(request, pk, inquiry=True)


@login_not_required
@never_cache
@require_safe
def filing_receipt(request, token: str):
    """The receipt to print or note down: reachable only through the signed link the filing redirected to."""
    try:
        receipt = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404("No such receipt")
    filing = (Objection.objects.select_related("notice__round").filter(receipt_number=receipt).first()
              or Inquiry.objects.select_related("notice__round").filter(receipt_number=receipt).first())
    if filing is None:
        raise Http404("No such receipt")
    entry = (selectors_online.entry_of_application(filing.notice, filing.application_id)
             if filing.application_id else None)
    return render(request, "publicity/filing_receipt.html", {
        "filing": filing, "is_objection": isinstance(filing, Objection), "entry": entry,
    })


def _lookup_submitted(request) -> bool:
    return "receipt" in request.GET


@login_not_required
@never_cache
@require_safe
@rate_limited("lookup", when=_lookup_submitted)
def objection_lookup(request):
    """Follow an objection or inquiry by its receipt number and the contact given with it.

    A wrong pair answers exactly like an unknown receipt number, so neither can be probed (no enumeration).
    """
    form = FilingLookupForm(request.GET if _lookup_submitted(request) else None)
    result, not_found = None, False
    if form.is_bound and form.is_valid():
        result = selectors_online.filing_status(form.cleaned_data["receipt"], form.cleaned_data["contact"])
        not_found = result is None
    return render(request, "publicity/objection_lookup.html",
                  {"form": form, "result": result, "not_found": not_found})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("status")
def status_lookup(request):
    """R-16.d: the applicant's own application: its stage in plain words, what to do next, any deadline.

    POST only, so the ID number stays out of addresses and server logs. It asks for the ID number and the lookup
    code of the receipt (docs/decisions/0028). A wrong number, ID number or code gives one message; once an
    application number has had its limit of failures, every lookup of it is refused until the window ends, the
    right answer included, however many addresses the guesses came from.
    """
    result, not_found = None, False
    if request.method == "POST":
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            number = form.cleaned_data["application_number"].strip().upper()
            retry_after = blocked("status_number", number)
            if retry_after is not None:
                return too_many(request, retry_after)
            result = selectors_online.applicant_status(number, form.cleaned_data["id_number"],
                                                       form.cleaned_data["lookup_code"])
            if result is None:
                hit("status_number", number)
                retry_after = blocked("status_number", number)
                if retry_after is not None:  # this failure used up the number's limit: its applicant is told
                    warn_of_failed_lookups(number=number, retry_after=retry_after)
                not_found = True
    else:
        form = StatusLookupForm()
    return render(request, "publicity/status_lookup.html", {"form": form, "result": result, "not_found": not_found})
