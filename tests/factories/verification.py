"""Verification with the agencies (R-14): an application at recheck with its requests open, and answers given
through the services, as the CCB and the agencies would."""

from housing.models import VerificationRequest
from housing.stages import Stage
from housing.verification import services
from housing.verification.facts import items_by_agency
from tests.factories.applications import ApplicationFactory
from tests.factories.staff import staff
from tests.factories.workflow import advance

AGENCIES = tuple(items_by_agency())  # the agencies that answer for a fact of the recheck


def ccb_clerk():
    return staff("ccb", "clerk")


def agency_clerk(code: str):
    return staff(code, "clerk")


def at_recheck(**fields):
    """An application on the proposed list, awaiting recheck."""
    return advance(ApplicationFactory(**fields), Stage.PROPOSED)


def with_requests(application=None) -> dict[str, VerificationRequest]:
    """The application's requests, opened by the CCB clerk; agency code -> request."""
    application = application or at_recheck()
    services.open_verification_requests(actor=ccb_clerk(), application=application)
    return {r.agency.code: r for r in application.verification_requests.select_related("agency")}


def answer_all(request: VerificationRequest, *, confirmed: bool = True, reference: str = "HC-2026-001",
               actor=None) -> VerificationRequest:
    """Every fact of the request answered the same way, by the agency's clerk, who stands by it."""
    return services.answer_verification_request(
        actor=actor or agency_clerk(request.agency.code), request_id=request.pk,
        answers={item: services.Answer(confirmed=confirmed, reference=reference) for item in request.items},
        stands_by=True)
