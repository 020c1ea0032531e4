"""Formal review, substantive review and recheck (R-39.3, R-39.4, R-39.5): each records its findings item by item
and moves the application in the same transaction."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from housing.cases.checklists import MATERIALS, REQUIRED
from housing.exceptions import InvalidInput
from housing.models import Application, ConditionDecision, FormalReview, RecheckResult
from housing.rules.catalogue import CONDITIONS, CONDITIONS_BY_GROUP, RECHECK_ITEMS
from housing.review.selectors import pre_decisions
from housing.verification.selectors import recheck_facts
from housing.cases.workflow import require_duty, take_step
from housing.cases.written_notices import supplement_default


def conclude_formal_review(*, actor, application: Application, expected_version: int, items: dict[str, bool],
                           note: str = "", supplement_by: datetime.date | None = None) -> Application:
    """R-39.3: complete → routed to the responsible unit; incomplete → returned naming what is missing, with the
    day by which the supplement is to be handed in (``supplement_by``; SUPPLEMENT_DAYS from today when not given),
    which the written notice states (R-16.d)."""
    require_duty(actor=actor, step="pass_formal_review", application=application)
    required = REQUIRED[application.group]
    missing = [code for code in required if not items.get(code)]
    today = timezone.localdate()
    if missing and supplement_by is not None and supplement_by < today:
        raise InvalidInput(_("The review was not concluded; correct the supplement deadline."), field_errors={
            "supplement_by": [_("The supplement deadline cannot be in the past: choose %(today)s or a later day.")
                              % {"today": today.isoformat()}]})

    def record(locked):
        # an item passes only with a file; checked under the lock, after the version (a file handed in
        # meanwhile makes the page stale first).
        unfiled = items_without_file(locked, {code: bool(items.get(code)) for code in required})
        if unfiled:
            raise InvalidInput(_("The review was not concluded: an item without a file cannot be passed."),
                               field_errors={code: [_(
                                   "“%(item)s” cannot be passed: no file was handed in for it. Hand in the file "
                                   "first, or leave the item unticked to return the application for supplement.")
                                   % {"item": MATERIALS[code]}] for code in unfiled})
        FormalReview.objects.create(
            application=locked, items={code: bool(items.get(code)) for code in required}, complete=not missing,
            note=note, reviewed_by=actor, reviewed_at=timezone.now(),
        )
        return {"missing": missing}

    if missing:
        reason = _("Missing or incomplete: %(items)s.") % {"items": "; ".join(str(MATERIALS[c]) for c in missing)}
        if note:
            reason = f"{reason} {note}"
        deadline = supplement_by or supplement_default(today)
        return take_step(actor=actor, application=application, step="return_for_supplement",
                         expected_version=expected_version, reason=reason, articles=["R-16.2", "R-39.3"],
                         payload={"supplement_by": deadline.isoformat(), "note": note}, record=record)
    return take_step(actor=actor, application=application, step="pass_formal_review",
                     expected_version=expected_version, reason=note, articles=["R-16.2", "R-39.3"], record=record)


def items_with_file(application: Application) -> set[str]:
    """The checklist items for which at least one file was handed in."""
    return set(application.documents.values_list("kind", flat=True))


def items_without_file(application: Application, items: dict[str, bool]) -> list[str]:
    """R-39.3: the items ticked as present for which no file was handed in; none of them may pass."""
    filed = items_with_file(application)
    return [code for code, present in items.items() if present and code not in filed]


def failed_conditions(application: Application, decisions: dict) -> list[str]:
    """The conditions of the group decided as failed, in the group's order: any one refuses (R-16.3)."""
    return [cid for cid in CONDITIONS_BY_GROUP[application.group] if decisions.get(cid, (None, ""))[0] is False]


