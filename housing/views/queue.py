"""What awaits my unit (SPEC §2, §5): counts per stage and group, from the maintained stage counts."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from housing import selectors
from housing.forms.filters import WorkQueueFilterForm
from housing.forms.steps import STEP_LABELS
from housing.views.applications import group_display


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
    return render(request, "housing/work_queue.html", {
        "form": form, "stages": stages, "grand_total": sum(s["total"] for s in stages),
    })
