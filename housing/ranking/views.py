"""Ranking a round (R-16.3, SPEC §7) and sending the proposed list to the CCB."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from departments.permissions import can_view_application, is_read_only, may
from housing.cases import selectors
from housing.ranking.forms import RankingForm
from housing.groups import Group
from housing.models import Ranking, RankingEntry
from housing.plan.selectors import ranking_quotas
from housing.ranking.services import propose_ranked, rank_round
from housing.ranking.confirmations import propose_confirmation
from housing.web import confirmation
from housing.web.errors import run_service


def rankable_groups(user, round_) -> list[str]:
    if is_read_only(user):
        return []
    return [g for g in round_.supply_notice.groups if g in Group.values and may(user, "propose", g)]


@require_http_methods(["GET", "POST"])
def ranking_create(request, pk):
    round_ = selectors.get_round_or_404(pk)
    groups = rankable_groups(request.user, round_)
    if not groups:
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = RankingForm(request.POST, groups=groups)
        if form.is_valid():
            ranking, status = run_service(form, lambda: rank_round(actor=request.user, round=round_,
                                                                   **form.cleaned_data))
            if ranking is not None:
                messages.success(request, _("The ranking was made; check it, then send the proposed list."))
                return redirect("housing:ranking_detail", pk=ranking.pk)
        else:
            status = 400
    else:
        initial = {"group": request.GET.get("group")} if request.GET.get("group") in groups else {}
        form = RankingForm(initial=initial, groups=groups)
    # the groups one user ranks belong to one unit, so they share the unit's quota in the plan.
    plan_quotas = ranking_quotas(round=round_, group=groups[0])
    return render(request, "housing/ranking_form.html", {"form": form, "round": round_, "plan_quotas": plan_quotas},
                  status=status)


def _get_ranking_or_404(user, pk) -> Ranking:
    try:
        ranking = Ranking.objects.select_related("round", "created_by", "proposed_by").prefetch_related(
            Prefetch("entries", queryset=RankingEntry.objects.select_related("application"))).get(pk=pk)
    except Ranking.DoesNotExist:
        raise Http404("No such ranking")
    # R-X.2: a ranking outside the user's scope answers 404 like a missing one.
    probe = ranking.entries.all()[:1]
    if probe and not can_view_application(user, probe[0].application):
        raise Http404("No such ranking")
    if not probe and not may(user, "propose", ranking.group):
        raise Http404("No such ranking")
    return ranking


def queues_of(ranking: Ranking) -> tuple[list[dict], list[RankingEntry]]:
    queues: dict[str, list[RankingEntry]] = {}
    excluded = []
    for entry in ranking.entries.all():
        if entry.rank is None:
            excluded.append(entry)
        else:
            queues.setdefault(entry.employer_code, []).append(entry)
    return ([{"employer": code, "entries": sorted(entries, key=lambda e: e.rank)}
             for code, entries in sorted(queues.items())], excluded)


@require_GET
def ranking_detail(request, pk):
    ranking = _get_ranking_or_404(request.user, pk)
    queues, excluded = queues_of(ranking)
    can_propose = (ranking.proposed_at is None and not is_read_only(request.user)
                   and may(request.user, "propose", ranking.group) and any(q["entries"] for q in queues))
    return render(request, "housing/ranking_detail.html", {
        "ranking": ranking, "queues": queues, "excluded": excluded, "can_propose": can_propose,
    })


@require_POST
def ranking_propose(request, pk):
    ranking = _get_ranking_or_404(request.user, pk)
    if not may(request.user, "propose", ranking.group):
        raise PermissionDenied
    # Publishes the ranking and sends the list: stated first, done once confirmed (decision 0047).
    form = forms.Form(request.POST)
    count, _status, page = confirmation.run_confirmed(
        request, form, statement=propose_confirmation(ranking),
        act=lambda: propose_ranked(actor=request.user, ranking=ranking),
        cancel_url=reverse("housing:ranking_detail", args=[ranking.pk]))
    if page is not None:
        return page
    if count is None:
        for error in form.non_field_errors():
            messages.error(request, error)
    else:
        messages.success(request, ngettext("The proposed list was sent to the City Construction Bureau with %(count)d application.",
                                           "The proposed list was sent to the City Construction Bureau with %(count)d applications.",
                                           count) % {"count": count})
    return redirect("housing:ranking_detail", pk=ranking.pk)
