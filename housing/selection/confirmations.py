"""What the acts of selection day that cannot be undone will do, stated before they are done (docs/decisions/0047):
issuing the selection notices of a list (or one household's, from its application page) fixes the order in which
the households are called and tells each of them (R-16.8a); recording that the household called did not select in
its turn gives its turn up for good (SPEC §13 弃选), unless no home could be offered to it (R-16.8c, R-17); closing
the selection day ends the calling.

The notices and the no-show are stated from inside the rehearsal of the act, since the service fixes the order
numbers and decides between a give-up and "not offered"; the close is stated from the session as it stands.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from housing.cases.citations import in_language
from housing.groups import Group
from housing.models import AllocationRound, Application, GiveUp, Selection, SelectionNotice, SelectionSession
from housing.selection.not_offered import NOT_OFFERED_EVENT, not_offered_in
from housing.selection.selectors import (
    calling_reason, give_up_count, next_household, selection_policy, still_to_call,
)
from housing.web.confirmation import Confirmation


def _who(application: Application) -> str:
    return " · ".join(part for part in (application.applicant_name,
                                        application.employer.name if application.employer_id else "") if part)


# --- selection notices (R-16.8a) ---------------------------------------------------------------------


def notices_confirmation(round_: AllocationRound, group: str, issued: list[SelectionNotice]) -> Confirmation:
    """``issued``: the notices the service issues (read inside the rehearsal, before it is rolled back), with the
    order numbers, the day and the place it fixed."""
    notices = list(SelectionNotice.objects.filter(pk__in=[n.pk for n in issued])
                   .select_related("application", "application__employer").order_by("order"))
    label = Group(group).label
    first, last = notices[0], notices[-1]
    days = sorted({n.selection_date for n in notices})
    places = list(dict.fromkeys(n.place for n in notices))
    article = in_language(["R-16.8a"], group)
    lead = ngettext(
        "%(count)d household of this list receives its selection notice now: it is called to select its home on "
        "%(date)s at %(place)s, in the order below (%(article)s).",
        "%(count)d households of this list receive their selection notices now: they are called to select their "
        "homes on %(date)s at %(place)s, in the order below (%(article)s).", len(notices)) % {
        "count": len(notices), "date": ", ".join(d.isoformat() for d in days), "place": "; ".join(places),
        "article": article}
    facts = [(_("Round"), str(round_)), (_("Applicant group"), label),
             (_("Notices issued now"), str(len(notices))),
             (_("Order of selection"), _("%(first)s to %(last)s") % {"first": first.order, "last": last.order}
              if len(notices) > 1 else str(first.order))]
    if first.order > 1:
        facts.append((_("Notices issued earlier for this list"), str(first.order - 1)))
    facts += [(_("Selection date"), ", ".join(d.isoformat() for d in days)),
              (_("Selection place"), "; ".join(places)),
              (_("Issued on"), first.issued_on.isoformat())]
    rows = [[str(n.order), n.application.number, _who(n.application),
             str(n.application.proposed_rank) if n.application.proposed_rank is not None else "—",
             calling_reason(n.application), n.selection_date.isoformat(), n.place] for n in notices]
    return Confirmation(
        title=ngettext("Issue the selection notice: %(group)s, %(round)s",
                       "Issue the selection notices: %(group)s, %(round)s", len(notices)) % {
            "group": label, "round": round_},
        lead=lead,
        confirm_label=ngettext("Confirm and issue the notice", "Confirm and issue the notices", len(notices)),
        # The application's version as the notice leaves it: another change to it meanwhile makes this stale.
        basis={"act": "selection-notices", "round": round_.pk, "group": group,
               "notices": [[n.application_id, n.application.version, n.order, n.selection_date.isoformat(),
                            n.place] for n in notices]},
        facts=facts,
        consequences=[
            _("Each household is sent a message inviting it to select its home; its notice can be printed from "
              "the order of selection."),
            _("On selection day the households are called in this order, one after another. A household that "
              "does not select in its turn gives it up (弃选)."),
            _("A notice issued is not withdrawn, and the order of selection is not changed afterwards."),
        ],
        table_caption=_("Households called to select, in order"),
        table_headers=[_("Order"), _("Application"), _("Applicant"), _("Rank"), _("Why in this order"),
                       _("Selection date"), _("Selection place")],
        table_rows=rows, numeric_columns=frozenset({0, 3}))


def notice_confirmation(application: Application) -> Confirmation:
    """R-16.8a: one household's notice, issued from its application page, stated as the notices of a list are.

    ``application``: as ``issue_selection_notice`` leaves it, read inside the rehearsal (its notice holds the order
    number, the day and the place the service fixed)."""
    notice = SelectionNotice.objects.get(application_id=application.pk)
    return notices_confirmation(AllocationRound.objects.get(pk=application.round_id), application.group, [notice])


# --- the household called did not select (SPEC §13 弃选) ---------------------------------------------


def _next_called(session: SelectionSession) -> tuple[tuple[str, str], int | None]:
    """R-16.8c: the household the session calls next, once this one has had its turn."""
    following = next_household(session)
    if following is None:
        return (_("Next to be called"), _("No other household of this list is left to call in this session.")), None
    return (_("Next to be called"), f"{following.selection_notice.order} · {following.number} · "
                                     f"{following.applicant_name}"), following.pk


def no_show_confirmation(session: SelectionSession, application: Application, *, version: int,
                         note: str) -> Confirmation:
    """Read inside the rehearsal of ``record_no_show``: whether the service recorded a give-up or, with no home left
    to offer the household, "not offered" (docs/decisions/0040), and who is called next then.

    ``application`` and ``version``: the household called and its version before the act."""
    notice = SelectionNotice.objects.get(application_id=application.pk)
    note = (note or "").strip()
    facts = [(_("Application"), application.number), (_("Applicant"), application.applicant_name),
             (_("Order of selection"), str(notice.order)),
             (_("Selection date"), notice.selection_date.isoformat())]
    if application.employer_id:
        facts.append((_("Employer"), application.employer.name))
    if note:
        facts.append((_("What happened"), note))
    next_fact, next_pk = _next_called(session)
    basis = {"act": "selection-no-show", "session": session.pk, "closed": bool(session.closed_at),
             "application": application.pk, "version": version, "order": notice.order, "note": note,
             "next": next_pk}
    not_offered = (application.history.filter(event=NOT_OFFERED_EVENT, payload__session=session.pk)
                   .order_by("-seq").first())
    if not_offered is not None:
        # record_not_offered writes the reason, then the clerk's note after it.
        reason = not_offered.reason.removesuffix(note).strip() if note else not_offered.reason
        return Confirmation(
            title=_("Record that no home could be offered to %(name)s") % {"name": application.applicant_name},
            lead=_("No home can be offered to %(name)s (application %(number)s, number %(order)s in the order of "
                   "selection): %(reason)s The household is recorded as not offered a home, not as having given "
                   "up its turn (弃选).") % {"name": application.applicant_name, "number": application.number,
                                            "order": notice.order, "reason": reason},
            confirm_label=_("Confirm: not offered"),
            basis={**basis, "outcome": "not_offered", "reason": not_offered.payload.get("reason")},
            facts=facts + [(_("Why no home can be offered"), reason), next_fact],
            consequences=[
                _("Nothing is counted against the applicant: the household keeps its selection notice and its "
                  "place, and is called again in a later session, when homes come back to the stock.")])
    count, limit = give_up_count(application.applicant_id_number), selection_policy().give_up_limit
    consequences = [_("The applicant is sent a message that the turn was given up.")]
    if limit and count >= limit:
        consequences.append(_("With this give-up the applicant reaches the limit of %(limit)s give-ups: no further "
                              "application of the applicant is accepted.") % {"limit": limit})
    elif limit:
        consequences.append(_("The give-up is counted against the applicant: after %(limit)s give-ups no further "
                              "application of the applicant is accepted.") % {"limit": limit})
    return Confirmation(
        title=_("Record that %(name)s did not select in its turn (弃选)") % {"name": application.applicant_name},
        lead=_("%(name)s (application %(number)s, number %(order)s in the order of selection) did not select in "
               "its turn: the household gives up its turn in this round (弃选) and is not called again. The give-up "
               "stays on record under the applicant's ID number.") % {
            "name": application.applicant_name, "number": application.number, "order": notice.order},
        confirm_label=_("Confirm the give-up (弃选)"),
        basis={**basis, "outcome": "give_up", "kind": GiveUp.Kind.NO_SHOW.value, "give_ups": count, "limit": limit},
        facts=facts + [(_("Give-ups of the applicant, this one included"), str(count)), next_fact],
        consequences=consequences)


# --- closing the selection day (R-16.8c) -------------------------------------------------------------


def close_confirmation(session: SelectionSession) -> Confirmation:
    """What ``close_session`` does: it ends the calling and lets go of the household called now; it records nothing
    for the households still to select, who keep their notices and are called in a later session of the list."""
    label = Group(session.group).label
    opened_on = timezone.localdate(session.opened_at)
    chosen = list(Selection.objects.filter(session=session).values_list("application_id", "unit_id", "holds")
                  .order_by("application_id"))
    # One session of a list is open at a time (one_open_selection_session): a no-show of the list recorded
    # while it is open is one of its own.
    no_shows = sorted(GiveUp.objects.filter(application__round_id=session.round_id,
                                            application__group=session.group, kind=GiveUp.Kind.NO_SHOW,
                                            recorded_at__gte=session.opened_at)
                      .values_list("application_id", flat=True))
    not_offered = list(not_offered_in(session).select_related("selection_notice").distinct()
                       .order_by("selection_notice__order"))
    waiting = list(still_to_call(session))
    current = next((a for a in waiting if a.pk == session.current_id), None)
    not_called = [a for a in waiting if a.pk != session.current_id]
    rows = [[str(a.selection_notice.order), a.number, a.applicant_name,
             _("Called now, nothing recorded yet") if a is current else _("Not yet called")] for a in waiting]
    rows += [[str(a.selection_notice.order), a.number, a.applicant_name, _("Not offered a home (not a give-up)")]
             for a in not_offered]
    rows.sort(key=lambda row: int(row[0]))
    facts = [(_("Round"), str(session.round)), (_("Applicant group"), label),
             (_("Opened on"), opened_on.isoformat()),
             (_("Homes chosen in this session"), str(len(chosen))),
             (_("Did not select in their turn (弃选)"), str(len(no_shows))),
             (_("Not offered a home (not a give-up)"), str(len(not_offered))),
             (_("Not yet called"), str(len(not_called)))]
    consequences = []
    if current is not None:
        facts.append((_("Called now"), f"{current.number} · {current.applicant_name}"))
        consequences.append(
            _("%(name)s, called now, has neither chosen nor been recorded as not present: the household is no "
              "longer called, and goes back to those still to select.") % {"name": current.applicant_name})
    left = len(waiting) + len(not_offered)
    if left:
        consequences.append(ngettext(
            "Nothing is recorded for the %(count)d household still to select: it is not a give-up; the household "
            "keeps its selection notice and its place in the order, and is called in a later session of this "
            "list.",
            "Nothing is recorded for the %(count)d households still to select: they are not give-ups; the "
            "households keep their selection notices and their places in the order, and are called in a later "
            "session of this list.", left) % {"count": left})
    else:
        consequences.append(_("Every household of this list has had its turn."))
    consequences.append(_("A closed session is not opened again: no household is called in it any more."))
    return Confirmation(
        title=_("Close the selection session: %(group)s, %(round)s") % {"group": label, "round": session.round},
        lead=ngettext(
            "The selection session opened on %(date)s is closed, with %(count)d home chosen in it.",
            "The selection session opened on %(date)s is closed, with %(count)d homes chosen in it.",
            len(chosen)) % {"date": opened_on.isoformat(), "count": len(chosen)},
        confirm_label=_("Confirm and close the session"),
        basis={"act": "close-selection-session", "session": session.pk, "closed": bool(session.closed_at),
               "current": session.current_id, "chosen": [list(c) for c in chosen], "no_shows": no_shows,
               "not_offered": [a.pk for a in not_offered],
               "to_call": [[a.pk, a.selection_notice.order] for a in waiting]},
        facts=facts, consequences=consequences,
        table_caption=_("Households still to select after the session"),
        table_headers=[_("Order"), _("Application"), _("Applicant"), _("In this session")],
        table_rows=rows, numeric_columns=frozenset({0}))
