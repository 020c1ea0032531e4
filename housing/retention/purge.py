"""R-X.2: the nightly purge of personal data past its period (housing.retention.jobs runs it).

What is purged: the document files, full ID numbers and contacts of applications ended by a refusal, a withdrawal
or a removal; the contacts of objectors and askers; the recipients and texts of messages sent. What is kept: every
row (the documents' with an empty file, the members' with a keyed hash in place of the ID number), the stages,
hence the statistics, and the case history, which is never touched, so its hash chain still verifies (R-X.1).
Idempotent: a purged record no longer matches its query, so a second run the same day purges nothing more.
Batched, each batch its own transaction, and stopped before ``budget_seconds`` so the job ends within its time
limit; what is left waits for the next night.
"""

import datetime
import time
from collections import Counter
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import DateTimeField, Max, Min
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from housing.models import (Application, Document, HouseholdMember, OutgoingMessage, PurgedApplication, PurgeRecord,
                            RetentionRule)
from housing.retention.rules import PURGED_STAGES, closed_before, is_keyed, keyed_id_number
from housing.retention.selectors import months_in_force
from publicity.models import Inquiry, Objection

C = RetentionRule.Category
BATCH = 500
BUDGET_SECONDS = 1200  # under the job's soft time limit (config/settings.py CELERY_TASK_SOFT_TIME_LIMIT)


@dataclass
class Tally:
    items: int = 0
    files: int = 0
    days: list[datetime.date] = field(default_factory=list)

    def add(self, items: int, files: int, first, last) -> None:
        self.items += items
        self.files += files
        self.days += [d for d in (first, last) if d is not None]


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _range(qs, field_name: str):
    """The earliest and latest closing day (Asia/Shanghai) of the rows about to be purged."""
    got = qs.aggregate(first=Min(TruncDate(field_name, tzinfo=timezone.get_current_timezone())),
                       last=Max(TruncDate(field_name, tzinfo=timezone.get_current_timezone())))
    return got["first"], got["last"]


def purgeable_applications(before: datetime.date):
    """Ended for good before the day, not yet purged; never one with a contract, a subsidy or an objection under
    investigation (R-X.2: open cases and guarantees are kept whole)."""
    return (Application.objects.filter(stage__in=PURGED_STAGES, stage_changed_at__lt=_start_of(before),
                                       purge__isnull=True, contract__isnull=True, subsidy__isnull=True)
            .exclude(objections__status=Objection.Status.OPEN))


def _purge_applications(ids: list[int], today: datetime.date) -> tuple[int, list[str]]:
    """One batch, in one transaction: rows rewritten; the files' names returned for deletion after the commit."""
    with transaction.atomic():
        apps = list(Application.objects.select_for_update(of=("self",)).filter(pk__in=ids, stage__in=PURGED_STAGES)
                    .only("pk", "applicant_id_number"))
        ids = [a.pk for a in apps]
        docs = list(Document.objects.filter(application_id__in=ids).exclude(file="")
                    .values_list("pk", "application_id", "file"))
        Document.objects.filter(pk__in=[pk for pk, _app, _name in docs]).update(file="")
        members = [m for m in HouseholdMember.objects.filter(application_id__in=ids)
                   .only("pk", "application_id", "id_number") if not is_keyed(m.id_number)]
        for m in members:
            m.id_number = keyed_id_number(m.id_number)
        HouseholdMember.objects.bulk_update(members, ["id_number"], batch_size=BATCH)
        for a in apps:
            if not is_keyed(a.applicant_id_number):
                a.applicant_id_number = keyed_id_number(a.applicant_id_number)
            a.contact_phone = ""
            a.contact_email = ""
        Application.objects.bulk_update(apps, ["applicant_id_number", "contact_phone", "contact_email"])
        files_of = Counter(app for _pk, app, _name in docs)
        ids_of = Counter(m.application_id for m in members)
        PurgedApplication.objects.bulk_create([
            PurgedApplication(application_id=pk, purged_on=today, documents=files_of[pk], members=ids_of[pk])
            for pk in ids])
    return len(ids), [name for _pk, _app, name in docs]


