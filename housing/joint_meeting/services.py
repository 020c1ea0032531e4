"""Recording the Joint Meeting's decisions (R-5, R-7.3, R-17.2). Only the Joint Meeting's own accounts record them
(``record_joint_meeting_decision``); a decision is never changed: a correction is a new decision that supersedes the
earlier one, with its reason (docs/decisions/0039-joint-meeting-decisions.md)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from housing.exceptions import InvalidInput
from housing.groups import Group
from housing.models import Application, Employer, JointMeetingDecision
from housing.office.log import record_action, require_office_duty
from housing.policy import policy_or_defaults

Kind = JointMeetingDecision.Kind
DUTY = "record_joint_meeting_decision"
FIRST_YEAR = 2014  # the measures' year: no plan is older
YEARS_AHEAD = 5
# R-7.3: the case-by-case provision is Art. 7(3)'s, for the high-level talents the Organisation and Personnel Bureau
# counts: the talents of agencies and public institutions (C4).
CASE_BY_CASE_GROUPS = frozenset({Group.INSTITUTION_TALENT})
ARTICLES = {Kind.EMPLOYER_QUOTA: "R-17.2", Kind.CASE_BY_CASE: "R-7.3", Kind.OTHER: "R-5"}
# what the pages cite, as the measures do
ARTICLE_LABELS = {Kind.EMPLOYER_QUOTA: gettext_lazy("Art. 17"), Kind.CASE_BY_CASE: gettext_lazy("Art. 7(3)"),
                  Kind.OTHER: gettext_lazy("Art. 5")}


@dataclass(frozen=True)
class DecisionInput:
    """What the minutes say. The subject: ``employer``, ``year`` and ``homes`` for a quota (R-17.2);
    ``application_number`` for a case-by-case provision (R-7.3); ``subject`` in words for another matter (R-5)."""

    kind: str
    minutes_number: str
    meeting_date: datetime.date | None
    text: str
    employer: Employer | None = None
    year: int | None = None
    homes: int | None = None
    application_number: str = ""
    subject: str = ""


def _errors(data: DecisionInput, today: datetime.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.kind not in Kind.values:
        errors["kind"] = [_("Choose the kind of decision.")]
    if not data.minutes_number.strip():
        errors["minutes_number"] = [_("Enter the number of the Joint Meeting's minutes.")]
    if data.meeting_date is None:
        errors["meeting_date"] = [_("Enter the date of the meeting.")]
    elif data.meeting_date > today:
        errors["meeting_date"] = [_("The date cannot be in the future.")]
    if not data.text.strip():
        errors["text"] = [_("Enter what the Joint Meeting decided.")]
    if data.kind == Kind.EMPLOYER_QUOTA:
        cap = policy_or_defaults(today).employer_quota_cap
        if data.employer is None:
            errors["employer"] = [_("Choose the employer the decision is about.")]
        if data.year is None or not FIRST_YEAR <= data.year <= today.year + YEARS_AHEAD:
            errors["year"] = [_("Enter the year of the supply plan, from %(first)s to %(last)s.")
                              % {"first": FIRST_YEAR, "last": today.year + YEARS_AHEAD}]
        if data.homes is None or data.homes <= cap:
            errors["homes"] = [_("A decision is needed only above %(cap)s homes for one employer; enter the number "
                                 "of homes the Joint Meeting allowed, more than %(cap)s (Art. 17).") % {"cap": cap}]
    elif data.kind == Kind.CASE_BY_CASE and not data.application_number.strip():
        errors["application_number"] = [_("Enter the number of the application the provision is for.")]
    elif data.kind == Kind.OTHER and not data.subject.strip():
        errors["subject"] = [_("Enter the matter the Joint Meeting decided.")]
    return errors


def _application(number: str, errors: dict) -> Application | None:
    application = Application.objects.filter(number=number.strip()).first()
    if application is None:
        errors["application_number"] = [_("No application has this number.")]
    elif application.group not in CASE_BY_CASE_GROUPS:
        errors["application_number"] = [_("The case-by-case provision of Art. 7(3) is for high-level talents of "
                                           "agencies and public institutions; this application is of another "
                                           "group.")]
    return application


@transaction.atomic
def record_decision(*, actor, data: DecisionInput, supersedes: JointMeetingDecision | None = None,
                    correction_reason: str = "") -> JointMeetingDecision:
    """R-5, R-7.3, R-17.2: record one decision of the Joint Meeting as its minutes give it. ``supersedes``: the
    decision this one corrects (in force, of the same kind), with ``correction_reason``.

    R-17.2: one decision in force per employer and year; a second is refused, the earlier one being corrected
    instead, so the cap of an employer is never read from two decisions."""
    require_office_duty(actor, DUTY, _("Only the Joint Meeting records its decisions (%(article)s)."))
    today = timezone.localdate()
    errors = _errors(data, today)
    earlier = None
    if supersedes is not None:
        earlier = JointMeetingDecision.objects.select_for_update().filter(pk=supersedes.pk).first()
        if earlier is None or _is_superseded(earlier):
            raise InvalidInput(_("This decision was already superseded; correct the decision in force."))
        if earlier.kind != data.kind:
            errors["kind"] = [_("A correction is of the same kind as the decision it corrects.")]
        if not (correction_reason or "").strip():
            errors["correction_reason"] = [_("Enter why the earlier decision is corrected.")]
    application = None
    if data.kind == Kind.CASE_BY_CASE and "application_number" not in errors:
        application = _application(data.application_number, errors)
    if data.kind == Kind.EMPLOYER_QUOTA and data.employer is not None and data.year is not None:
        # Serialises two records for one employer (the check below reads, then writes).
        Employer.objects.select_for_update().filter(pk=data.employer.pk).first()
        in_force = (JointMeetingDecision.objects.in_force()
                    .filter(kind=Kind.EMPLOYER_QUOTA, employer=data.employer, year=data.year))
        if earlier is not None:
            in_force = in_force.exclude(pk=earlier.pk)
        other = in_force.first()
        if other is not None:
            errors["employer"] = [_("A decision on this employer's homes in %(year)s is in force (%(minutes)s); "
                                    "record a correction of it instead.")
                                  % {"year": data.year, "minutes": other.minutes_number}]
    if errors:
        raise InvalidInput(_("The decision was not recorded; correct the marked fields."), field_errors=errors)
    quota = data.kind == Kind.EMPLOYER_QUOTA
    decision = JointMeetingDecision(
        kind=data.kind, minutes_number=data.minutes_number.strip(), meeting_date=data.meeting_date,
        text=data.text.strip(), employer=data.employer if quota else None, year=data.year if quota else None,
        homes=data.homes if quota else None, application=application,
        subject=data.subject.strip() if data.kind == Kind.OTHER else "",
        supersedes=earlier, correction_reason=(correction_reason or "").strip() if earlier else "",
        recorded_by=actor)
    decision.full_clean()
    decision.save()
    summary = _("Joint Meeting decision %(minutes)s of %(date)s recorded: %(kind)s, %(subject)s.") % {
        "minutes": decision.minutes_number, "date": decision.meeting_date.isoformat(),
        "kind": decision.get_kind_display(), "subject": subject_of(decision)}
    if earlier is not None:
        summary += " " + _("It supersedes %(minutes)s of %(date)s.") % {
            "minutes": earlier.minutes_number, "date": earlier.meeting_date.isoformat()}
    record_action(actor=actor, action="supersede_joint_meeting_decision" if earlier else "record_joint_meeting_decision",
                  obj=decision, article=ARTICLES[Kind(decision.kind)], summary=summary,
                  data={"kind": decision.kind, "minutes_number": decision.minutes_number,
                        "meeting_date": decision.meeting_date.isoformat(), "employer": decision.employer_id,
                        "year": decision.year, "homes": decision.homes, "application": decision.application_id,
                        "supersedes": earlier.pk if earlier else None})
    return decision


def _is_superseded(decision: JointMeetingDecision) -> bool:
    return JointMeetingDecision.objects.filter(supersedes=decision).exists()


def subject_of(decision: JointMeetingDecision) -> str:
    """The subject in words, for the log and the pages."""
    if decision.kind == Kind.EMPLOYER_QUOTA:
        return _("%(employer)s, %(homes)s homes in the plan of %(year)s") % {
            "employer": decision.employer, "homes": decision.homes, "year": decision.year}
    if decision.kind == Kind.CASE_BY_CASE:
        return _("application %(number)s") % {"number": decision.application.number}
    return decision.subject
