"""Intake's rules over a whole roster (R-16.2, SPEC §3, §12, §13): every household is checked exactly as the CCB's
intake checks one application (housing.review.services.intake.intake_refusals), and each refusal is named by the
spreadsheet row and column it comes from. On top of them, what only a roster can get wrong: an applicant already
waiting on another roster (one guarantee at a time, Art. 3)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from housing.models import AllocationRound, Employer, Roster, RosterHousehold
from housing.review.services.intake import EmployerData, IntakeData, intake_refusals_many
from housing.rosters.columns import BY_KEY, Household, Problem

DATE_FIELDS = ("hukou_since",)


def employer_data(employer: Employer) -> EmployerData:
    # the year's key-enterprise list is the Economic Services Bureau's, not the roster's (docs/decisions/0041)
    return EmployerData(name=employer.name, credit_code=employer.credit_code, kind=employer.kind)


def intake_data(*, members: list[dict], facts: dict, form: str, round_: AllocationRound, group: str,
                employer: Employer) -> IntakeData:
    """Intake's IntakeData for a household, from the cells (dates) or from the roster's JSON (ISO text)."""
    people = []
    for member in members:
        person = dict(member)
        for name in DATE_FIELDS:
            if isinstance(person.get(name), str):
                person[name] = datetime.date.fromisoformat(person[name])
        people.append(person)
    return IntakeData(round=round_, group=group, form=form, members=people, employer=employer_data(employer),
                      facts=dict(facts))


def round_problems(round_: AllocationRound, group: str) -> list[Problem]:
    """R-16.1: the round is open, invites the employer's group, and its application deadline has not passed."""
    problems = []
    if round_.status != AllocationRound.Status.OPEN:
        problems.append(Problem(_("This allocation round is closed for applications (Art. 16(1)).")))
    elif group not in round_.supply_notice.groups:
        problems.append(Problem(_("The supply notice of this round does not invite your group (Art. 16(1)).")))
    elif timezone.localdate() > round_.supply_notice.application_deadline:
        problems.append(Problem(_("The application deadline of this round was %(day)s (Art. 16(1)).") % {
            "day": round_.supply_notice.application_deadline.isoformat()}))
    return problems


def place_of(key: str, rows: list[int], applicant_row: int) -> tuple[int | None, str | None]:
    """The spreadsheet row and column of one of intake's field errors."""
    parts = key.split(".")
    if parts[0] == "members" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
        return rows[int(parts[1])], parts[2] if parts[2] in BY_KEY else None
    if parts[0] == "members":
        return applicant_row, None
    if parts[0] in ("form", "contact_phone", "talent_title", "talent_degree", "degree_full_time"):
        return applicant_row, parts[0]
    return None, None  # the round, the group, the employer: the whole file


def household_problems(households: list[Household], *, round_: AllocationRound, group: str,
                       employer: Employer, exclude_roster: Roster | None = None) -> list[Problem]:
    """Every refusal intake would give, row by row, and the roster's own (one open application per person)."""
    problems: list[Problem] = []
    whole_file: list[str] = []
    datas = [intake_data(members=h.members, facts=h.facts, form=h.form, round_=round_, group=group,
                         employer=employer) for h in households]
    for household, errors in zip(households, intake_refusals_many(datas)):
        applicant_row = household.rows[household.applicant_index]
        for key, messages in errors.items():
            row, column = place_of(key, household.rows, applicant_row)
            for message in messages:
                if row is None:
                    if message not in whole_file:
                        whole_file.append(message)
                else:
                    problems.append(Problem(message, row, column))
    problems[:0] = [Problem(m) for m in whole_file]
    problems.extend(_already_applying(households, exclude_roster=exclude_roster))
    return problems


def _already_applying(households: list[Household], *, exclude_roster: Roster | None) -> list[Problem]:
    """R-3.2, R-16.2: an applicant on another roster awaiting its decision is not submitted again (one query). A
    person on an application still open, or holding a guarantee, is intake's own refusal (housing.guarantees)."""
    where = {m["id_number"]: row for h in households for m, row in zip(h.members, h.rows)}
    if not where:
        return []
    problems = []
    waiting = RosterHousehold.objects.filter(applicant_id_number__in=list(where),
                                             roster__status=Roster.Status.SUBMITTED)
    if exclude_roster is not None:
        waiting = waiting.exclude(roster=exclude_roster)
    for number, roster in waiting.values_list("applicant_id_number", "roster__number"):
        problems.append(Problem(_("this person is already on roster %(roster)s, which awaits its decision") % {
            "roster": roster}, where[number], "id_number"))
    return sorted(problems, key=lambda p: p.row or 0)
