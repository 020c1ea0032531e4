"""R-3.2: the case page's panel: what each person of this application holds elsewhere, within the viewer's scope
(R-X.2): another unit's application is named only as "an application in another group"."""

from dataclasses import dataclass

from django.utils import timezone

from departments.permissions import can_view_application
from housing.guarantees.selectors import claims_by_person, open_sets_touching
from housing.models import Application, PersonLink


@dataclass
class Row:
    name: str
    relation: str
    claim: object  # selectors.Claim
    visible: bool


def guarantees_panel(user, application: Application) -> dict:
    links = list(PersonLink.objects.filter(application=application).select_related("member").order_by("member_id"))
    claims = claims_by_person({link.person_id for link in links}, today=timezone.localdate(),
                              exclude_applications=[application.pk])
    others = {c.application_id for found in claims.values() for c in found}
    readable = {a.pk for a in Application.objects.filter(pk__in=others).only("pk", "group", "form")
                if can_view_application(user, a)}
    rows = []
    for link in links:
        for claim in claims.get(link.person_id, []):
            rows.append(Row(name=link.member.name, relation=link.member.get_relation_display(), claim=claim,
                            visible=claim.application_id in readable))
    return {"rows": rows, "flagged": open_sets_touching([application.pk]), "linked": bool(links)}
