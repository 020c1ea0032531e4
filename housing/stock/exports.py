"""The list of homes as an export (R-16.8b, R-6): the page's filters, selector and refusal (housing.exports).

The stock file of the import template stays at its own page (``export_stock``); this is the list as the page shows
it, in the language of the page."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from housing.exceptions import NotPermitted
from housing.exports.tables import Column, Table, register
from housing.stock import selectors
from housing.stock.forms import StockFilterForm


def _homes(user, filters):
    try:
        projects = selectors.projects_for_filter(user)
    except NotPermitted:
        raise PermissionDenied
    form = StockFilterForm(filters or None, projects=projects, buildings=selectors.buildings_for_filter(user))
    if form.is_bound:
        form.is_valid()
    return selectors.homes_visible_to(user, **form.filters())


register(Table(
    name="stock", title=_("Housing stock"), page="housing:stock_list", rows=_homes, slug="homes",
    columns=(
        Column(_("Home"), lambda h: h.number),
        Column(_("Project"), lambda h: h.building.project.name),
        Column(_("Building"), lambda h: h.building.name),
        Column(_("Form of guarantee"), lambda h: h.building.project.get_form_display()),
        Column(_("Unit type"), lambda h: h.get_unit_type_display()),
        Column(_("Area (m²)"), lambda h: h.area),
        Column(_("Floor"), lambda h: h.floor),
        Column(_("Monthly rent (yuan)"), lambda h: h.monthly_rent),
        Column(_("Price (yuan)"), lambda h: h.price),
        Column(_("Status"), lambda h: h.get_status_display()),
    ),
))
