"""Stage counts kept in step with every transition (docs/decisions/0004)."""

from django.db.models import Count, F

from housing.models import Application, StageCount


def _bump(*, round_id: int, group: str, stage: str, delta: int) -> None:
    updated = StageCount.objects.filter(round_id=round_id, group=group, stage=stage).update(count=F("count") + delta)
    if not updated:
        row, _ = StageCount.objects.get_or_create(round_id=round_id, group=group, stage=stage)
        StageCount.objects.filter(pk=row.pk).update(count=F("count") + delta)


def count_entered(application: Application) -> None:
    _bump(round_id=application.round_id, group=application.group, stage=application.stage, delta=1)


def count_moved(application: Application, *, from_stage: str) -> None:
    _bump(round_id=application.round_id, group=application.group, stage=from_stage, delta=-1)
    _bump(round_id=application.round_id, group=application.group, stage=application.stage, delta=1)


def recount_all() -> int:
    """Rebuild every count from the applications themselves (after a bulk load, or to check drift)."""
    StageCount.objects.all().delete()
    rows = (
        Application.objects.order_by()
        .values("round_id", "group", "stage")
        .annotate(n=Count("id"))
    )
    StageCount.objects.bulk_create(
        StageCount(round_id=r["round_id"], group=r["group"], stage=r["stage"], count=r["n"]) for r in rows
    )
    return len(rows)
