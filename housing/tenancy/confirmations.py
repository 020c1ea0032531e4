"""What ending a tenancy will do, stated before it is done (R-31–R-34): whose tenancy, which home, the
dates that follow, and the rent. Computed from the tenancy as it stands and from the dates entered."""

import datetime

from django.utils.translation import gettext as _

from housing.models import Termination, Tenancy
from housing.tenancy.selectors import termination_of
from housing.tenancy.services.exits import MOVE_OUT_DAYS
from housing.web.confirmation import Confirmation
from housing.web.money import with_separators


def _tenancy_facts(tenancy: Tenancy) -> list[tuple[str, str]]:
    return [(_("Tenant"), tenancy.application.applicant_name),
            (_("Application"), tenancy.application.number),
            (_("Contract"), tenancy.contract.number),
            (_("Home"), str(tenancy.unit)),
            (_("Lease"), f"{tenancy.starts_on.isoformat()} – {tenancy.ends_on.isoformat()}"),
            (_("Monthly rent (yuan)"), with_separators(tenancy.monthly_rent))]


def _basis(act: str, tenancy: Tenancy, **entered) -> dict:
    return {"act": act, "tenancy": tenancy.pk, "version": tenancy.version, "status": tenancy.status,
            **{k: str(v) for k, v in entered.items()}}


def termination_confirmation(tenancy: Tenancy, data: dict) -> Confirmation:
    reason, notified_on, violation = data["reason"], data["notified_on"], data.get("violation")
    move_out_by = notified_on + datetime.timedelta(days=MOVE_OUT_DAYS)
    facts = _tenancy_facts(tenancy) + [
        (_("Reason"), Termination.Reason(reason).label if reason in Termination.Reason.values else "—"),
        (_("Notice served on"), notified_on.isoformat()),
        (_("Move out by"), move_out_by.isoformat())]
    if violation is not None:
        facts.append((_("Violation the termination rests on"), str(violation)))
    return Confirmation(
        title=_("Serve a notice of termination"),
        lead=_("The tenancy of %(tenant)s in %(home)s ends: the notice is dated %(day)s and the household must "
               "move out by %(by)s. A notice served is not withdrawn.") % {
            "tenant": tenancy.application.applicant_name, "home": tenancy.unit, "day": notified_on.isoformat(),
            "by": move_out_by.isoformat()},
        confirm_label=_("Confirm and serve the notice"),
        basis=_basis("terminate", tenancy, reason=reason, notified_on=notified_on,
                     violation=violation.pk if violation else ""),
        facts=facts,
        consequences=[_("After the move-out date without the keys returned, the overstay is flagged and court "
                        "enforcement may be requested.")],
        fields={"version": tenancy.version})


def court_request_confirmation(tenancy: Tenancy, data: dict) -> Confirmation:
    termination = termination_of(tenancy)
    facts = _tenancy_facts(tenancy) + [(_("Court enforcement requested on"), data["requested_on"].isoformat())]
    if termination is not None:
        facts.append((_("Move out by"), termination.move_out_by.isoformat()))
    return Confirmation(
        title=_("Record the request for court enforcement"),
        lead=_("The people's court is asked to enforce the eviction of %(tenant)s from %(home)s, requested on "
               "%(day)s. The request is on record for good.") % {
            "tenant": tenancy.application.applicant_name, "home": tenancy.unit,
            "day": data["requested_on"].isoformat()},
        confirm_label=_("Confirm the request"),
        basis=_basis("court", tenancy, requested_on=data["requested_on"]), facts=facts,
        fields={"version": tenancy.version})


def keys_returned_confirmation(tenancy: Tenancy, data: dict) -> Confirmation:
    return Confirmation(
        title=_("Record the keys returned"),
        lead=_("The tenancy of %(tenant)s ends with the keys returned on %(day)s; %(home)s goes back into the "
               "stock to be let again.") % {
            "tenant": tenancy.application.applicant_name, "home": tenancy.unit,
            "day": data["returned_on"].isoformat()},
        confirm_label=_("Confirm: the tenancy ends"),
        basis=_basis("keys", tenancy, returned_on=data["returned_on"]),
        facts=_tenancy_facts(tenancy) + [(_("Keys returned on"), data["returned_on"].isoformat())],
        fields={"version": tenancy.version})
