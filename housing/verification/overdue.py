"""R-14, R-X.6: a verification request past its deadline is raised once, to the CCB and to the agency asked.

Each reminder's key is unique (housing.office.reminders.create_reminder), so running the job again raises nothing
more; a request answered in full, or whose recheck the CCB has concluded, is not raised.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from housing.models import Reminder
from housing.office.reminders import ccb_unit, create_reminder, once
from housing.verification.facts import fact_label
from housing.verification.selectors import open_requests


def reminder_key(request_id: int, to: str) -> str:
    return f"verification-overdue:{request_id}:{to}"


def flag_overdue_requests(*, today: datetime.date | None = None) -> int:
    """Two reminders per overdue request: the CCB's (linking to the application) and the agency's."""
    today = today or timezone.localdate()
    ccb = ccb_unit()
    raised = 0
    overdue = (open_requests().filter(answered_at__isnull=True, due_on__lt=today)
               .select_related("application", "agency").order_by("due_on", "id"))
    for request in overdue:
        words = {"number": request.application.number, "agency": request.agency, "due": request.due_on.isoformat(),
                 "facts": "; ".join(str(fact_label(i)) for i in request.items)}
        to_ccb = _("%(agency)s has not answered the verification of %(facts)s for %(number)s, due by %(due)s "
                   "(Art. 14).") % words
        to_agency = _("The City Construction Bureau's verification request %(request)s (%(facts)s) was due by %(due)s: answer it now (Art. 14)."
                      "") % {**words, "request": request.pk}

        def work(r=request, a=to_ccb, b=to_agency):
            first = create_reminder(key=reminder_key(r.pk, "ccb"), kind=Reminder.Kind.VERIFICATION_OVERDUE,
                                    unit=ccb, due_on=r.due_on, text=a, application=r.application)
            second = create_reminder(key=reminder_key(r.pk, "agency"), kind=Reminder.Kind.VERIFICATION_OVERDUE,
                                     unit=r.agency, due_on=r.due_on, text=b)
            return first or second

        raised += once(work)
    return raised


def overdue_reminders_for(unit_id: int):
    """The open overdue-verification reminders addressed to a unit, for its queue."""
    return Reminder.objects.filter(unit_id=unit_id, kind=Reminder.Kind.VERIFICATION_OVERDUE, done_at__isnull=True)
