"""The tenancies and their arrears as an export (R-33, R-6): the page's filters, selector and refusal
(housing.exports)."""

from django.utils.translation import gettext_lazy as _

from housing.exports.tables import Column, Table, register
from housing.tenancy import selectors
from housing.tenancy.forms.tenancy import TenancyFilterForm


def _tenancies(user, filters):
    return selectors.tenancies_for_list(user, **TenancyFilterForm(filters or None).filters())


register(Table(
    name="tenancies", title=_("Tenancies"), page="housing:tenancy_list", rows=_tenancies,
    columns=(
        Column(_("Contract"), lambda t: t.contract.number),
        Column(_("Tenant"), lambda t: t.application.applicant_name),
        Column(_("Home"), lambda t: str(t.unit)),
        Column(_("Lease starts"), lambda t: t.starts_on),
        Column(_("Lease ends"), lambda t: t.ends_on),
        Column(_("Monthly rent (yuan)"), lambda t: t.monthly_rent),
        Column(_("Status"), lambda t: t.get_status_display()),
        Column(_("Arrears"), lambda t: _("In arrears") if t.has_arrears else ""),
    ),
))
