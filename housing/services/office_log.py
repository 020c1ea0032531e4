"""Record a staff action on a record outside an application's history (R-6, R-38, R-X.1)."""

from housing.models import OfficeAction


def record_action(*, actor, action: str, obj, summary: str, article: str = "", data: dict | None = None) -> OfficeAction:
    """Call inside the service's transaction, after the change it records."""
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
