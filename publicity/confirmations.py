"""What publishing a public notice and announcing its final list will do, stated before either is done
(R-16.4, R-16.7): which list, how many entries, the dates, and which entries are left out."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from housing.groups import Group
from housing.models import Application
from housing.policy import NoPolicyInForce
from housing.stages import Stage
from housing.web.confirmation import Confirmation
from housing.web.lists import in_a_line
from publicity.models import Objection, PublicNotice
from publicity.services import notice_ends_on

def _headers() -> list[str]:
    return [_("Rank"), _("Application"), _("Applicant")]


def _rows(applications) -> list[list[str]]:
    return [[str(a.proposed_rank or "—"), a.number, a.applicant_name] for a in applications]


def publish_confirmation(*, round, group: str, starts_on: datetime.date | None) -> Confirmation:
    """R-16.4: every rechecked application of the round and group goes onto the public notice."""
    starts_on = starts_on or timezone.localdate()
    try:
        ends_on = notice_ends_on(starts_on).isoformat()
    except NoPolicyInForce:  # the act itself refuses and says why
        ends_on = "—"
    ready = list(Application.objects.filter(round=round, group=group, stage=Stage.RECHECKED)
                 .order_by("proposed_rank", "id"))
    label = Group(group).label
    return Confirmation(
        title=_("Publish the public notice: %(group)s") % {"group": label},
        lead=ngettext("%(count)d application is published on the public site for objections, from %(start)s "
                      "to %(end)s. A published notice is not withdrawn.",
                      "%(count)d applications are published on the public site for objections, from %(start)s "
                      "to %(end)s. A published notice is not withdrawn.", len(ready)) % {
            "count": len(ready), "start": starts_on.isoformat(), "end": ends_on},
        confirm_label=_("Confirm and publish"),
        basis={"act": "publish-notice", "round": round.pk, "group": group, "starts": starts_on.isoformat(),
               "ends": ends_on, "entries": [[a.pk, a.version] for a in ready]},
        facts=[(_("Round"), str(round)), (_("Applicant group"), label), (_("Entries"), str(len(ready))),
               (_("First day"), starts_on.isoformat()), (_("Last day"), ends_on)],
        consequences=[_("Anyone may read the list and object to an entry until the last day."),
                      _("Names are shown masked on the public site, as the rules on publication require.")],
        table_caption=_("Entries of the notice"), table_headers=_headers(), table_rows=_rows(ready))


def announce_confirmation(notice: PublicNotice) -> Confirmation:
    """R-16.7: after the notice's last day, every entry still on the notice is announced; frozen and removed
    entries are not."""
    entries = list(notice.entries.order_by("proposed_rank", "id"))
    announced = [a for a in entries if a.stage == Stage.PUBLIC_NOTICE]
    left_out = [a for a in entries if a.stage != Stage.PUBLIC_NOTICE]
    objections = list(notice.objections.values_list("pk", "status"))
    label = Group(notice.group).label
    today = timezone.localdate()
    return Confirmation(
        title=_("Announce the final list: %(group)s") % {"group": label},
        lead=ngettext("%(count)d application is announced today (%(today)s) as the final list. An announced "
                      "list is final and is not withdrawn.",
                      "%(count)d applications are announced today (%(today)s) as the final list. An announced "
                      "list is final and is not withdrawn.", len(announced)) % {
            "count": len(announced), "today": today.isoformat()},
        confirm_label=_("Confirm and announce"),
        basis={"act": "announce", "notice": notice.pk, "announced": bool(notice.announced_at),
               "entries": [[a.pk, a.stage, a.version] for a in entries], "objections": objections},
        facts=[(_("Round"), str(notice.round)), (_("Applicant group"), label),
               (_("Notice period"), f"{notice.starts_on.isoformat()} – {notice.ends_on.isoformat()}"),
               (_("Entries announced"), str(len(announced))),
               (_("Entries not announced (frozen, removed or withdrawn)"), str(len(left_out))),
               (_("Objections decided"), str(sum(1 for _pk, s in objections if s != Objection.Status.OPEN))),
               (_("Date of the announcement"), today.isoformat())],
        consequences=[_("The announced applications go on to selection or to the subsidy.")],
        table_caption=_("The final list"), table_headers=_headers(), table_rows=_rows(announced))


def objection_decision_confirmation(objection: Objection, data: dict) -> Confirmation:
    """R-16.6: an objection is decided once: upheld, the entry leaves the list and the applicant is sent a written
    notice of removal; not upheld, the entry stays (frozen until every other objection to it is decided). The
    answer is what the objector reads with the receipt number. Neither is reopened."""
    application = objection.application
    upheld = data["upheld"]
    others = sorted(application.objections.filter(status=Objection.Status.OPEN).exclude(pk=objection.pk)
                    .values_list("receipt_number", flat=True))
    frozen = application.stage == Stage.FROZEN
    names = {"receipt": objection.receipt_number, "number": application.number, "name": application.applicant_name}
    if upheld:
        title = _("Uphold objection %(receipt)s") % names
        lead = (_("The objection is upheld: application %(number)s of %(name)s is removed from the list and "
                  "cannot be announced; the applicant is sent a written notice of removal.") if frozen else
                _("The objection is upheld and recorded; application %(number)s of %(name)s is no longer on the "
                  "list, so nothing else changes.")) % names
        confirm_label = _("Confirm: uphold the objection")
    else:
        title = _("Dismiss objection %(receipt)s") % names
        if frozen and others:
            lead = ngettext(
                "The objection is not upheld. Application %(number)s stays frozen until the %(count)d other "
                "objection to it is decided.",
                "The objection is not upheld. Application %(number)s stays frozen until the %(count)d other "
                "objections to it are decided.", len(others)) % {**names, "count": len(others)}
        elif frozen:
            lead = _("The objection is not upheld: application %(number)s of %(name)s is no longer frozen and stays "
                     "on the list, to be announced when the notice ends.") % names
        else:
            lead = _("The objection is not upheld and recorded; application %(number)s of %(name)s is no longer on "
                     "the list, so nothing else changes.") % names
        confirm_label = _("Confirm: the objection is not upheld")
    facts = [(_("Objection"), objection.receipt_number),
             (_("Filed on"), timezone.localtime(objection.filed_at).date().isoformat()),
             (_("Application"), application.number), (_("Applicant"), application.applicant_name),
             (_("Applicant group"), application.get_group_display()),
             (_("Decision"), _("Upheld") if upheld else _("Not upheld")),
             (_("Reason of the decision"), data["reason"].strip()),
             (_("Answer to the objector"), data["answer"].strip())]
    if others:
        facts.append((_("Other open objections to this entry"), in_a_line(others)))
    return Confirmation(
        title=title, lead=lead, confirm_label=confirm_label,
        basis={"act": "decide-objection", "objection": objection.pk, "status": objection.status,
               "application": application.pk, "version": application.version, "stage": application.stage,
               "others": others, "upheld": upheld, "reason": data["reason"].strip(),
               "answer": data["answer"].strip(), "notes": (data.get("investigation_notes") or "").strip()},
        facts=facts,
        consequences=[_("The objector reads this answer with the receipt number on the public site."),
                      _("A decided objection is not reopened.")],
        fields={"version": application.version})