def conclude_substantive_review(*, actor, application: Application, expected_version: int,
                                decisions: dict[str, tuple[bool | None, str]], reason: str = "",
                                override_reasons: dict[str, str] | None = None) -> Application:
    """R-39.4: every condition of the group decided with evidence; any failure refuses, citing it (R-16.d).

    The eligibility engine pre-decides each condition from the recorded facts, here on the server (nothing
    posted stands in for it). A decision that differs from the engine's is an override and needs its own
    written reason (``override_reasons[cid]``); on a condition the engine left undecided the evidence is the
    reason. Each decision keeps the engine's verdict, its message and the policy version; the history row
    lists the overrides.
    """
    require_duty(actor=actor, step="approve_eligibility", application=application)
    override_reasons = {cid: (text or "").strip() for cid, text in (override_reasons or {}).items()}
    wanted = CONDITIONS_BY_GROUP[application.group]
    engine = pre_decisions(application)
    errors = {}
    for cid in wanted:
        passed, evidence = decisions.get(cid, (None, ""))
        if passed is None:
            errors[cid] = [_("Decide this condition before concluding the review.")]
        elif not (evidence or "").strip():
            errors[cid] = [_("Record the evidence this decision rests on.")]
        engine_passed = engine.get(cid).passed
        if passed is not None and engine_passed is not None and passed != engine_passed \
                and not override_reasons.get(cid):
            errors[override_key(cid)] = [_("Your decision differs from the eligibility check's; give the reason "
                                           "for overriding it (Art. 39(4)).")]
    failed = failed_conditions(application, decisions)
    if failed and not reason.strip():
        errors["reason"] = [_("A refusal gives its reason in plain words.")]
    if errors:
        raise InvalidInput(_("The review was not concluded; correct the marked conditions."), field_errors=errors)

    rows = []
    for cid in wanted:
        passed, evidence = decisions[cid]
        verdict = engine.get(cid)
        overridden = verdict.passed is not None and passed != verdict.passed
        rows.append({"cid": cid, "passed": passed, "evidence": evidence.strip(), "engine": verdict,
                     "overridden": overridden, "override_reason": override_reasons.get(cid, "") if overridden else ""})

    def record(locked):
        now = timezone.now()
        ConditionDecision.objects.filter(application=locked).delete()
        ConditionDecision.objects.bulk_create(
            ConditionDecision(application=locked, condition_id=row["cid"], passed=row["passed"],
                              evidence=row["evidence"], engine_passed=row["engine"].passed,
                              engine_message=row["engine"].record, overridden=row["overridden"],
                              override_reason=row["override_reason"], policy_version=engine.policy_version,
                              decided_by=actor, decided_at=now)
            for row in rows
        )
        return {
            "failed": failed,
            "policy_version": engine.policy_version,
            "engine_undecided": [row["cid"] for row in rows if row["engine"].passed is None],
            "overrides": [{"condition": row["cid"], "engine_passed": row["engine"].passed, "passed": row["passed"],
                           "reason": row["override_reason"]} for row in rows if row["overridden"]],
        }

    if failed:
        cited = "; ".join(f"{cid} {CONDITIONS[cid]}" for cid in failed)
        return take_step(actor=actor, application=application, step="refuse", expected_version=expected_version,
                         reason=f"{reason.strip()} ({cited})", articles=failed, record=record)
    return take_step(actor=actor, application=application, step="approve_eligibility",
                     expected_version=expected_version, reason=reason, articles=["R-16.3", "R-39.4"], record=record)


def override_key(cid: str) -> str:
    """The field-error key of a condition's override reason."""
    return f"{cid}.override_reason"


def conclude_recheck(*, actor, application: Application, expected_version: int,
                     results: dict[str, tuple[bool | None, str]], reason: str = "") -> Application:
    """R-16.4, R-39.5: every fact verified with its agency; one untrue fact removes the application.

    R-14: where the agency asked has answered a fact, its answer is read here on the server; a result that departs
    from it needs the fact's note as the reason (an override is never silent). A fact without an answer is
    concluded by hand, as before (docs/decisions/0034-agency-verification.md)."""
    require_duty(actor=actor, step="pass_recheck", application=application)
    answered = {item: fact.answer for item, fact in recheck_facts(application).items() if fact.answer is not None}
    errors = {}
    for item in RECHECK_ITEMS:
        verified, note = results.get(item, (None, ""))
        if verified is None:
            errors[item] = [_("Record the verification result of this fact.")]
        elif item in answered and verified != answered[item].confirmed and not (note or "").strip():
            errors[item] = [_("The agency answered otherwise; give your reason for departing from its answer in "
                              "the note (Art. 14).")]
    untrue = [item for item in RECHECK_ITEMS if results.get(item, (None, ""))[0] is False]
    if untrue and not reason.strip():
        errors["reason"] = [_("A removal gives its reason in plain words.")]
    if errors:
        raise InvalidInput(_("The recheck was not concluded; correct the marked facts."), field_errors=errors)

    def record(locked):
        now = timezone.now()
        RecheckResult.objects.filter(application=locked).delete()
        RecheckResult.objects.bulk_create(
            RecheckResult(application=locked, item=item, verified=results[item][0], agency=RECHECK_ITEMS[item][1],
                          note=_recheck_note(results[item][1], answered.get(item)), checked_by=actor, checked_at=now)
            for item in RECHECK_ITEMS
        )
        return {"untrue": untrue,
                "agency_answers": {item: {"answer": a.pk, "confirmed": a.confirmed, "reference": a.reference}
                                   for item, a in answered.items()},
                "overrides": [item for item, a in answered.items() if results[item][0] != a.confirmed]}

    if untrue:
        names = "; ".join(str(RECHECK_ITEMS[i][0]) for i in untrue)
        return take_step(actor=actor, application=application, step="remove_at_recheck",
                         expected_version=expected_version, reason=f"{reason.strip()} ({names})",
                         articles=["R-16.4", "R-39.5"], record=record)
    return take_step(actor=actor, application=application, step="pass_recheck", expected_version=expected_version,
                     reason=reason, articles=["R-16.4", "R-39.5"], record=record)


def _recheck_note(note: str, answer) -> str:
    """The clerk's note, or, on a fact the agency answered, the reference of its answer (R-14)."""
    note = (note or "").strip()
    if answer is None:
        return note
    source = _("Agency reference %(reference)s.") % {"reference": answer.reference}
    return f"{source} {note}" if note else source
