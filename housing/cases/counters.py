"""Stage counts kept in step with every transition (docs/decisions/0004)."""

from django.db.models import Count, F

from housing.cases.month_counters import count_moved_round
from housing.models import Application, StageCount


def _bump(application: Application, *, stage: str, delta: int) -> None:
    key = {"round_id": application.round_id, "group": application.group, "form": application.form, "stage": stage}
    if not StageCount.objects.filter(**key).update(count=F("count") + delta):
        row, _ = StageCount.objects.get_or_create(**key)
        StageCount.objects.filter(pk=row.pk).update(count=F("count") + delta)


def count_entered(application: Application) -> None:
    _bump(application, stage=application.stage, delta=1)


def count_entered_many(applications: list[Application]) -> None:
    """``count_entered`` of many new applications: one bump per round, group, form and stage."""
    keys: dict[tuple, tuple[Application, int]] = {}
    for a in applications:
        key = (a.round_id, a.group, a.form, a.stage)
        keys[key] = (keys[key][0] if key in keys else a, keys[key][1] + 1 if key in keys else 1)
    for (_round, _group, _form, stage), (first, count) in keys.items():
        _bump(first, stage=stage, delta=count)


def count_moved(application: Application, *, from_stage: str) -> None:
    _bump(application, stage=from_stage, delta=-1)
    _bump(application, stage=application.stage, delta=1)


def count_carried(application: Application, *, from_round_id: int) -> None:
    """The application moved from round ``from_round_id`` to its present round, in the same stage."""
    _bump(Application(round_id=from_round_id, group=application.group, form=application.form),
          stage=application.stage, delta=-1)
    _bump(application, stage=application.stage, delta=1)
    count_moved_round(application, from_round_id=from_round_id)


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
