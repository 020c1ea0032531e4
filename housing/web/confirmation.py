"""Confirming an act that publishes, pays, ends a tenancy or cannot be undone, before it happens.

The first POST of such an act (the button on the page the clerk is on) does nothing but show a confirmation
page that states what will happen with its numbers — entries, amounts, dates, who is affected — as the
chapter's selectors compute them. The page posts the same fields again with ``confirmed=yes`` and the digest
of what it showed. Only that second POST performs the act, and only if the chapter's selector, run again,
still describes exactly what was shown: a stale confirmation (the batch gained a payment, the list changed)
is refused and the new state is shown to confirm afresh. A POST without the confirmation never acts, with
or without JavaScript. Where the user filled in a form for the act, the page also offers "change what I
entered": it posts the fields back with ``revise=yes`` and the view shows its form again as it was filled in.

A view uses it like this::

    result, status, page = confirmation.run_confirmed(
        request, form, statement=batch_step_confirmation(batch, "approve"), act=act, cancel_url=batch_url)
    if page is not None:
        return page     # the statement to confirm (afresh, 409, when what it states changed)
    ...                 # result: what the act returned, or None when refused as the act refuses (error on ``form``)
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.shortcuts import render

from housing.web.errors import run_service

CONFIRM_FIELD = "confirmed"
DIGEST_FIELD = "shown"
# The confirmation's "change what I entered" button: back to the act's form as it was filled in, nothing done.
REVISE_FIELD = "revise"
# Never echoed back into the confirmation form.
NOT_ECHOED = {"csrfmiddlewaretoken", CONFIRM_FIELD, DIGEST_FIELD, REVISE_FIELD}


@dataclass
class Confirmation:
    """What the act will do, in the user's language, and the plain data it is computed from.

    ``basis`` is what the digest covers: the state the statement describes (ids, versions, amounts, dates).
    It must change whenever the statement would, and it must not depend on the language shown.
    """

    title: str
    lead: str
    confirm_label: str
    basis: object
    facts: list[tuple[str, str]] = field(default_factory=list)
    consequences: list[str] = field(default_factory=list)
    table_caption: str = ""
    table_headers: list[str] = field(default_factory=list)
    table_rows: list[list[str]] = field(default_factory=list)
    numeric_columns: frozenset = frozenset()
    # A text that will be published as it stands (a supply notice), shown with its line breaks under its caption.
    quoted_caption: str = ""
    quoted: str = ""
    # Fields of the act's form that the statement fixes (e.g. the record's version): a confirmation shown
    # afresh posts these current values, so that confirming it acts on what it states.
    fields: dict = field(default_factory=dict)

    @property
    def digest(self) -> str:
        canonical = json.dumps(self.basis, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def is_confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes" and not is_revised(request)


def is_revised(request) -> bool:
    return request.method == "POST" and request.POST.get(REVISE_FIELD) == "yes"


def is_revisable(form) -> bool:
    """An act whose form the user filled in (not only the record's version): its confirmation offers to go back
    to that form as it was filled in, rather than only to cancel and type it all again."""
    return bool(set(form.fields) - {"version"})


def is_stale(request, confirmation: Confirmation) -> bool:
    """A confirmation posted for something else than what ``confirmation`` states now."""
    return is_confirmed(request) and request.POST.get(DIGEST_FIELD, "") != confirmation.digest


def echoed_fields(request, confirmation: Confirmation) -> list[tuple[str, str]]:
    """The fields of the first POST, to be posted again with the confirmation (the fixed ones as they are now)."""
    fixed = {name: str(value) for name, value in confirmation.fields.items()}
    echoed = [(name, value) for name, values in request.POST.lists()
              if name not in NOT_ECHOED and name not in fixed for value in values]
    return echoed + list(fixed.items())


def page(request, confirmation: Confirmation, *, cancel_url: str, stale: bool = False, status: int = 200,
         revisable: bool = False):
    return render(request, "housing/confirmation.html", {
        "revise_field": REVISE_FIELD if revisable else "",
        "confirmation": confirmation,
        "echoed": echoed_fields(request, confirmation),
        "action": request.path,
        "cancel_url": cancel_url,
        "stale": stale,
        "confirm_field": CONFIRM_FIELD,
        "digest_field": DIGEST_FIELD,
    }, status=status)


class _Rehearsed(Exception):
    def __init__(self, result):
        super().__init__()
        self.result = result


def rehearse(act):
    """Run ``act`` in a transaction that is always rolled back, and return what it returned.

    Whatever the act would refuse (permission, stage, input, a stale version) is raised here exactly as the
    act raises it, so the confirmation page is shown only for an act that would succeed, and a refusal
    looks as it did before confirmations existed. Nothing written stays; what the act queues with
    ``on_commit`` (messages, public-page invalidation) is dropped with the rollback. Only for acts whose
    effects outside the database are queued that way (not for the purge, which deletes files).
    """
    try:
        with transaction.atomic():
            raise _Rehearsed(act())
    except _Rehearsed as rehearsed:
        return rehearsed.result


def run_confirmed(request, form, *, statement: Confirmation, act, cancel_url: str, act_as_stated=None):
    """The whole exchange of a confirmed act, for a view that runs its service through ``run_service``.

    Returns ``(result, status, page)``: ``page`` is the confirmation page to return; otherwise ``result`` is
    what the act returned, or None when it was refused (the refusal is on ``form``, with ``status``).
    ``act`` performs the act with the posted data; ``act_as_stated`` (default ``act``) with the fields the
    statement fixes, so that a confirmation shown afresh is checked as it will be confirmed.
    ``statement`` may instead be a function of what the act returned, called inside the rehearsal before it is
    rolled back (e.g. the register entry with its fine and the last day of its ban, as the service computes
    them). Its basis must not contain what differs from one rehearsal to the next (new primary keys, times).
    """
    if is_revised(request):
        # Back to the form as it was filled in: the view shows it again, bound to what was posted; nothing is done.
        return None, 200, None
    revisable = is_revisable(form)
    if callable(statement):
        return _run_stated_from_rehearsal(request, form, describe=statement, act=act, cancel_url=cancel_url,
                                          revisable=revisable)
    stale = is_stale(request, statement)
    if stale or not is_confirmed(request):
        call = act_as_stated if stale and act_as_stated is not None else act
        ok, status = run_service(form, lambda: rehearse(call) or True)
        if ok is None:
            return None, status, None
        return None, status, page(request, statement, cancel_url=cancel_url, stale=stale,
                                  status=409 if stale else 200, revisable=revisable)
    result, status = run_service(form, act)
    return result, status, None


def _run_stated_from_rehearsal(request, form, *, describe, act, cancel_url, revisable):
    # Described inside the rehearsal, so the statement reads the records as the act leaves them.
    rehearsed, status = run_service(form, lambda: (rehearse(lambda: describe(act())),))
    if rehearsed is None:
        return None, status, None
    statement = rehearsed[0]
    if not is_confirmed(request):
        return None, status, page(request, statement, cancel_url=cancel_url, revisable=revisable)
    if is_stale(request, statement):
        return None, status, page(request, statement, cancel_url=cancel_url, stale=True, status=409,
                                  revisable=revisable)
    result, status = run_service(form, act)
    return result, status, None
