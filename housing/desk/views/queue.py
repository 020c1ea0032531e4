"""What awaits me (SPEC §2, §5; docs/decisions/0046): the work of this person's roles, the longest waiting first,
each row with its days waiting and, where the measures set a period, its deadline; what is due (R-X.6); and the
applications per stage and group, from the maintained stage counts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from departments.permissions import can_register_application, is_read_only
from housing.audit.selectors import open_alarms_visible_to
from housing.desk.forms.filters import WorkQueueFilterForm
from housing.desk.queues import role_queue
from housing.desk.views.applications import group_display
from housing.exceptions import ApplicationError, NotPermitted
from housing.office.reminders import mark_reminder_done
from housing.office.selectors import plain_text


@require_GET
def work_queue(request):
    form = WorkQueueFilterForm(request.GET or None)
    round_ = form.cleaned_data.get("round") if form.is_valid() else None
    queue = role_queue(request.user, round_id=round_.pk if round_ else None)
    for row in queue["applications"]["breakdown"]:
        row["group_label"] = group_display(row["group"])
    return render(request, "housing/work_queue.html", {
        "form": form, **queue,
        "may_register": can_register_application(request.user),
        "read_only": is_read_only(request.user),
        "chain_alarms": open_alarms_visible_to(request.user),  # R-X.1: broken chains, urgent (decision 0042)
    })


@require_POST
def reminder_done(request, pk: int):
    """R-X.6: the unit the reminder is addressed to marks it done; the action is recorded (R-6)."""
    try:
        reminder = mark_reminder_done(actor=request.user, reminder_id=pk)
    except NotPermitted:
        raise PermissionDenied
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Marked done: %(text)s") % {"text": plain_text(reminder.text)})
    return redirect("housing:work_queue")
