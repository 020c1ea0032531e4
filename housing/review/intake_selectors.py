"""What the intake page and the intake receipt (受理回执) read (R-12.2, R-16.2; decision 0044)."""

from django.utils import timezone

from departments.models import Unit
from housing.cases.checklists import HINTS, MATERIALS, OPTIONAL, REQUIRED, groups_accepting
from housing.cases.selectors import applications_visible_to
from housing.models import AllocationRound, Application
from housing.policy import policy_or_defaults
from publicity.masking import mask_id_number


def next_household_initial(user, number: str | None) -> dict:
    """"Register the next household": the round, group and employer of the application ``number`` the clerk
    just registered (only one the clerk may see; anything else starts a blank form). Without it, the only
    open round, if just one is open."""
    initial: dict = {}
    open_rounds = list(AllocationRound.objects.filter(status=AllocationRound.Status.OPEN).values_list("pk", flat=True)[:2])
    if len(open_rounds) == 1:
        initial["round"] = open_rounds[0]
    previous = (applications_visible_to(user).select_related("employer", "round").filter(number=number).first()
                if number else None)
    if previous is None:
        return initial
    if previous.round.status == AllocationRound.Status.OPEN:
        initial["round"] = previous.round_id
    initial["group"] = previous.group
    if previous.employer is not None:
        initial.update(employer_name=previous.employer.name, employer_credit_code=previous.employer.credit_code,
                       employer_kind=previous.employer.kind)
    return initial


def material_items() -> list[dict]:
    """Every item of any group's checklist, with the groups that take it and the words that suggest it."""
    return [{"code": code, "label": label, "groups": " ".join(groups_accepting(code)),
             "hints": "|".join(HINTS.get(code, []))} for code, label in MATERIALS.items()]


def ccb_unit() -> Unit | None:
    return Unit.objects.filter(code="ccb").first()


def receipt(application: Application, *, chinese: bool) -> dict:
    """The receipt's content: who applied (ID number masked as the policy in force masks it), when, and what was
    received, item by item of the group's checklist (optional items only when handed in)."""
    received = timezone.localdate(application.submitted_at)
    by_kind: dict[str, list] = {}
    for document in application.documents.order_by("id"):
        by_kind.setdefault(document.kind, []).append(document)
    codes = [*REQUIRED[application.group], *[code for code in OPTIONAL if code in by_kind]]
    items = [{"code": code, "label": MATERIALS[code], "documents": by_kind.get(code, []),
              "required": code in REQUIRED[application.group]} for code in codes]
    unit = ccb_unit()
    return {
        "received_on": received,
        "masked_id_number": mask_id_number(application.applicant_id_number, policy_or_defaults(received)),
        "items": items,
        "missing": [item for item in items if item["required"] and not item["documents"]],
        "file_count": sum(len(item["documents"]) for item in items),
        "unit_name": (unit.name_zh if chinese else unit.name_en) if unit is not None else "",
    }