def _delete_files(names: list[str]) -> int:
    deleted = 0
    for name in names:
        try:
            default_storage.delete(name)
            deleted += 1
        except OSError:  # already gone: the row says purged either way
            pass
    return deleted


def purge_closed_case_files(today, before, deadline) -> Tally:
    tally = Tally()
    while time.monotonic() < deadline:
        qs = purgeable_applications(before)
        ids = list(qs.order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            break
        first, last = _range(Application.objects.filter(pk__in=ids), "stage_changed_at")
        done, names = _purge_applications(ids, today)
        tally.add(done, _delete_files(names), first, last)
    return tally


def _blank_in_batches(qs, closing: str, fields: dict, deadline) -> Tally:
    """Blank ``fields`` of the rows of ``qs``, a batch per transaction, until none is left or time is up."""
    tally = Tally()
    while time.monotonic() < deadline:
        ids = list(qs.order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            break
        first, last = _range(qs.filter(pk__in=ids), closing)
        with transaction.atomic():
            done = qs.model.objects.filter(pk__in=ids).update(**fields)
        tally.add(done, 0, first, last)
    return tally


def objector_contacts_due(before: datetime.date):
    return (Objection.objects.exclude(status=Objection.Status.OPEN)
            .filter(decided_at__lt=_start_of(before)).exclude(objector_contact=""))


def inquiry_contacts_due(before: datetime.date):
    return Inquiry.objects.filter(answered_at__lt=_start_of(before)).exclude(asker_contact="")


def message_recipients_due(before: datetime.date):
    return (OutgoingMessage.objects
            .filter(state__in=(OutgoingMessage.State.SENT, OutgoingMessage.State.FAILED))
            .annotate(closed_at=Coalesce("sent_at", "last_attempt_at", "created_at", output_field=DateTimeField()))
            .filter(closed_at__lt=_start_of(before))
            .exclude(recipient="", text=""))


def purge_objector_contacts(today, before, deadline) -> Tally:
    return _blank_in_batches(objector_contacts_due(before), "decided_at", {"objector_contact": ""}, deadline)


def purge_inquiry_contacts(today, before, deadline) -> Tally:
    return _blank_in_batches(inquiry_contacts_due(before), "answered_at", {"asker_contact": ""}, deadline)


def purge_message_recipients(today, before, deadline) -> Tally:
    return _blank_in_batches(message_recipients_due(before), "closed_at", {"recipient": "", "text": ""}, deadline)


# What the next purge of each category would touch, closed before the day (a statement counts it before a
# period is changed; docs/decisions/0047).
DUE = {
    C.CLOSED_CASE_FILES: purgeable_applications,
    C.OBJECTOR_CONTACTS: objector_contacts_due,
    C.INQUIRY_CONTACTS: inquiry_contacts_due,
    C.MESSAGE_RECIPIENTS: message_recipients_due,
}


PURGES = {
    C.CLOSED_CASE_FILES: purge_closed_case_files,
    C.OBJECTOR_CONTACTS: purge_objector_contacts,
    C.INQUIRY_CONTACTS: purge_inquiry_contacts,
    C.MESSAGE_RECIPIENTS: purge_message_recipients,
}


def purge_past_retention(*, today: datetime.date | None = None, budget_seconds: float = BUDGET_SECONDS
                         ) -> list[PurgeRecord]:
    """Apply the schedule in force on ``today`` (the portal's date): one PurgeRecord per category, also when
    nothing was due, so the record shows every night the rule that was applied."""
    today = today or timezone.localdate()
    deadline = time.monotonic() + budget_seconds
    months = months_in_force()
    records = []
    for category, purge in PURGES.items():
        before = closed_before(today, months[category])
        tally = purge(today, before, deadline)
        records.append(PurgeRecord.objects.create(
            run_on=today, category=category, months=months[category], closed_before=before, items=tally.items,
            files=tally.files, first_closed_on=min(tally.days, default=None),
            last_closed_on=max(tally.days, default=None)))
    return records
