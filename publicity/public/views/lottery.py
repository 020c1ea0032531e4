"""The public lottery page (R-23.3): seed, method and result of a ranking, and a tool to re-draw it.

Public and anonymous. Names are masked (SPEC §13, R-16.4b); no ID number is ever loaded for it.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from housing.models import Employer, Ranking, RankingEntry
from housing.rules.ranking import RULE as DEFAULT_RULE
from publicity.masking import mask_name
from publicity.public.selectors import masking_policy


@login_not_required
@require_safe
def lottery_result(request, pk: int):
    try:
        ranking = Ranking.objects.select_related("round").get(pk=pk, published=True)
    except Ranking.DoesNotExist:
        raise Http404("No such published ranking")
    # Only the columns the page shows: the full name is masked here, the ID number is never read.
    rows = (RankingEntry.objects.filter(ranking=ranking, rank__isnull=False)
            .order_by("employer_code", "rank")
            .values("employer_code", "rank", "lottery_key", "honours", "application__number",
                    "application__applicant_name"))
    employers = dict(Employer.objects.filter(
        credit_code__in={r["employer_code"] for r in rows if r["employer_code"]}).values_list("credit_code", "name"))
    policy = masking_policy()
    queues: dict[str, dict] = {}
    for row in rows:
        code = row["employer_code"]
        queue = queues.setdefault(code, {"employer_code": code, "employer_name": employers.get(code, ""),
                                         "entries": []})
        queue["entries"].append({"rank": row["rank"], "number": row["application__number"],
                                 "name": mask_name(row["application__applicant_name"], policy),
                                 "lottery_key": row["lottery_key"], "honours": row["honours"]})
    excluded = RankingEntry.objects.filter(ranking=ranking, rank__isnull=True).count()
    return render(request, "publicity/lottery_result.html", {
        "ranking": ranking, "queues": list(queues.values()), "excluded_count": excluded,
        # The rule's stored name is for the record; a reader is told which articles it applies (decision 0045).
        "default_rule": ranking.rule_in_force == DEFAULT_RULE,
    })
