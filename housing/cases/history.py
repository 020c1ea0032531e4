"""Writing and checking the append-only history (R-X.1, R-38)."""

from django.utils import timezone

from housing.cases.month_counters import count_row
from housing.events import is_history_event
from housing.models import Application, ApplicationHistory
from housing.models.history import canonical_digest


def _digest(*, number: str, row: ApplicationHistory) -> str:
    content = {
        "application": number,
        "seq": row.seq,
        "event": row.event,
        "actor_id": row.actor_id,
        "actor_name": row.actor_name,
        "actor_unit": row.actor_unit,
        "at": row.at.isoformat(),
        "from": row.from_stage,
        "to": row.to_stage,
        "reason": row.reason,
        "articles": row.articles,
        "payload": row.payload,
        "prev": row.prev_hash,
    }
    return canonical_digest(content)


def append_history(
    *,
    application: Application,
    event: str,
    actor,
    from_stage: str = "",
    to_stage: str = "",
    reason: str = "",
    articles: list[str] | tuple[str, ...] = (),
    payload: dict | None = None,
) -> ApplicationHistory:
    """Append one row. The caller holds the application's row lock, so seq cannot race.

    ``event`` is a history event of housing.events.Event: any other name is a programming error, refused before
    anything is read or written (R-X.1: every row of the trail can be filtered and named).
    """
    if not is_history_event(event):
        raise ValueError(f"{event!r} is not a history event of housing.events.Event")
    last = ApplicationHistory.objects.filter(application=application).order_by("-seq").values("seq", "hash").first()
    row = ApplicationHistory(
        application=application,
        seq=(last["seq"] + 1) if last else 1,
        event=event,
        actor=actor if getattr(actor, "pk", None) else None,
        # No account: a background job ("system") or a resident filing online (departments.permissions.PUBLIC_ONLINE).
        actor_name=actor.get_username() if getattr(actor, "pk", None) else getattr(actor, "history_name", "system"),
        actor_unit=(actor.unit.code if getattr(actor, "unit_id", None) else ""),
        at=timezone.now(),
        from_stage=from_stage,
        to_stage=to_stage,
        reason=reason,
        articles=list(articles),
        payload=payload or {},
        prev_hash=last["hash"] if last else "",
    )
    row.hash = _digest(number=application.number, row=row)
    row.save()
    count_row(application, row)  # the statistics' monthly counters, in the same transaction (docs/decisions/0036)
    application.history_head = row.hash
    Application.objects.filter(pk=application.pk).update(history_head=row.hash)
    return row


def first_rows(*, applications: list[Application], event: str, actor, reason: str = "",
               articles: list[str] | tuple[str, ...] = (), payloads: list[dict]) -> list[ApplicationHistory]:
    """The first row of the history of each of these new, not yet saved applications (intake of many at once),
    hashed as ``append_history`` does, with each application's ``history_head`` set. The caller saves the
    applications, then the rows (bulk_create)."""
    if not is_history_event(event):
        raise ValueError(f"{event!r} is not a history event of housing.events.Event")
    at = timezone.now()
    rows = []
    for application, payload in zip(applications, payloads, strict=True):
        row = ApplicationHistory(
            application=application, seq=1, event=event,
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=actor.get_username() if getattr(actor, "pk", None) else getattr(actor, "history_name", "system"),
            actor_unit=(actor.unit.code if getattr(actor, "unit_id", None) else ""),
            at=at, from_stage="", to_stage=application.stage, reason=reason, articles=list(articles),
            payload=payload or {}, prev_hash="",
        )
        row.hash = _digest(number=application.number, row=row)
        application.history_head = row.hash
        rows.append(row)
    return rows


def verify_chain(application: Application) -> list[int]:
    """The seqs of rows whose content or link no longer matches: empty when intact."""
    broken = []
    prev = ""
    expected_seq = 1
    for row in ApplicationHistory.objects.filter(application=application).order_by("seq"):
        if row.seq != expected_seq or row.prev_hash != prev or row.hash != _digest(number=application.number, row=row):
            broken.append(row.seq)
        prev = row.hash
        expected_seq = row.seq + 1
    head = Application.objects.filter(pk=application.pk).values_list("history_head", flat=True).first()
    if head != prev:
        # The newest rows were removed (or the head was altered): report where the chain now ends.
        broken.append(expected_seq)
    return broken


def find_broken_chains() -> dict[str, list[int]]:
    """Every application whose history chain is broken, with the broken seqs."""
    broken = {}
    for application in Application.objects.only("id", "number", "history_head").iterator(chunk_size=2000):
        seqs = verify_chain(application)
        if seqs:
            broken[application.number] = seqs
    return broken
