"""Objections to decide and inquiries to answer (R-16.5, R-16.6): the responsible unit's reviewers and heads decide
the objections of their groups; inquiries go to whoever ``can_answer_inquiry`` names. The measures set no period
for either; an open objection holds the announcement of its list (R-16.7), so the oldest come first."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from departments.permissions import CCB, DECIDERS, OPERATORS, is_read_only, may
from housing.desk.queues.rows import QueueRow, QueueSection, section_of
from housing.groups import SHORT_CODE, Group
from publicity import selectors as publicity_selectors

PERIOD_NOTE = _("The measures set no period for deciding an objection or answering an inquiry; an open objection "
                "holds back the announcement of its list.")


def _groups_deciding(user) -> list[str]:
    return [g for g in Group.values if may(user, "uphold_objection", g)]


def _section(key, title, qs, make_row, more_url) -> QueueSection | None:
    return section_of(key, title, qs, make_row, more_url=more_url, period_note=PERIOD_NOTE)


def objections(user, today: datetime.date) -> QueueSection | None:
    groups = _groups_deciding(user)
    if is_read_only(user) or not groups:
        return None
    qs = (publicity_selectors.objections_visible_to(user, decided=False)
          .filter(application__group__in=groups).order_by("filed_at", "id"))
    return _section("objections", _("Objections to decide"), qs, lambda o: QueueRow(
        what=_("Decide the objection"), reference=o.receipt_number,
        detail=f"{o.application.number} · {SHORT_CODE[o.application.group]}",
        url=reverse("housing:decide_objection", args=[o.receipt_number]),
        arrived_on=timezone.localdate(o.filed_at), today=today),
        f"{reverse('housing:publicity_queue')}?{urlencode({'kind': 'objections', 'status': 'open'})}")


def inquiries(user, today: datetime.date) -> QueueSection | None:
    """The condition of ``can_answer_inquiry`` as a query: an inquiry naming an entry of a group whose objections
    the user decides, or a general one when the user is in a case role at the CCB."""
    if is_read_only(user):
        return None
    condition = Q(application__isnull=False, application__group__in=_groups_deciding(user))
    if user.unit_id and user.unit.code == CCB and user.has_role(*OPERATORS, *DECIDERS):
        condition |= Q(application__isnull=True)
    qs = publicity_selectors.inquiries_visible_to(user, answered=False).filter(condition).order_by("filed_at", "id")
    return _section("inquiries", _("Inquiries to answer"), qs, lambda i: QueueRow(
        what=_("Answer the inquiry"), reference=i.receipt_number,
        detail=i.application.number if i.application_id else i.notice.get_group_display(),
        url=reverse("housing:answer_inquiry", args=[i.receipt_number]),
        arrived_on=timezone.localdate(i.filed_at), today=today),
        f"{reverse('housing:publicity_queue')}?{urlencode({'kind': 'inquiries', 'status': 'open'})}")


def publicity_sections(user, today: datetime.date) -> list[QueueSection]:
    return [s for s in (objections(user, today), inquiries(user, today)) if s]
