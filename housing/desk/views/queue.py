"""What awaits my unit (SPEC §2, §5): what is due (R-X.6), then counts per stage and group, from the maintained
stage counts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from housing.audit.selectors import open_alarms_visible_to
from housing.cases import selectors
from housing.exceptions import ApplicationError, NotPermitted
from housing.office.selectors import due_items
from housing.office.reminders import mark_reminder_done
from housing.desk.forms.filters import WorkQueueFilterForm
from housing.desk.forms.steps import STEP_LABELS
from housing.desk.views.applications import group_display


@require_GET
def work_queue(request):
    form = WorkQueueFilterForm(request.GET or None)
    round_ = form.cleaned_data.get("round") if form.is_valid() else None
    rows = selectors.work_queue(request.user, round_id=round_.pk if round_ else None)

    list_url = reverse("housing:application_list")
    stages: list[dict] = []
    for row in rows:  # already ordered by stage, then group
        if not stages or stages[-1]["stage"] != row["stage"]:
            stages.append({"stage": row["stage"], "stage_label": row["stage_label"], "groups": [], "total": 0})
        query = {"group": row["group"], "stage": row["stage"]}
        if round_:
            query["round"] = round_.pk
        stages[-1]["groups"].append({
            **row,
            "group_label": group_display(row["group"]),
            "step_labels": [STEP_LABELS[s] for s in row["steps"]],
            "url": f"{list_url}?{urlencode(query)}",
        })
        stages[-1]["total"] += row["count"]
    due, due_total = due_items(request.user)
    return render(request, "housing/work_queue.html", {
        "form": form, "stages": stages, "grand_total": sum(s["total"] for s in stages),
        "due": due, "due_total": due_total,
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
        messages.success(request, _("Marked done: %(text)s") % {"text": reminder.text})
    return redirect("housing:work_queue")
