"""What entering a person or an employer in the bad-behaviour register will do, stated before it is done
(R-35–R-37): who, on which ground, the fine, and the days of the ban, as the service computes them."""

from django.utils.translation import gettext as _

from housing.web.confirmation import Confirmation
from housing.web.money import in_capitals, with_separators
from publicity.models import RegisterEntry


def sanction_confirmation(entry: RegisterEntry) -> Confirmation:
    """``entry``: the entry the service would write (from a rehearsal; not saved)."""
    facts = [(_("Name"), entry.name), (_("Subject"), entry.get_subject_display()),
             (_("Ground"), entry.get_ground_display())]
    if entry.application_id:
        facts.append((_("Application"), entry.application.number))
    if entry.fine is not None:
        facts += [(_("Fine (yuan)"), with_separators(entry.fine)),
                  (_("Fine in capital figures"), in_capitals(entry.fine))]
    facts += [(_("Barred from"), entry.barred_from.isoformat()),
              (_("Barred until"), entry.barred_until.isoformat())]
    return Confirmation(
        title=_("Enter %(name)s in the bad-behaviour register") % {"name": entry.name},
        lead=_("%(name)s is entered in the register and published on the public site; no application is "
               "accepted from %(from)s to %(until)s. An entry is not removed.") % {
            "name": entry.name, "from": entry.barred_from.isoformat(), "until": entry.barred_until.isoformat()},
        confirm_label=_("Confirm the entry"),
        basis={"act": "sanction", "subject": entry.subject, "name": entry.name, "id": entry.id_number,
               "code": entry.credit_code, "ground": entry.ground, "fine": str(entry.fine),
               "from": entry.barred_from.isoformat(), "until": entry.barred_until.isoformat(),
               "application": entry.application_id, "facts": entry.facts},
        facts=facts + [(_("Facts, as published"), entry.facts)])
