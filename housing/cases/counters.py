"""Stage counts kept in step with every transition (docs/decisions/0004)."""

from django.db.models import Count, F

from housing.models import Application, StageCount


def _bump(application: Application, *, stage: str, delta: int) -> None:
    key = {"round_id": application.round_id, "group": application.group, "form": application.form, "stage": stage}
    if not StageCount.objects.filter(**key).update(count=F("count") + delta):
        row, _ = StageCount.objects.get_or_create(**key)
        StageCount.objects.filter(pk=row.pk).update(count=F("count") + delta)


def count_entered(application: Application) -> None:
    _bump(application, stage=application.stage, delta=1)


def count_moved(application: Application, *, from_stage: str) -> None:
    _bump(application, stage=from_stage, delta=-1)
    _bump(application, stage=application.stage, delta=1)


def recount_all() -> int:
    """Rebuild every count from the applications themselves (after a bulk load, or to check drift)."""
    StageCount.objects.all().delete()
    rows = (
        Application.objects.order_by()
        .values("round_id", "group", "form", "stage")
        .annotate(n=Count("id"))
    )
    StageCount.objects.bulk_create(
        StageCount(round_id=r["round_id"], group=r["group"], form=r["form"], stage=r["stage"], count=r["n"]) for r in rows
    )
    return len(rows)
