"""R-16.2, R-X.5: an employer submits a roster — upload, preview (the dry run), confirm the same bytes.

As the stock import (housing.stock.services): the upload is kept under a random token with its sha256
(housing.web.staged_uploads.ROSTER_UPLOADS), read through housing.web.files (row limit, zip checks), checked cell
by cell (housing.rosters.columns) and by intake's rules (housing.rosters.services.checks), then written by the
django-import-export resource: in a transaction rolled back for the preview, for good on the confirmation. All rows
or none: one problem anywhere and nothing is submitted.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import is_employer
from housing.exceptions import NotPermitted
from housing.models import AllocationRound, EmployerAccount, Roster
from housing.office.log import record_action
from housing.rosters.columns import CheckedRoster, Household, Problem, check_table
from housing.rosters.exceptions import RosterRefused
from housing.rosters.resources import RosterHouseholdResource, dataset_of
from housing.rosters.services.checks import household_problems, round_problems
from housing.web.files import FileTooBig, UnreadableFile, check_upload, iter_table, sniff_format
from housing.web.staged_uploads import ROSTER_UPLOADS, StagedFile, UnknownUpload, UploadChanged, UploadedByAnother

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PERSONS = 40_000  # rows under the header: 10,000 households of four (housing.web.files.MAX_ROWS is 20,000)


@dataclass
class RosterReport:
    file_name: str
    sha256: str
    round: AllocationRound
    households: list[Household] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    roster: Roster | None = None

    @property
    def persons(self) -> int:
        return sum(len(h.members) for h in self.households)


def account_of(actor) -> EmployerAccount:
    """The employer account of this sign-in; NotPermitted for anyone else (staff included)."""
    account = getattr(actor, "employer_account", None) if is_employer(actor) else None
    if account is None:
        raise NotPermitted(_("Only an employer's own account submits its roster (Art. 16(2))."))
    return account


def stage_roster_file(*, actor, name: str, content: bytes) -> str:
    """Keep the upload for its preview; refuse at once what is not an xlsx or CSV or is too big."""
    account_of(actor)
    fmt = sniff_format(name, content)
    if fmt is None:
        raise RosterRefused(_("Upload the roster as an Excel workbook (.xlsx) or a CSV file (.csv)."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise RosterRefused(_("The file is larger than 5 MB; split it into several rosters."))
    try:
        check_upload(fmt, content, max_rows=MAX_PERSONS)
    except (FileTooBig, UnreadableFile) as exc:
        raise RosterRefused(exc.message)
    return ROSTER_UPLOADS.stage(actor=actor, name=name, fmt=fmt, content=content).token


def load_staged_roster(*, actor, token: str, sha256: str | None = None, use_up: bool = False) -> StagedFile:
    try:
        return ROSTER_UPLOADS.load(actor=actor, token=token, sha256=sha256, use_up=use_up)
    except (UnknownUpload, UploadChanged):
        raise RosterRefused(_("This upload is unknown or has expired; upload the file again."))
    except UploadedByAnother:
        raise NotPermitted(_("This roster was uploaded by another account; upload the file yourself."))


def open_round_for(account: EmployerAccount, round_id) -> AllocationRound:
    round_ = (AllocationRound.objects.select_related("supply_notice").filter(pk=round_id).first()
              if str(round_id).isdigit() else None)
    if round_ is None:
        raise RosterRefused(_("Choose an allocation round."))
    return round_


def _check(account: EmployerAccount, staged: StagedFile, round_: AllocationRound) -> RosterReport:
    report = RosterReport(file_name=staged.name, sha256=staged.sha256, round=round_)
    report.problems = round_problems(round_, account.group)
    if report.problems:
        return report
    try:
        table = list(iter_table(staged.format, staged.content, max_rows=MAX_PERSONS))
    except (FileTooBig, UnreadableFile) as exc:
        report.problems = [Problem(exc.message)]
        return report
    checked: CheckedRoster = check_table(table, group=account.group)
    report.households, report.problems = checked.households, checked.problems
    if not report.problems:
        report.problems = household_problems(report.households, round_=round_, group=account.group,
                                             employer=account.employer)
    return report


def _write(*, actor, account: EmployerAccount, report: RosterReport) -> Roster:
    """The roster and its households (the resource, bulk); the caller holds the transaction."""
    now = timezone.now()
    roster = Roster(number=f"tmp-{report.sha256[:16]}", employer=account.employer, round=report.round,
                    group=account.group, file_name=report.file_name[-200:], sha256=report.sha256,
                    households=len(report.households), persons=report.persons, submitted_by=actor,
                    submitted_at=now)
    roster.save()
    roster.number = f"MC-{report.round.year}-{roster.pk:05d}"
    Roster.objects.filter(pk=roster.pk).update(number=roster.number)
    result = RosterHouseholdResource(roster=roster).import_data(dataset_of(report.households), dry_run=False,
                                                                use_transactions=False, raise_errors=False)
    for number, errors in result.row_errors():
        for error in errors:
            report.problems.append(Problem(str(error.error), report.households[number - 1].rows[0]))
    for invalid in result.invalid_rows:
        for messages in invalid.error_dict.values():
            for message in messages:
                report.problems.append(Problem(str(message), report.households[invalid.number - 1].rows[0]))
    report.roster = roster
    return roster


def preview_roster(*, actor, token: str, round_id) -> RosterReport:
    """The dry run: the households the roster would submit, or every problem. Saves nothing."""
    account = account_of(actor)
    staged = load_staged_roster(actor=actor, token=token)
    report = _check(account, staged, open_round_for(account, round_id))
    if report.problems:
        return report
    with transaction.atomic():
        _write(actor=actor, account=account, report=report)
        transaction.set_rollback(True)
    report.roster = None
    return report


@transaction.atomic
def submit_roster(*, actor, token: str, sha256: str, round_id) -> Roster:
    """R-16.2: submit exactly the previewed file, every household or none, to the talent unit responsible."""
    account = account_of(actor)
    staged = load_staged_roster(actor=actor, token=token, sha256=sha256)
    report = _check(account, staged, open_round_for(account, round_id))
    if report.problems:
        raise RosterRefused(problems=report.problems)
    roster = _write(actor=actor, account=account, report=report)
    if report.problems:
        raise RosterRefused(problems=report.problems)
    record_action(actor=actor, action="submit_roster", obj=roster, article="R-16.2",
                  summary=_("Roster %(number)s submitted from %(file)s: %(households)s households, %(persons)s "
                            "persons.") % {"number": roster.number, "file": staged.name,
                                           "households": roster.households, "persons": roster.persons},
                  data={"file": staged.name, "sha256": staged.sha256, "round": report.round.pk})
    transaction.on_commit(lambda: ROSTER_UPLOADS.forget(token))  # a token submits once
    return roster
