"""Rounds and their supply notices (R-16.1), public notices (R-16.4) and announcement (R-16.7)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from departments.permissions import can_manage_rounds, is_read_only, may
from housing.cases import selectors
from housing.plan.forms.rounds import PublishNoticeForm, RoundForm
from housing.plan.confirmations import round_open_confirmation
from housing.plan.rounds import open_round_with_supply_notice
from housing.web import confirmation
from housing.web.errors import run_service
from publicity import confirmations as publicity_confirmations
from publicity import selectors as publicity_selectors
from publicity.services import announce_notice as announce_notice_service
from publicity.services import publish_public_notice


@require_GET
def round_list(request):
    return render(request, "housing/round_list.html", {
        "rounds": selectors.rounds_for_list(request.user),
        "can_create": can_manage_rounds(request.user),
    })


@require_http_methods(["GET", "POST"])
def round_create(request):
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    status = 200
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            # Publishes the supply notice: stated with its text, groups and deadline, done only once
            # confirmed (decision 0047).
            round_, status, page = confirmation.run_confirmed(
                request, form, statement=round_open_confirmation(form.cleaned_data),
                act=lambda: open_round_with_supply_notice(actor=request.user, **form.cleaned_data),
                cancel_url=reverse("housing:round_list"))
            if page is not None:
                return page
            if round_ is not None:
                messages.success(request, _("The supply notice was published and the round %(round)s opened.")
                                 % {"round": round_})
                return redirect("housing:round_detail", pk=round_.pk)
        else:
            status = 400
    return render(request, "housing/round_form.html", {"form": form}, status=status)


def _publishable_groups(user, round_) -> list[str]:
    return [g for g in round_.supply_notice.groups if may(user, "publish_in_notice", g)]


@require_GET
def round_detail(request, pk):
    round_ = selectors.get_round_or_404(pk)
    groups = selectors.round_stage_counts(request.user, round_)
    notices = list(publicity_selectors.notices_of_round(request.user, round_))
    acting = not is_read_only(request.user)
    publishable = set(_publishable_groups(request.user, round_)) if acting else set()
    for row in groups:
        row["can_publish"] = row["group"] in publishable and row["rechecked"] > 0
        row["can_rank"] = acting and may(request.user, "propose", row["group"])
    for notice in notices:
        notice.can_announce = acting and notice.announced_at is None and may(request.user, "announce", notice.group)
    return render(request, "housing/round_detail.html", {"round": round_, "groups": groups, "notices": notices})


@require_http_methods(["GET", "POST"])
def publish_notice(request, pk):
    round_ = selectors.get_round_or_404(pk)
    groups = _publishable_groups(request.user, round_)
    if not groups:
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = PublishNoticeForm(request.POST, groups=groups)
        if form.is_valid():
            data = form.cleaned_data
            # Publishes: stated with its entries and dates, done only once confirmed (decision 0047).
            notice, status, page = confirmation.run_confirmed(
                request, form,
                statement=publicity_confirmations.publish_confirmation(round=round_, group=data["group"],
                                                                       starts_on=data["starts_on"]),
                act=lambda: publish_public_notice(actor=request.user, round=round_, group=data["group"],
                                                  starts_on=data["starts_on"]),
                cancel_url=reverse("housing:round_detail", args=[round_.pk]))
            if page is not None:
                return page
            if notice is not None:
                messages.success(request, _("The public notice was published; it runs from %(start)s to %(end)s.")
                                 % {"start": notice.starts_on, "end": notice.ends_on})
                return redirect("housing:round_detail", pk=round_.pk)
        else:
            status = 400
    else:
        initial = {"group": request.GET.get("group")} if request.GET.get("group") in groups else {}
        form = PublishNoticeForm(initial=initial, groups=groups)
    return render(request, "housing/round_form.html", {"form": form, "round": round_, "publishing": True},
                  status=status)


@require_POST
def announce_notice(request, pk):
    notice = publicity_selectors.get_notice_or_404(pk)
    if not may(request.user, "announce", notice.group):
        raise PermissionDenied
    # Publishes the final list: stated with its entries and done only once confirmed (decision 0047).
    form = forms.Form(request.POST)
    count, _status, page = confirmation.run_confirmed(
        request, form, statement=publicity_confirmations.announce_confirmation(notice),
        act=lambda: announce_notice_service(actor=request.user, notice=notice),
        cancel_url=reverse("housing:round_detail", args=[notice.round_id]))
    if page is not None:
        return page
    if count is None:
        for error in form.non_field_errors():
            messages.error(request, error)
    else:
        messages.success(request, ngettext("The final list was announced with %(count)d application.",
                                           "The final list was announced with %(count)d applications.", count)
                         % {"count": count})
    return redirect("housing:round_detail", pk=notice.round_id)
