"""R-6, R-38, R-X.2: who read whose personal data, when, from where. Written by the pages that hand personal data
out (the dossier, a material, objection evidence) and by a search by ID number, which names the applications found,
never the number searched for (docs/decisions/0042)."""

from departments.network import client_ip
from housing.models import PersonalDataRead

Kind = PersonalDataRead.Kind


def record_read(*, request, kind: str, application_number: str = "", detail: str = "") -> PersonalDataRead:
    user = request.user
    return PersonalDataRead.objects.create(
        kind=kind, actor=user if getattr(user, "pk", None) else None,
        actor_name=user.get_username() if getattr(user, "pk", None) else "",
        actor_unit=user.unit.code if getattr(user, "unit_id", None) else "",
        application_number=application_number[:40], detail=str(detail)[:200], address=client_ip(request)[:45],
    )


def looks_like_id_number(term: str) -> bool:
    """The staff search's own test for an ID number (housing.cases.selectors.search_applications)."""
    term = (term or "").strip().upper()
    return not term.startswith("LH-") and len(term) >= 6 and term[:-1].isdigit()
