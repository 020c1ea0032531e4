"""What recording the Joint Meeting's confirmation or the Management Committee's approval of a year's supply
plan will do, stated before it is done (R-15.3, R-15.4): the quotas of each unit that become binding, and the
reference and date recorded."""

from django.utils.translation import gettext as _

from housing.models import SupplyPlan
from housing.web.confirmation import Confirmation


def plan_decision_confirmation(plan: SupplyPlan, data: dict, *, decision: str) -> Confirmation:
    """``decision``: "confirm" (the Joint Meeting) or "approve" (the Management Committee)."""
    quotas = sorted(plan.quotas.select_related("unit"), key=lambda q: q.unit.code)
    rental = sum(q.rental_units for q in quotas)
    sale = sum(q.sale_units for q in quotas)
    if decision == "confirm":
        title = _("Record the Joint Meeting's confirmation of the supply plan %(year)s") % {"year": plan.year}
        lead = _("The supply plan %(year)s is recorded as confirmed by the Joint Meeting on %(day)s (%(ref)s); "
                 "its quotas can then no longer be edited.") % {
            "year": plan.year, "day": data["decided_on"].isoformat(), "ref": data["reference"]}
    else:
        title = _("Record the Management Committee's approval of the supply plan %(year)s") % {"year": plan.year}
        lead = _("The supply plan %(year)s is recorded as approved on %(day)s (%(ref)s); allocation rounds can "
                 "then be opened on it.") % {
            "year": plan.year, "day": data["decided_on"].isoformat(), "ref": data["reference"]}
    return Confirmation(
        title=title, lead=lead,
        confirm_label=_("Confirm and record"),
        basis={"act": f"plan-{decision}", "plan": plan.pk, "version": plan.version, "status": plan.status,
               "reference": data["reference"], "day": data["decided_on"].isoformat(),
               "quotas": [[q.unit.code, q.rental_units, q.sale_units] for q in quotas]},
        facts=[(_("Year"), str(plan.year)), (_("Reference"), data["reference"]),
               (_("Date"), data["decided_on"].isoformat()),
               (_("Public rental homes"), str(rental)), (_("Economic housing homes"), str(sale))],
        table_caption=_("Quotas of the units"),
        table_headers=[_("Unit"), _("Public rental homes"), _("Economic housing homes")],
        table_rows=[[str(q.unit), str(q.rental_units), str(q.sale_units)] for q in quotas],
        numeric_columns=frozenset({1, 2}), fields={"version": plan.version})
