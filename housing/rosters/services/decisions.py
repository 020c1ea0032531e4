"""R-7.2, R-9.2, R-11.2, R-16.2: the talent unit responsible for the employer's group accepts a roster — every
household becomes an application awaiting the CCB's formal review, in one transaction — or returns it with a
reason, and no application is registered (docs/decisions/0033-employer-rosters.md)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from housing.exceptions import NotPermitted
from housing.groups import RESPONSIBLE_UNIT
from housing.models import Roster, RosterHousehold
from housing.models.roster import ROSTER_DUTY
from housing.office.step import office_step
from housing.review.services.intake import enter_applications, intake_refusals_many
from housing.rosters.columns import Problem
from housing.rosters.exceptions import RosterRefused, StaleRoster
from housing.rosters.services.checks import place_of, intake_data, round_problems

ARTICLES = "R-7.2, R-9.2, R-11.2, R-16.2"


def responsible_for(user, roster: Roster) -> bool:
    unit = user.unit.code if getattr(user, "unit_id", None) else None
    return unit is not None and unit == RESPONSIBLE_UNIT[roster.group]


def _check_unit(actor):
    def check(locked: Roster) -> None:
        if not responsible_for(actor, locked):
            raise NotPermitted(_("Only the unit responsible for the employer's group decides its roster "
                                 "(Art. 7, 9, 11)."))
    return check


def _register_all(actor, roster: Roster) -> dict:
    """Every household through intake's rules and intake's writer; one refusal anywhere and nothing is kept (the
    whole step is one transaction). Each application's intake row names the roster."""
    problems = round_problems(roster.round, roster.group)
    if problems:
        raise RosterRefused(_("The roster cannot be accepted; return it to the employer."), problems=problems)
    entries = list(roster.entries.order_by("row"))
    reason = _("Submitted by %(employer)s on roster %(number)s; accepted by %(unit)s.") % {
        "employer": roster.employer.name, "number": roster.number, "unit": actor.unit}
    refused: list[Problem] = []
    datas = [intake_data(members=e.data["members"], facts=e.data["facts"], form=e.form, round_=roster.round,
                         group=roster.group, employer=roster.employer) for e in entries]
    for entry, data, errors in zip(entries, datas, intake_refusals_many(datas)):
        rows = entry.data.get("rows") or [entry.row] * len(data.members)
        for key, messages in errors.items():
            row, column = place_of(key, rows, entry.row)
            refused.extend(Problem(m, row, column) for m in messages)
    if refused:
        raise RosterRefused(_("The roster cannot be accepted as it stands (the rules changed since it was "
                              "submitted); return it to the employer with the reason."), problems=refused)
    applications = enter_applications(actor=actor, datas=datas, reason=reason,
                                      payload={"roster": roster.number, "employer": roster.employer.credit_code})
    for entry, application in zip(entries, applications):
        entry.application = application
    RosterHousehold.objects.bulk_update(entries, ["application"], batch_size=1000)
    roster.decided_by, roster.decided_at = actor, timezone.now()
    return {"applications": len(entries)}


def accept_roster(*, actor, roster: Roster, expected_version: int) -> Roster:
    return office_step(
        actor=actor, obj=roster, transition="accept", duty=ROSTER_DUTY, expected_version=expected_version,
        action="accept_roster", article=ARTICLES, stale=StaleRoster(), check=_check_unit(actor),
        refused=StaleRoster(), record=lambda locked: _register_all(actor, locked),
        summary=lambda r: _("Roster %(number)s of %(employer)s accepted: %(count)s applications registered.") % {
            "number": r.number, "employer": r.employer.name, "count": r.households},
        data=lambda r: {"roster": r.number, "employer": r.employer.credit_code},
    )


def return_roster(*, actor, roster: Roster, expected_version: int, reason: str) -> Roster:
    reason = (reason or "").strip()
    if not reason:
        raise RosterRefused(_("Say why the roster is returned; the employer reads it."),
                            problems=[]) from None

    def record(locked: Roster) -> dict:
        locked.return_reason, locked.decided_by, locked.decided_at = reason[:2000], actor, timezone.now()
        return {"reason": locked.return_reason}

    return office_step(
        actor=actor, obj=roster, transition="return_to_employer", duty=ROSTER_DUTY,
        expected_version=expected_version, action="return_roster", article=ARTICLES, stale=StaleRoster(),
        check=_check_unit(actor), refused=StaleRoster(), record=record,
        summary=lambda r: _("Roster %(number)s of %(employer)s returned; no application was registered.") % {
            "number": r.number, "employer": r.employer.name},
        data=lambda r: {"roster": r.number, "employer": r.employer.credit_code},
    )
