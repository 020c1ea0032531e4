"""The demand reports as an export (R-15.1, R-15.2, R-6): the page's refusal and selector (housing.exports).

The page shows every unit's reports of the chosen year to those who read every unit (the CCB, discipline
inspection, the plan's other readers) and a group unit its own; so does the file."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import UnitCode
from housing.exports.tables import Column, Table, register
from housing.plan import selectors as sel
from housing.web import access


def _year(filters) -> int:
    default = timezone.localdate().year + 1  # as the page: next year's demand, collected until 31 October
    try:
        return int(filters.get("year", default))
    except (TypeError, ValueError):
        return default


def _reports(user, filters):
    access.require_area(user, "plan")
    year = _year(filters)
    if sel.sees_every_unit(user):
        units = sel.demand_by_unit(year)
    else:
        units = sel.demand_by_unit(year, unit_codes=[user.unit.code])
    return [report for unit in units for report in unit.reports]


UNITS = dict(UnitCode.choices)

register(Table(
    name="demand_reports", title=_("Demand reports"), page="housing:demand_overview", rows=_reports,
    slug="demand-reports",
    columns=(
        Column(_("Year reported for"), lambda r: r.year),
        Column(_("Unit"), lambda r: UNITS.get(r.unit.code, r.unit.code)),
        Column(_("Applicant group"), lambda r: r.get_group_display()),
        Column(_("Public rental"), lambda r: r.rental_households),
        Column(_("Economic housing"), lambda r: r.sale_households),
        Column(_("Subsidy"), lambda r: r.subsidy_households),
        Column(_("Submitted"), lambda r: r.submitted_at),
        Column(_("Late"), lambda r: _("late") if r.late else ""),
    ),
))
