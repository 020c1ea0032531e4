"""What the steps of an application that cannot be undone will do, stated before they are done: a withdrawal
(R-16.b) and a give-up (SPEC §13) end the application for good."""

from django.utils.translation import gettext as _

from housing.models import Application, GiveUp
from housing.web.confirmation import Confirmation


def _facts(application: Application) -> list[tuple[str, str]]:
    return [(_("Application"), application.number), (_("Applicant"), application.applicant_name),
            (_("Applicant group"), application.get_group_display())]


def withdraw_confirmation(application: Application, data: dict) -> Confirmation:
    return Confirmation(
        title=_("Withdraw application %(number)s") % {"number": application.number},
        lead=_("Application %(number)s of %(name)s is withdrawn at the applicant's written request. The record "
               "stays; the application cannot be taken up again.") % {
            "number": application.number, "name": application.applicant_name},
        confirm_label=_("Confirm the withdrawal"),
        basis={"act": "withdraw", "application": application.pk, "version": application.version,
               "stage": application.stage, "reason": data["reason"]},
        facts=_facts(application) + [(_("Reason given by the applicant"), data["reason"])],
        fields={"version": application.version})


def give_up_confirmation(application: Application, data: dict) -> Confirmation:
    kind = GiveUp.Kind(data["kind"]).label if data["kind"] in GiveUp.Kind.values else "—"
    return Confirmation(
        title=_("Record the give-up of %(name)s") % {"name": application.applicant_name},
        lead=_("%(name)s is recorded as having given up (%(kind)s): a home held for the household goes back to "
               "the stock, and the give-up stays on record under the applicant's ID number.") % {
            "name": application.applicant_name, "kind": kind},
        confirm_label=_("Confirm the give-up"),
        basis={"act": "give-up", "application": application.pk, "version": application.version,
               "stage": application.stage, "kind": data["kind"], "note": data.get("note", "")},
        facts=_facts(application) + [(_("Kind of give-up"), kind)],
        fields={"version": application.version})
