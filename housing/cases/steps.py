"""The steps of SPEC §5 that move only the application: resubmission, proposal, withdrawal (thin services over
``take_step``). The steps that also touch a home, a contract or a subsidy live in their chapters."""

from django.utils.translation import gettext as _

from housing.cases.citations import cited
from housing.cases.workflow import require_duty, take_step
from housing.exceptions import InvalidInput
from housing.models import Application


def _need_reason(reason: str, article: str) -> None:
    if not (reason or "").strip():
        raise InvalidInput(_("Give the reason in plain words (%(article)s).") % {"article": cited(article)},
                           field_errors={"reason": [_("This field is required.")]})


def resubmit_application(*, actor, application: Application, expected_version: int, note: str = "") -> Application:
    """R-16.2: the applicant handed in the supplement."""
    return take_step(actor=actor, application=application, step="resubmit", expected_version=expected_version,
                     reason=note)


def propose_application(*, actor, application: Application, expected_version: int, rank: int | None = None,
                        note: str = "") -> Application:
    """R-16.3: onto the proposed list sent to the CCB."""
    def record(locked):
        locked.proposed_rank = rank
        return {"rank": rank}

    return take_step(actor=actor, application=application, step="propose", expected_version=expected_version,
                     reason=note, record=record)


def withdraw_application(*, actor, application: Application, expected_version: int, reason: str) -> Application:
    """R-16.b: the applicant's written withdrawal; the record stays."""
    require_duty(actor=actor, step="withdraw", application=application)
    _need_reason(reason, "R-16.b")
    return take_step(actor=actor, application=application, step="withdraw", expected_version=expected_version,
                     reason=reason)
