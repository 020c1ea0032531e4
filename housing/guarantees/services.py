"""R-3.2: a head of the CCB resolves a flagged set: keeps one application and withdraws the others, or records why
all of them stand. Every resolution is in each application's history and in the staff actions (R-6, R-38)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from housing.cases.history import append_history
from housing.cases.workflow import lock_application, take_step
from housing.exceptions import InvalidInput, StageNotAllowed
from housing.guarantees.selectors import OPEN_STAGES
from housing.models import Application, FlaggedSet
from housing.office.log import record_action, require_office_duty

DUTY = "resolve_flagged_set"


def resolve_flagged_set(*, actor, flagged_set: FlaggedSet, outcome: str, reason: str,
                        kept: Application | None = None) -> FlaggedSet:
    """``outcome`` KEEP_ONE withdraws every open application of the set but ``kept`` (R-16.b); BOTH_STAND changes
    no application. A home or a subsidy is not ended here: it ends through its own chapter (R-32, R-33)."""
    require_office_duty(actor, DUTY, _("Only a head of the City Construction Bureau resolves a flagged set "
                                       "(%(article)s)."))
    reason = (reason or "").strip()
    errors = {}
    if outcome not in FlaggedSet.Outcome.values:
        errors["outcome"] = [_("Choose a decision.")]
    if not reason:
        errors["reason"] = [_("Give the reason for the decision (Art. 3).")]
    if outcome == FlaggedSet.Outcome.KEEP_ONE and kept is None:
        errors["kept"] = [_("Choose the application that is kept.")]
    if errors:
        raise InvalidInput(_("The flagged set was not resolved; correct the marked fields."), field_errors=errors)
    with transaction.atomic():
        locked = FlaggedSet.objects.select_for_update().get(pk=flagged_set.pk)
        if locked.status != FlaggedSet.Status.OPEN:
            raise StageNotAllowed(_("This flagged set was already resolved."))
        applications = list(locked.applications.order_by("number"))
        withdraw = []
        if outcome == FlaggedSet.Outcome.KEEP_ONE:
            if kept.pk not in {a.pk for a in applications}:
                raise InvalidInput(_("The application kept must be one of the set."),
                                   field_errors={"kept": [_("Choose one of the set's applications.")]})
            for application in applications:
                if application.pk == kept.pk or application.stage not in OPEN_STAGES:
                    continue
                withdraw.append(application)
            blocked = [a.number for a in applications if a.pk != kept.pk and a.stage not in OPEN_STAGES
                       and a.stage in ("contracted", "filed", "subsidy_running")]
            if blocked:
                raise InvalidInput(_("Application %(numbers)s holds a home or a subsidy, which is not withdrawn "
                                     "here: end it under Art. 32 or 33, or keep it.") % {"numbers": ", ".join(blocked)},
                                   field_errors={"kept": [_("Keep the application that holds the guarantee.")]})
        words = {"numbers": ", ".join(a.number for a in applications), "reason": reason}
        for application in withdraw:
            take_step(actor=actor, application=application, step="withdraw", expected_version=application.version,
                      reason=_("Withdrawn: one household, one guarantee (Art. 3). %(reason)s") % words,
                      articles=["R-3.2", "R-16.b"], payload={"flagged_set": locked.pk})
        for application in applications:
            lock_application(application_id=application.pk)
            append_history(application=application, event="flagged_set_resolved", actor=actor, reason=reason,
                           articles=["R-3.2"], payload={
                               "flagged_set": locked.pk, "outcome": outcome,
                               "kept": kept.number if kept is not None else "",
                               "withdrawn": [a.number for a in withdraw],
                               "applications": [a.number for a in applications]})
        locked.status = FlaggedSet.Status.RESOLVED
        locked.outcome = outcome
        locked.kept = kept if outcome == FlaggedSet.Outcome.KEEP_ONE else None
        locked.reason = reason
        locked.resolved_by = actor
        locked.resolved_at = timezone.now()
        locked.save(update_fields=["status", "outcome", "kept", "reason", "resolved_by", "resolved_at"])
        summary = (_("Flagged set of %(numbers)s resolved: %(kept)s kept, the others withdrawn.")
                   % {**words, "kept": kept.number} if outcome == FlaggedSet.Outcome.KEEP_ONE else
                   _("Flagged set of %(numbers)s resolved: all stand. Reason: %(reason)s") % words)
        record_action(actor=actor, action="resolve_flagged_set", obj=locked, article="R-3.2", summary=summary,
                      data={"outcome": outcome, "kept": kept.number if kept is not None else "",
                            "withdrawn": [a.number for a in withdraw], "reason": reason})
    return locked
