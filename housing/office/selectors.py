"""R-X.6: what is due, for the work queue. A person sees the open reminders of their unit addressed to one of their
roles (housing.office.reminders.ADDRESSEES; docs/decisions/0046); discipline inspection reads every unit's (R-6).
A fixed number of queries however many reminders are shown (docs/decisions/0004)."""

import datetime
import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from departments.permissions import is_read_only
from housing.models import Reminder
from housing.office.reminders import addressed_to, may_mark_done
from publicity.models import PublicNotice

SHOWN = 100  # the oldest due first; the rest are counted


# Reminders raised before their wording was cleaned carry a requirement id in brackets; people never see one.
_REQUIREMENT_ID = re.compile(r"\s*[（(]\s*(?:R-[0-9A-Za-z.\-–, ]+|SPEC[^)）]*)[)）]")


def plain_text(text: str) -> str:
    return _REQUIREMENT_ID.sub("", text)


@dataclass
class DueItem:
    reminder: Reminder
    overdue: bool
    url: str | None
    may_mark_done: bool
    renew_url: str | None = None
    text: str = ""
    today: datetime.date | None = None

    @property
    def days_waiting(self) -> int:
        return max((self.today - timezone.localdate(self.reminder.created_at)).days, 0)

    @property
    def days_overdue(self) -> int:
        return (self.today - self.reminder.due_on).days if self.overdue else 0


def open_reminders_visible_to(user):
    qs = Reminder.objects.filter(done_at__isnull=True).select_related("unit", "application", "tenancy__application")
    if is_read_only(user):
        return qs
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return qs.none()
    return qs.filter(addressed_to(user), unit_id=user.unit_id)


def due_items(user) -> tuple[list[DueItem], int]:
    """The open reminders the user may see, by due date (at most SHOWN), and how many there are in all."""
    qs = open_reminders_visible_to(user).order_by("due_on", "id")
    reminders = list(qs[:SHOWN])
    total = len(reminders) if len(reminders) < SHOWN else qs.count()
    today = timezone.localdate()
    notice_ids = {}
    for r in reminders:
        if r.kind == Reminder.Kind.NOTICE_ENDED and r.key.startswith("notice-ended:"):
            notice_ids[r.pk] = int(r.key.split(":", 1)[1])
    rounds = dict(PublicNotice.objects.filter(pk__in=set(notice_ids.values())).values_list("pk", "round_id")) \
        if notice_ids else {}
    items = []
    for r in reminders:
        application = r.application or (r.tenancy.application if r.tenancy_id else None)
        if application is not None:
            url = reverse("housing:application_detail", args=[application.number])
        elif r.pk in notice_ids and notice_ids[r.pk] in rounds:
            url = reverse("housing:round_detail", args=[rounds[notice_ids[r.pk]]])
        else:
            url = None
        renew_url = None
        if r.kind == Reminder.Kind.RENEWAL and r.tenancy_id and not is_read_only(user):
            renew_url = reverse("housing:renewal_register", args=[r.tenancy_id])
        items.append(DueItem(reminder=r, overdue=r.due_on < today, url=url, may_mark_done=may_mark_done(user, r),
                             renew_url=renew_url, text=plain_text(r.text), today=today))
    return items, total
