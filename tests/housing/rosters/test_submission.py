"""R-16.2, R-X.5: an employer's roster — every bad cell named by row and column, nothing saved; a duplicate ID
refused; intake's rules applied to every household; all households or none."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from housing.exceptions import NotPermitted
from housing.groups import Group
from housing.models import Application, OfficeAction, Roster, RosterHousehold
from housing.rosters.exceptions import RosterRefused
from housing.rosters.services.submission import preview_roster, stage_roster_file, submit_roster
from housing.sanctions.services import record_sanction
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, advance, staff
from tests.factories.rosters import as_csv, as_xlsx, employer_account, roster_table

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def account():
    return employer_account(Group.INSTITUTION_TALENT)


@pytest.fixture
def round_():
    return AllocationRoundFactory()


def preview(account, round_, table, *, fmt="xlsx"):
    content = as_xlsx(table) if fmt == "xlsx" else as_csv(table)
    token = stage_roster_file(actor=account.user, name=f"roster.{fmt}", content=content)
    return token, preview_roster(actor=account.user, token=token, round_id=round_.pk)


def texts(report) -> list[str]:
    return [p.text() for p in report.problems]


def test_a_good_roster_previews_and_submits_every_household(account, round_):
    token, report = preview(account, round_, roster_table(4))
    assert report.problems == [] and len(report.households) == 4 and report.persons == 8
    assert not Roster.objects.exists()  # the preview saved nothing
    roster = submit_roster(actor=account.user, token=token, sha256=report.sha256, round_id=round_.pk)
    assert roster.status == Roster.Status.SUBMITTED and roster.households == 4 and roster.persons == 8
    assert RosterHousehold.objects.filter(roster=roster).count() == 4
    assert not Application.objects.exists()  # registered only when the talent unit accepts
    assert OfficeAction.objects.filter(action="submit_roster", object_id=str(roster.pk)).exists()


def test_english_headers_and_csv_are_read_too(account, round_):
    _token, report = preview(account, round_, roster_table(2, english=True), fmt="csv")
    assert report.problems == [] and len(report.households) == 2


def test_bad_cells_are_named_by_row_and_column_and_nothing_is_saved(account, round_):
    table = roster_table(3)
    table[3][3] = "440309199001011234"  # row 4: household 2's applicant, a wrong check digit
    table[6][6] = "火星"  # row 7: household 3's spouse, no such hukou
    token, report = preview(account, round_, table)
    problems = texts(report)
    assert len(problems) == 2
    assert problems[0].startswith("Row 4, column “ID number”")
    assert problems[1].startswith("Row 7, column “hukou”") and "火星" in problems[1]
    with pytest.raises(RosterRefused) as refused:
        submit_roster(actor=account.user, token=token, sha256=report.sha256, round_id=round_.pk)
    assert [p.text() for p in refused.value.problems] == problems
    assert not Roster.objects.exists() and not RosterHousehold.objects.exists()


def test_the_same_id_number_twice_in_a_roster_is_refused(account, round_):
    table = roster_table(3)
    table[5][3] = table[1][3]  # household 3's applicant carries household 1's applicant's ID number
    _token, report = preview(account, round_, table)
    assert texts(report) == ["Row 6, column “ID number”: this ID number is already on row 2"]


def test_a_household_without_exactly_one_applicant_is_refused(account, round_):
    table = roster_table(2)
    table[2][1] = "申请人"  # household 1 now has two applicants
    _token, report = preview(account, round_, table)
    assert "Row 2, column “relation to the applicant”" in texts(report)[0]


def test_the_form_must_be_one_the_group_may_receive(account, round_):
    table = roster_table(1)
    table[1][10] = "经济适用住房"  # C4 receives public rental housing or a subsidy (Art. 4)
    _token, report = preview(account, round_, table)
    assert texts(report)[0].startswith("Row 2, column “form of guarantee”")


def test_intakes_rules_apply_a_barred_person_is_named(account, round_):
    table = roster_table(3)
    barred = table[4][3]  # row 5: household 2's spouse
    refused_app = advance(ApplicationFactory(round=round_, members=[{
        "relation": "applicant", "name": "王五", "id_number": barred, "applying": True}]), Stage.REFUSED)
    record_sanction(actor=staff("ccb", "head"), ground="R-36.1", facts="隐瞒名下房产", application=refused_app)
    _token, report = preview(account, round_, table)
    assert any(t.startswith("Row 5, column “ID number”") and "barred" in t for t in texts(report))


def test_a_person_on_an_open_application_is_not_registered_again(account, round_):
    table = roster_table(2)
    ApplicationFactory(round=round_, members=[{"relation": "applicant", "name": "赵六", "id_number": table[1][3],
                                               "applying": True}])
    _token, report = preview(account, round_, table)
    # intake's own rule (housing.guarantees) names the open application first
    first = texts(report)[0]
    assert first.startswith("Row 2, column “ID number”: ") and "is already on application" in first


def test_a_closed_round_or_a_passed_deadline_refuses_the_whole_file(account):
    closed = AllocationRoundFactory(closed=True)
    _token, report = preview(account, closed, roster_table(1))
    assert texts(report) == ["This allocation round is closed for applications (Art. 16(1))."]
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        late = AllocationRoundFactory(application_deadline=timezone.localdate() + datetime.timedelta(days=1))
    _token, report = preview(account, late, roster_table(1))
    assert "application deadline" in texts(report)[0]


def test_a_round_not_inviting_the_group_refuses(account):
    other = AllocationRoundFactory(groups=[Group.NO_HOUSING])
    _token, report = preview(account, other, roster_table(1))
    assert "does not invite your group" in texts(report)[0]


def test_the_confirmation_must_be_the_previewed_bytes_and_this_accounts(account, round_):
    token, report = preview(account, round_, roster_table(1))
    with pytest.raises(RosterRefused):
        submit_roster(actor=account.user, token=token, sha256="0" * 64, round_id=round_.pk)
    other = employer_account(Group.INSTITUTION_TALENT)
    with pytest.raises(NotPermitted):
        submit_roster(actor=other.user, token=token, sha256=report.sha256, round_id=round_.pk)
    with pytest.raises(NotPermitted):  # a staff account submits no roster
        stage_roster_file(actor=staff("ccb", "clerk"), name="r.xlsx", content=as_xlsx(roster_table(1)))
    assert not Roster.objects.exists()


def test_not_a_spreadsheet_is_refused_before_staging(account):
    with pytest.raises(RosterRefused):
        stage_roster_file(actor=account.user, name="roster.pdf", content=b"%PDF-1.4")
    with pytest.raises(RosterRefused):
        stage_roster_file(actor=account.user, name="roster.xlsx", content=b"PK\x03\x04 not a zip")
