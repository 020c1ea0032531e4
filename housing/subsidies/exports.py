"""The subsidies and the monthly batches as exports (R-8.2, R-6): the pages' selectors and refusals
(housing.exports). A batch's payments leave as the bank file, on the batch's own page."""

from django.utils.translation import gettext_lazy as _

from housing.exports.tables import Column, Table, register
from housing.subsidies import selectors
from housing.web import access


def _subsidies(user, filters):
    access.require_area(user, "subsidies")  # as the page: 403 outside the area
    return selectors.subsidies_for_list(user)


def _batches(user, filters):
    access.require_area(user, "subsidies")
    return selectors.batches_for_list(user)


def _state(s):
    if s.stopped_now:
        return _("Stopped")
    return _("Paid") if s.started else _("Not started yet")


register(Table(
    name="subsidies", title=_("Housing subsidies"), page="housing:subsidy_list",
    rows=_subsidies,
    columns=(
        Column(_("Application"), lambda s: s.application.number),
        Column(_("Payee"), lambda s: s.application.applicant_name),
        Column(_("Applicant group"), lambda s: s.application.short_group),
        Column(_("Monthly amount (yuan)"), lambda s: s.monthly_amount),
        Column(_("First month"), lambda s: s.start_month.strftime("%Y-%m")),
        Column(_("This month"), _state),
    ),
))

register(Table(
    name="subsidy_batches", title=_("Subsidy payment batches"), page="housing:subsidy_batch_list", slug="subsidy-batches",
    rows=_batches,
    columns=(
        Column(_("Month"), lambda b: b.month.strftime("%Y-%m")),
        Column(_("Status"), lambda b: b.get_status_display()),
        Column(_("Payments"), lambda b: b.count),
        Column(_("Total (yuan)"), lambda b: b.total or 0),
    ),
))
