"""What awaits one person, by role (docs/decisions/0046): plain selector functions, one per kind of work, each a
bounded number of queries. The landing page (housing.desk.views.queue) shows their sections in this order."""

import datetime

from django.utils import timezone

from housing.desk.queues.applications import application_queue
from housing.desk.queues.office import office_sections
from housing.desk.queues.publicity import publicity_sections
from housing.desk.queues.rows import SHOWN, QueueRow, QueueSection
from housing.office.selectors import due_items

__all__ = ["role_queue", "QueueRow", "QueueSection", "SHOWN"]


def role_queue(user, *, round_id: int | None = None, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    applications = application_queue(user, round_id=round_id, today=today)
    sections = office_sections(user, today) + publicity_sections(user, today)
    due, due_total = due_items(user)
    awaiting = applications["total"] + sum(s.total for s in sections) + due_total
    return {"applications": applications, "sections": sections, "due": due, "due_total": due_total,
            "awaiting": awaiting, "today": today}
