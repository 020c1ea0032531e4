"""What the audit-record pages read (R-6, R-38, R-X.1). Only discipline inspection and the CCB's head read them
(departments.permissions.can_read_audit_records); every selector answers nothing to anyone else."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from departments.models import StaffUser, Unit
from departments.permissions import can_read_audit_records
from housing.models import ChainAlarm, ChainCheck, Employer, KeyEnterpriseListing, LowIncomeLine, PersonalDataRead
from housing.models import PolicyVersion
from housing.models.audit import Chain

# The reference data whose every change keeps its before/after values (django-simple-history).
TRACKED = {
    "policy": PolicyVersion,
    "low_income_line": LowIncomeLine,
    "employer": Employer,
    "key_enterprise": KeyEnterpriseListing,
    "unit": Unit,
    "staff": StaffUser,
}


def open_alarms_visible_to(user) -> list[ChainAlarm]:
    """R-X.1: broken chains not yet found whole again, for the work queue."""
    if not can_read_audit_records(user):
        return []
    return _shown_entries(ChainAlarm.objects.filter(cleared_at__isnull=True).order_by("raised_at", "id"))


ENTRIES_SHOWN = 20


def _shown_entries(alarms) -> list[ChainAlarm]:
    """The first broken entries of each alarm (a chain broken in many applications would fill the page)."""
    alarms = list(alarms)
    for alarm in alarms:
        items = list(alarm.broken.items())
        alarm.shown = items[:ENTRIES_SHOWN]
        alarm.more = max(0, len(items) - ENTRIES_SHOWN)
    return alarms


def chain_status() -> list[dict]:
    """Each chain with its last check and its open alarms."""
    status = []
    for value, label in Chain.choices:
        status.append({
            "chain": value, "label": label,
            "last": ChainCheck.objects.filter(chain=value).order_by("-checked_at", "-id").first(),
            "alarms": _shown_entries(ChainAlarm.objects.filter(chain=value, cleared_at__isnull=True)
                                     .order_by("raised_at")),
        })
    return status


def personal_data_reads(*, username: str = "", kind: str = "", application: str = "", date_from=None,
                        date_to=None) -> QuerySet:
    qs = PersonalDataRead.objects.all()
    if username:
        qs = qs.filter(actor_name=username)
    if kind:
        qs = qs.filter(kind=kind)
    if application:
        qs = qs.filter(application_number=application)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-at", "-id")


@dataclass
class Change:
    """One change to one record: what it is, who made it, and each field's value before and after."""

    at: object
    by: str
    kind: str  # "+" created, "~" changed, "-" deleted
    record_type: str
    record: str
    fields: list[dict] = field(default_factory=list)


def _shown(record, name: str):
    value = getattr(record, name, None)
    return "—" if value in (None, "") else value


CHANGES_SHOWN = 500


def reference_changes(*, record: str = "", date_from=None, date_to=None, limit: int = CHANGES_SHOWN) -> list:
    """The newest changes first, across the tracked reference data (at most ``limit``: narrow by dates for more),
    as (historical row, model) pairs; ``describe`` turns those of one page into what the page shows."""
    models = {record: TRACKED[record]} if record in TRACKED else TRACKED
    rows = []
    for model in models.values():
        qs = model.history.select_related("history_user")
        if date_from:
            qs = qs.filter(history_date__date__gte=date_from)
        if date_to:
            qs = qs.filter(history_date__date__lte=date_to)
        rows.extend((row, model) for row in qs.order_by("-history_date", "-history_id")[:limit])
    rows.sort(key=lambda pair: (pair[0].history_date, pair[0].history_id), reverse=True)
    return rows[:limit]


def describe(pairs) -> list[Change]:
    """Each change with its fields' values before and after (a creation has only after, a deletion only before)."""
    changes = []
    for row, model in pairs:
        labels = {f.name: f.verbose_name for f in model._meta.fields}
        tracked = {f.name for f in row._meta.fields}
        names = [f.name for f in model._meta.fields if f.name in tracked and f.name != "id"]
        if row.history_type == "~":
            previous = row.prev_record
            fields = []
            if previous is not None:
                for delta in row.diff_against(previous).changes:
                    fields.append({"name": labels.get(delta.field, delta.field),
                                   "before": _shown(previous, _attname(model, delta.field)),
                                   "after": _shown(row, _attname(model, delta.field))})
        elif row.history_type == "+":
            fields = [{"name": labels.get(n, n), "before": "", "after": _shown(row, _attname(model, n))}
                      for n in names]
        else:
            fields = [{"name": labels.get(n, n), "before": _shown(row, _attname(model, n)), "after": ""}
                      for n in names]
        changes.append(Change(
            at=row.history_date, by=row.history_user.get_username() if row.history_user_id else "",
            kind=row.history_type, record_type=model._meta.verbose_name, record=_name(row), fields=fields))
    return changes


def _attname(model, name: str) -> str:
    """A foreign key is shown as its id (the record it named may be gone; its id stays true)."""
    field_ = model._meta.get_field(name)
    return field_.attname if field_.is_relation else name


def _name(row) -> str:
    try:
        return f"{row.instance} ({row.id})"
    except Exception:  # a record named by a foreign key that is gone: its id is still true  # noqa: BLE001
        return str(row.id)
