"""R-14: the CCB asks the verifying agencies; each agency answers the facts it answers for and stands by its answer.

Requests are opened by the CCB clerk from the recheck page (R-39.5), once per application and agency: opening
again adds nothing. An answer is written once and never changed; a correction is a new answer that supersedes the
earlier one and gives its reason (docs/decisions/0034-agency-verification.md).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.models import Unit
from housing.cases.workflow import require_duty
from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed
from housing.models import Application, VerificationAnswer, VerificationRequest
from housing.office.log import record_action, require_office_duty
from housing.stages import Stage
from housing.verification.facts import DEADLINE_DAYS, due_on, fact_label, items_by_agency

DUTY = "answer_verification"
REFERENCE_MAX = 60


@dataclass(frozen=True)
class Answer:
    """One fact as the agency answers it: ``confirmed`` True (true as declared) or False (not true)."""

    confirmed: bool | None
    reference: str = ""
    remarks: str = ""


def require_agency(actor) -> None:
    require_office_duty(actor, DUTY, _("Only the verifying agencies answer verification requests (Art. 14)."))


# --- the CCB opens the requests ------------------------------------------------------------------------------

@transaction.atomic
def open_verification_requests(*, actor, application: Application) -> list[VerificationRequest]:
    """R-14, R-39.5: one request per agency that answers for a fact of the recheck; the ones already open are kept
    as they are. Returns the requests created now (none when every agency was asked already)."""
    require_duty(actor=actor, step="pass_recheck", application=application)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.stage != Stage.PROPOSED:
        raise StageNotAllowed(_("Verification is requested during the recheck, while the application is on the "
                                "proposed list."))
    existing = set(VerificationRequest.objects.filter(application=locked).values_list("agency__code", flat=True))
    units = {u.code: u for u in Unit.objects.filter(code__in=items_by_agency())}
    now = timezone.now()
    today = timezone.localdate(now)
    created = []
    for code, items in items_by_agency().items():
        if code in existing:
            continue
        request = VerificationRequest.objects.create(
            application=locked, agency=units[code], items=items, due_on=due_on(today), deadline_days=DEADLINE_DAYS,
            opened_by=actor, opened_at=now)
        record_action(actor=actor, action="verification_requested", obj=request, article="R-14, R-39.5",
                      summary=_("Verification of %(facts)s requested from %(agency)s for %(number)s, due by "
                                "%(due)s.") % {"facts": "; ".join(str(fact_label(i)) for i in items),
                                               "agency": units[code], "number": locked.number,
                                               "due": request.due_on.isoformat()},
                      data={"application": locked.number, "agency": code, "items": items,
                            "due_on": request.due_on, "deadline_days": DEADLINE_DAYS})
        created.append(request)
    return created


# --- the agency answers --------------------------------------------------------------------------------------

def _lock_request(actor, request_id: int) -> VerificationRequest:
    request = (VerificationRequest.objects.select_for_update(of=("self",)).select_related("application", "agency")
               .filter(pk=request_id).first())
    # Another agency's request is refused exactly like a missing one (R-X.2).
    if request is None or request.agency_id != actor.unit_id:
        raise NotPermitted(_("No such verification request for your agency."), article="R-14")
    if request.application.stage != Stage.PROPOSED:
        raise StageNotAllowed(_("The City Construction Bureau has concluded the recheck of this application; no answer is needed any more."
                                ""))
    return request


def current_answers(request: VerificationRequest) -> dict[str, VerificationAnswer]:
    """The answer in force for each fact: the last of its chain of corrections."""
    return {a.item: a for a in VerificationAnswer.objects.filter(request=request, correction__isnull=True)}


def check_answer(answer: Answer, *, item: str, errors: dict, prefix: str = "") -> None:
    """The checks of one answer, the same on the page and in the answers file; ``errors`` collects them by field."""
    if answer.confirmed is None:
        errors.setdefault(f"{prefix}confirmed_{item}", []).append(
            _("Say whether the fact is true as declared."))
    reference = (answer.reference or "").strip()
    if not reference:
        errors.setdefault(f"{prefix}reference_{item}", []).append(
            _("Give the reference number of your agency's record."))
    elif len(reference) > REFERENCE_MAX:
        errors.setdefault(f"{prefix}reference_{item}", []).append(
            _("A reference number has at most %(max)s characters.") % {"max": REFERENCE_MAX})


def _answer_row(*, actor, request: VerificationRequest, item: str, answer: Answer, source: str, at,
                supersedes: VerificationAnswer | None = None, reason: str = "") -> VerificationAnswer:
    return VerificationAnswer(
        request=request, item=item, confirmed=answer.confirmed, reference=answer.reference.strip(),
        remarks=(answer.remarks or "").strip(), stands_by=True, answered_by=actor, answered_at=at, source=source,
        supersedes=supersedes, correction_reason=reason.strip())


def _close_complete(requests: list[VerificationRequest], at) -> None:
    """Mark answered in full the requests whose every fact now has an answer (one read, one write)."""
    got: dict[int, set] = {}
    for request_id, item in VerificationAnswer.objects.filter(request__in=requests).values_list("request_id", "item"):
        got.setdefault(request_id, set()).add(item)
    done = [r for r in requests if r.answered_at is None and set(r.items) <= got.get(r.pk, set())]
    VerificationRequest.objects.filter(pk__in=[r.pk for r in done]).update(answered_at=at)
    for request in done:
        request.answered_at = at


def record_answers(*, actor, answers: list[tuple[VerificationRequest, str, Answer]], source: str) -> list:
    """Write the first answers of locked requests (the caller checked duty, scope and input), in one INSERT per
    batch. Returns the rows."""
    at = timezone.now()
    rows = VerificationAnswer.objects.bulk_create(
        [_answer_row(actor=actor, request=request, item=item, answer=answer, source=source, at=at)
         for request, item, answer in answers], batch_size=500)
    _close_complete(list({request.pk: request for request, _item, _answer in answers}.values()), at)
    return rows


@transaction.atomic
def answer_verification_request(*, actor, request_id: int, answers: dict[str, Answer],
                                 stands_by: bool) -> VerificationRequest:
    """R-14: the agency answers some or all of the facts not answered yet, each with its reference number, and its
    officer states that the agency stands by the answers. A fact already answered is corrected, not answered again."""
    require_agency(actor)
    request = _lock_request(actor, request_id)
    answered = current_answers(request)
    errors: dict[str, list] = {}
    given = {item: a for item, a in answers.items() if item in request.items and item not in answered
             and (a.confirmed is not None or (a.reference or "").strip() or (a.remarks or "").strip())}
    for item, answer in given.items():
        check_answer(answer, item=item, errors=errors)
    if not given and not errors:
        raise InvalidInput(_("Answer at least one fact."))
    if not stands_by:
        errors["stands_by"] = [_("Confirm that your agency stands by these answers (Art. 14).")]
    if errors:
        raise InvalidInput(_("Nothing was recorded; correct the marked facts."), field_errors=errors)
    rows = record_answers(actor=actor, answers=[(request, item, given[item]) for item in request.items
                                                if item in given], source=VerificationAnswer.Source.PAGE)
    record_action(actor=actor, action="verification_answered", obj=request, article="R-14",
                  summary=_("%(agency)s answered %(facts)s for %(number)s.") % {
                      "agency": request.agency, "number": request.application.number,
                      "facts": "; ".join(f"{fact_label(r.item)}: {_answer_word(r.confirmed)} ({r.reference})"
                                         for r in rows)},
                  data={"answers": {r.item: {"confirmed": r.confirmed, "reference": r.reference, "id": r.pk}
                                    for r in rows}, "stands_by": True})
    return request


@transaction.atomic
def correct_verification_answer(*, actor, request_id: int, item: str, answer: Answer, reason: str,
                                stands_by: bool) -> VerificationAnswer:
    """R-14: a new answer that supersedes the one in force, with the reason; the earlier answer is kept as given."""
    require_agency(actor)
    request = _lock_request(actor, request_id)
    previous = current_answers(request).get(item)
    if previous is None:
        raise InvalidInput(_("This fact has no answer to correct yet; answer it instead."))
    errors: dict[str, list] = {}
    check_answer(answer, item=item, errors=errors)
    if not (reason or "").strip():
        errors["reason"] = [_("Say why the earlier answer is corrected.")]
    if not stands_by:
        errors["stands_by"] = [_("Confirm that your agency stands by this answer (Art. 14).")]
    if errors:
        raise InvalidInput(_("Nothing was recorded; correct the marked fields."),
                           field_errors={key.removesuffix(f"_{item}"): value for key, value in errors.items()})
    row = _answer_row(actor=actor, request=request, item=item, answer=answer, source=VerificationAnswer.Source.PAGE,
                      at=timezone.now(), supersedes=previous, reason=reason)
    row.save()
    record_action(actor=actor, action="verification_corrected", obj=request, article="R-14",
                  summary=_("%(agency)s corrected its answer on %(fact)s for %(number)s: %(answer)s (%(reference)s). "
                            "Reason: %(reason)s") % {
                      "agency": request.agency, "fact": fact_label(item), "number": request.application.number,
                      "answer": _answer_word(row.confirmed), "reference": row.reference, "reason": reason.strip()},
                  data={"item": item, "supersedes": previous.pk, "id": row.pk, "confirmed": row.confirmed,
                        "reference": row.reference, "reason": reason.strip(), "stands_by": True})
    return row


def _answer_word(confirmed: bool) -> str:
    return _("true as declared") if confirmed else _("not true")
