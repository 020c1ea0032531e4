"""R-14, R-X.2: what an agency sees of the CCB's requests (its own unit's, and of each only the applicant's name,
the masked ID number and the facts it answers for), and what the CCB's recheck reads from the answers.

A request of another agency answers 404 exactly like a missing one. Fixed queries per page (docs/decisions/0004).
"""

import datetime
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from departments.permissions import may_do
from housing.models import Application, VerificationAnswer, VerificationRequest
from housing.stages import Stage
from housing.verification.facts import fact_label
from publicity.masking import mask_id_number

DUTY = "answer_verification"


@dataclass
class Fact:
    item: str
    label: object
    answer: VerificationAnswer | None = None  # the one in force
    earlier: list = field(default_factory=list)  # the answers it superseded, latest first


@dataclass
class RequestView:
    """A request as its agency sees it: no household data beyond the name and the masked ID number."""

    request: VerificationRequest
    applicant_name: str
    masked_id_number: str
    facts: list[Fact]
    overdue: bool

    @property
    def open_items(self) -> list[Fact]:
        return [f for f in self.facts if f.answer is None]


def is_overdue(request: VerificationRequest, today: datetime.date | None = None) -> bool:
    """Past the last day to answer, with a fact still unanswered."""
    return request.answered_at is None and request.due_on < (today or timezone.localdate())


def open_requests():
    """Requests whose recheck is still to be concluded: once the CCB concludes it, no answer is needed."""
    return VerificationRequest.objects.filter(application__stage=Stage.PROPOSED)


def requests_for_agency(user):
    """The user's agency's requests during recheck, unanswered first by deadline; none for anyone else."""
    if not may_do(user, DUTY):
        return VerificationRequest.objects.none()
    return (open_requests().filter(agency_id=user.unit_id)
            .select_related("application", "agency").order_by("answered_at", "due_on", "id"))


def queue_for_agency(user) -> list[dict]:
    today = timezone.localdate()
    requests = list(requests_for_agency(user))
    answered = {}
    for answer in VerificationAnswer.objects.filter(request__in=requests, correction__isnull=True):
        answered.setdefault(answer.request_id, set()).add(answer.item)
    return [{"request": r, "applicant_name": r.application.applicant_name,
             "masked_id_number": mask_id_number(r.application.applicant_id_number),
             "facts": [fact_label(i) for i in r.items], "answered": len(answered.get(r.pk, ())),
             "overdue": is_overdue(r, today)} for r in requests]


def _facts(request: VerificationRequest) -> list[Fact]:
    by_item: dict[str, list[VerificationAnswer]] = {}
    for answer in request.answers.select_related("answered_by").order_by("-answered_at", "-id"):
        by_item.setdefault(answer.item, []).append(answer)
    facts = []
    for item in request.items:
        chain = by_item.get(item, [])
        current = next((a for a in chain if not _superseded(a, chain)), None)
        facts.append(Fact(item=item, label=fact_label(item), answer=current,
                          earlier=[a for a in chain if a is not current]))
    return facts


def _superseded(answer: VerificationAnswer, chain: list[VerificationAnswer]) -> bool:
    return any(other.supersedes_id == answer.pk for other in chain)


def request_for_agency_or_404(user, pk: int) -> RequestView:
    request = requests_for_agency(user).filter(pk=pk).first()
    if request is None:
        raise Http404("No such verification request")
    application = request.application
    return RequestView(request=request, applicant_name=application.applicant_name,
                       masked_id_number=mask_id_number(application.applicant_id_number), facts=_facts(request),
                       overdue=is_overdue(request))


# --- the CCB's recheck ------------------------------------------------------------------------------------------

@dataclass
class RecheckFact:
    """One fact of the recheck as the agencies left it: answered (with agency and reference) or still pending."""

    item: str
    agency: object  # the Unit asked, or None when no request was opened
    answer: VerificationAnswer | None
    due_on: datetime.date | None
    overdue: bool


def recheck_facts(application: Application) -> dict[str, RecheckFact]:
    """Fact code -> what the agency asked answered, for the facts of a request opened for this application."""
    today = timezone.localdate()
    requests = list(VerificationRequest.objects.filter(application=application).select_related("agency"))
    answers = {(a.request_id, a.item): a
               for a in VerificationAnswer.objects.filter(request__in=requests, correction__isnull=True)}
    out = {}
    for request in requests:
        for item in request.items:
            out[item] = RecheckFact(item=item, agency=request.agency, answer=answers.get((request.pk, item)),
                                    due_on=request.due_on, overdue=is_overdue(request, today))
    return out
