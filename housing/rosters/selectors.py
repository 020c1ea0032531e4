"""What an employer and a talent unit may read of the rosters (R-9–11, R-16.8, R-X.2).

An employer reads only its own rosters and its own people's applications: each person's name, a masked ID number,
the application number and its stage; never a household's other facts nor anything of another employer. A talent
unit reads the rosters and accounts of its own group; discipline inspection reads all of them (R-6). Anything
outside a reader's scope answers 404, as a missing record does.
"""

from dataclasses import dataclass

from django.http import Http404

from departments.permissions import DISCIPLINE, is_employer
from housing.groups import groups_of_unit
from housing.models import AllocationRound, Application, EmployerAccount, Roster, RosterHousehold
from housing.selection.selectors import employer_quota_for
from publicity.masking import mask_id_number


def account_for(user) -> EmployerAccount | None:
    if not is_employer(user):
        return None
    return EmployerAccount.objects.select_related("employer").filter(user=user).first()


def _unit(user) -> str | None:
    return user.unit.code if getattr(user, "unit_id", None) else None


def rosters_visible_to(user):
    """Employer: its own. Talent unit: its group's. Discipline inspection: all. Anyone else: none."""
    qs = Roster.objects.select_related("employer", "round", "submitted_by", "decided_by")
    account = account_for(user)
    if account is not None:
        return qs.filter(employer_id=account.employer_id)
    unit = _unit(user)
    if unit == DISCIPLINE:
        return qs
    if unit is None:
        return qs.none()
    return qs.filter(group__in=groups_of_unit(unit))


def accounts_visible_to(user):
    qs = EmployerAccount.objects.select_related("employer", "user", "created_by")
    unit = _unit(user)
    if unit == DISCIPLINE:
        return qs
    return qs.filter(group__in=groups_of_unit(unit)) if unit else qs.none()


def get_roster_for_user_or_404(user, number: str) -> Roster:
    roster = rosters_visible_to(user).filter(number=number).first()
    if roster is None:
        raise Http404
    return roster


@dataclass(frozen=True)
class PersonLine:
    """One household on an employer's page: its own people only, the ID number masked."""

    row: int
    applicant_name: str
    id_masked: str
    form: str
    household_size: int
    application_number: str
    stage: str


def roster_lines(roster: Roster) -> list[PersonLine]:
    entries = (RosterHousehold.objects.filter(roster=roster).select_related("application")
               .only("row", "applicant_name", "applicant_id_number", "form", "household_size",
                     "application__number", "application__stage").order_by("row"))
    return [PersonLine(row=e.row, applicant_name=e.applicant_name, id_masked=mask_id_number(e.applicant_id_number),
                       form=e.get_form_display(), household_size=e.household_size,
                       application_number=e.application.number if e.application else "",
                       stage=e.application.get_stage_display() if e.application else "")
            for e in entries]


def employer_applications(account: EmployerAccount):
    """The employer's people's applications that came through its rosters, newest first, for its own page."""
    return (Application.objects.filter(employer_id=account.employer_id, roster_entry__isnull=False)
            .only("number", "applicant_name", "applicant_id_number", "stage", "form", "round__name",
                  "submitted_at").select_related("round").order_by("-submitted_at", "-id"))


@dataclass(frozen=True)
class QuotaLine:
    round: AllocationRound
    rental_units: int | None
    sale_units: int | None


def open_rounds_for(account: EmployerAccount) -> list[AllocationRound]:
    """The open rounds whose supply notice invites the employer's group (R-16.1)."""
    return [r for r in AllocationRound.objects.filter(status=AllocationRound.Status.OPEN)
            .select_related("supply_notice").order_by("-year", "-id") if account.group in r.supply_notice.groups]


def quotas_for(account: EmployerAccount) -> list[QuotaLine]:
    """R-7.2, R-9.2, R-11.2, R-17: the employer's quota in each open round, where its unit has set one."""
    lines = []
    for round_ in open_rounds_for(account):
        quota = employer_quota_for(round_, account.employer_id)
        lines.append(QuotaLine(round=round_, rental_units=quota.rental_units if quota else None,
                               sale_units=quota.sale_units if quota else None))
    return lines
