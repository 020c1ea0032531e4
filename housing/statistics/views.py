"""The statistics page of each audience and the download of one figure's table (Arts. 5, 6, 35–38).

Every request is checked: the area (the CCB, the units responsible for a group, the Joint Meeting, discipline
inspection), then a group asked for through the filter against the reader's own groups."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from departments.permissions import CCB, DISCIPLINE, JOINT_MEETING
from housing.groups import Group
from housing.models import AllocationRound
from housing.statistics import exports, figures
from housing.statistics.forms import StatisticsFilterForm
from housing.statistics.scope import Filters, Scope, scope_of
from housing.web import access


def _audience_note(user, scope: Scope) -> str:
    unit = user.unit.code if user.unit_id else ""
    if unit == DISCIPLINE:
        return _("Discipline inspection reads every figure and changes nothing (Art. 6).")
    if unit == JOINT_MEETING:
        return _("Every figure, for the Joint Meeting's oversight of the measures (Art. 5).")
    if unit == CCB:
        return _("Every applicant group, the housing stock and the register (Art. 12).")
    return _("Your unit's applicant groups only: %(groups)s (Arts. 7, 9–11).") % {
        "groups": "、".join(str(Group(g).label) for g in scope.group_list)}


def _read(request) -> tuple[StatisticsFilterForm, Scope, Filters]:
    access.require_area(request.user, "statistics")
    scope = scope_of(request.user)
    form = StatisticsFilterForm(request.GET or None, scope=scope)
    form.is_valid()
    filters = form.filters()
    if filters.group and scope.groups is not None and filters.group not in scope.groups:
        raise PermissionDenied  # another unit's group (R-X.2)
    return form, scope, filters


def _described(filters: Filters) -> str:
    parts = [_("Year %(year)s") % {"year": filters.year}]
    if filters.round_id:
        round_ = AllocationRound.objects.filter(pk=filters.round_id).first()
        parts.append(str(round_))
    parts.append(str(Group(filters.group).label) if filters.group else _("all groups in scope"))
    return " · ".join(parts)


@require_GET
def statistics_page(request):
    form, scope, filters = _read(request)
    today = timezone.localdate()
    shown = figures.build(scope, filters, figures.numbers(scope, filters, today))
    query = request.GET.urlencode()
    return render(request, "housing/statistics/statistics.html", {
        "form": form, "figures": shown, "unit": request.user.unit, "note": _audience_note(request.user, scope),
        "described": _described(filters), "query": query, "groups": [(Group(g), g) for g in scope.group_list],
        "as_of": timezone.localtime(),
    }, status=400 if form.errors else 200)


@require_GET
def figure_download(request, key: str):
    form, scope, filters = _read(request)
    if form.errors:
        return render(request, "housing/statistics/statistics.html", {
            "form": form, "figures": [], "unit": request.user.unit, "note": _audience_note(request.user, scope),
            "described": "", "query": "", "groups": [], "as_of": timezone.localtime()}, status=400)
    shown = {f.key: f for f in figures.build(scope, filters, figures.numbers(scope, filters, timezone.localdate()))}
    figure = shown.get(key)
    if figure is None:
        raise Http404("No such figure")
    response = HttpResponse(exports.workbook(figure, described=_described(filters)),
                            content_type=exports.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="statistics-{key}-{filters.year}.xlsx"'
    return response
