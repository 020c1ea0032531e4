"""The public eligibility screener (SPEC §6): anonymous, GET only, nothing stored.

The answers travel in the query string, so a result can be shared or bookmarked and no
session, cookie of ours or database row is needed. The same engine as the review decides.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from housing.groups import ALLOWED_FORMS, SHORT_CODE, Group
from housing.rules.catalogue import CONDITIONS
from housing.rules.eligibility.engine import evaluate
from housing.policy import NoPolicyInForce, policy_in_force
from publicity.public.forms.screener import ScreenerForm
from publicity.public.screener import dossier_from_answers, questions_for
from publicity.public.screener_words import condition_article, plain_message

# The submit button's name: present only when the resident asked for a result.
SUBMIT = "check"


@login_not_required
@require_safe
def screener_start(request):
    groups = [
        {"value": g.value, "code": SHORT_CODE[g], "label": g.label, "forms": [(f.value, f.label) for f in ALLOWED_FORMS[g]]}
        for g in Group
    ]
    return render(request, "publicity/screener_start.html", {"groups": groups})


@login_not_required
@require_safe
def screener_group(request, group: str):
    if group not in Group.values:
        raise Http404("No such applicant group.")
    today = timezone.localdate()
    submitted = SUBMIT in request.GET
    form = ScreenerForm(
        request.GET if submitted else None, group=group, today=today,
        initial={"form": request.GET["form"]} if not submitted and "form" in request.GET else None,
    )
    context = {"form": form, "group": Group(group), "code": SHORT_CODE[group], "submit_name": SUBMIT}
    if submitted and form.is_valid():
        context.update(_result(form, today))
    return render(request, "publicity/screener.html", context)


def _result(form: ScreenerForm, today) -> dict:
    group = form.group
    try:
        policy = policy_in_force(today)
    except NoPolicyInForce:
        return {"no_policy": True}
    evaluation = evaluate(dossier_from_answers(group, form.cleaned_data, today=today), policy)
    asked = set(form.fields)
    income_fields = {today.year - 2: "income_two_years_ago", today.year - 1: "income_last_year"}
    chinese = (translation.get_language() or "").startswith("zh")
    rows = [
        {
            "id": c.id,
            "article": condition_article(c.id, group, chinese=chinese),
            "title": CONDITIONS.get(c.id, ""),
            "passed": c.passed,
            "message": plain_message(c.message_zh if chinese else c.message_en, chinese=chinese),
            # Undecided for want of an answer: point at the questions that would decide it.
            "questions": [] if c.passed is not None else [
                form[name] for name in questions_for(" ".join(c.missing_facts), asked, income_fields=income_fields)
            ],
        }
        for c in evaluation.conditions
    ]
    return {
        "evaluation": evaluation,
        "rows": rows,
        "counts": {
            "passed": sum(r["passed"] is True for r in rows),
            "failed": sum(r["passed"] is False for r in rows),
            "undecided": sum(r["passed"] is None for r in rows),
        },
        "subsidy_message": plain_message(evaluation.subsidy_message_zh if chinese else evaluation.subsidy_message_en,
                                         chinese=chinese),
    }
