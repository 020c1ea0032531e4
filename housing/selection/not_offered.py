"""Running out of quota or homes is not a give-up (R-16.8c, R-17, SPEC §13; docs/decisions/0040).

A household called in its turn when no home can be offered to it — its employer's quota for the round is used up
(R-17), or no available home of its form and of a type its size allows is left (R-16.8c) — has not given up
(弃选): it was not offered anything. It is recorded as "not offered" with its reason, in its history, moves on in
the session like a household that had its turn, keeps its stage and its notice, and counts nothing towards the
give-up limit (SPEC §13). It is called again in a later session, when homes come back to the stock.
"""

from django.db import transaction

from housing.cases.workflow import record_event, require_duty
from housing.exceptions import NotPermitted
from housing.models import Application, SelectionSession
from housing.office.log import require_office_duty

NOT_OFFERED_EVENT = "not_offered"
NO_HOME, EMPLOYER_QUOTA = "no_home", "employer_quota"


def not_offered_in(session: SelectionSession):
    """The applications recorded as not offered in this session."""
    return Application.objects.filter(history__event=NOT_OFFERED_EVENT, history__payload__session=session.pk)


@transaction.atomic
def record_not_offered(*, actor, session: SelectionSession, application: Application, expected_version: int,
                       why: tuple[str, str], note: str = "") -> Application:
    """R-16.8c, R-17: the called household could not be offered a home; ``why`` from
    ``housing.selection.services.why_not_offered``."""
    require_office_duty(actor, "run_selection", NotPermitted.default_message)
    require_duty(actor=actor, step="record_selection", application=application)
    code, reason = why
    done = record_event(actor=actor, application=application, duty="record_selection", event=NOT_OFFERED_EVENT,
                        expected_version=expected_version,
                        reason=" ".join(part for part in (reason, (note or "").strip()) if part),
                        articles=["R-16.8c", "R-17"], payload={"session": session.pk, "reason": code})
    SelectionSession.objects.filter(pk=session.pk, current_id=application.pk).update(current=None)
    return done


def was_not_offered(application: Application, session: SelectionSession) -> bool:
    return not_offered_in(session).filter(pk=application.pk).exists()
