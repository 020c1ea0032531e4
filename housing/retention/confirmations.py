"""What changing a retention period will do, stated before it is done (R-X.2, R-38; docs/decisions/0047).

A shorter period is carried out by the next nightly purge, and a purge cannot be undone: the files are deleted
and the ID numbers and contacts erased. So the statement counts, with the purge's own queries, what the next
purge would take under the new period and what it would have taken under the period in force."""

from django.utils import timezone
from django.utils.translation import gettext as _

from housing.models import RetentionRule
from housing.retention.purge import DUE
from housing.retention.rules import DEFAULTS, closed_before
from housing.retention.selectors import months_in_force
from housing.web.confirmation import Confirmation


def rule_change_confirmation(data: dict) -> Confirmation:
    category, months, reason = data["category"], data["months"], data["reason"].strip()
    in_force = months_in_force().get(category, DEFAULTS[category].months) if category in DEFAULTS else months
    today = timezone.localdate()
    before_new, before_old = closed_before(today, months), closed_before(today, in_force)
    due_new = DUE[category](before_new).count() if category in DUE else 0
    due_old = DUE[category](before_old).count() if category in DUE else 0
    label = RetentionRule.Category(category).label
    names = {"label": label, "old": in_force, "new": months, "day": before_new.isoformat(),
             "count": due_new, "more": max(due_new - due_old, 0)}
    if months < in_force:
        lead = _("%(label)s: kept %(new)d months after closing instead of %(old)d. The next nightly purge takes "
                 "%(count)d records closed before %(day)s, %(more)d of them only because of this change. A purge "
                 "cannot be undone: files are deleted and ID numbers and contacts erased.") % names
    elif months > in_force:
        lead = _("%(label)s: kept %(new)d months after closing instead of %(old)d. Nothing more is purged; what "
                 "was purged before stays purged.") % names
    else:
        lead = _("%(label)s: the period stays %(new)d months; the new reason is recorded.") % names
    return Confirmation(
        title=_("Change the retention period: %(label)s") % names,
        lead=lead,
        confirm_label=_("Confirm the new period"),
        basis={"act": "retention-rule", "category": category, "old": in_force, "new": months, "reason": reason,
               "day": today.isoformat(), "due": [due_old, due_new]},
        facts=[(_("Category"), str(label)), (_("Period in force (months)"), str(in_force)),
               (_("New period (months)"), str(months)),
               (_("Purged at the next nightly purge: closed before"), before_new.isoformat()),
               (_("Records the next purge takes under the new period"), str(due_new)),
               (_("Records it would take under the period in force"), str(due_old)),
               (_("Reason"), reason)],
        consequences=[_("The change and its reason are recorded with your name; discipline inspection reads them "
                        "on this page.")])
