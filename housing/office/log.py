"""Duties and the log of staff actions outside an application's own history (R-6, R-38, R-X.1).

``require_office_duty`` is the server-side check of a duty of departments.permissions.OFFICE_DUTIES, the twin of
housing.cases.workflow.require_duty for an application's steps; ``record_action`` writes the log row.
"""

from django.utils.translation import gettext_lazy as _

from departments.permissions import duty_article, may_do
from housing.cases.citations import cited
from housing.events import is_staff_action
from housing.exceptions import NotPermitted
from housing.models import OfficeAction

NOT_YOUR_DUTY = _("Your unit or role does not hold this duty (%(article)s).")


def require_office_duty(actor, duty: str, message=None) -> None:
    """Refuse, before anything is read or written, an actor whose unit and role lack ``duty``. ``message`` may
    name the article as ``%(article)s``."""
    if not may_do(actor, duty):
        article = duty_article(duty)
        raise NotPermitted(str(message or NOT_YOUR_DUTY) % {"article": cited(article)}, article=article)


def record_action(*, actor, action: str, obj, summary: str, article: str = "", data: dict | None = None) -> OfficeAction:
    """Call inside the service's transaction, after the change it records. ``action`` is a staff action of
    housing.events.Event: any other name is a programming error, refused before anything is written (R-6, R-38)."""
    if not is_staff_action(action):
        raise ValueError(f"{action!r} is not a staff action of housing.events.Event")
    return OfficeAction.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", None) or "scheduled-job",
        action=action,
        article=article,
        object_type=type(obj)._meta.model_name,
        object_id=str(obj.pk),
        summary=summary,
        data=data or {},
    )
