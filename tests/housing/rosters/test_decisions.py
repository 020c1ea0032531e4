"""R-7.2, R-9.2, R-11.2, R-16.2: the talent unit responsible accepts a roster (every household an application
awaiting formal review, its history naming the roster) or returns it (no application); the wrong unit is refused."""

import pytest
from django.utils import translation

from housing.cases.history import verify_chain
from housing.exceptions import NotPermitted
from housing.groups import Group
from housing.models import Application, ApplicationHistory, OfficeAction, Roster, StageCount
from housing.rosters.exceptions import RosterRefused, StaleRoster
from housing.rosters.services.decisions import accept_roster, return_roster
from housing.sanctions.services import record_sanction
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, advance, staff
from tests.factories.rosters import employer_account, submitted_roster, unit_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def roster():
    return submitted_roster(employer_account(Group.ENTERPRISE_TALENT), AllocationRoundFactory(), 5)


def test_accepting_registers_every_household_awaiting_formal_review_with_its_history(roster):
    reviewer = unit_reviewer(Group.ENTERPRISE_TALENT)
    done = accept_roster(actor=reviewer, roster=roster, expected_version=roster.version)
    assert done.status == Roster.Status.ACCEPTED and done.decided_by == reviewer
    applications = list(Application.objects.filter(roster_entry__roster=roster).order_by("number"))
    assert len(applications) == 5
    assert {a.stage for a in applications} == {Stage.SUBMITTED}
    assert {a.group for a in applications} == {Group.ENTERPRISE_TALENT}
    assert {a.employer_id for a in applications} == {roster.employer_id}
    assert [a.household_size for a in applications] == [2] * 5
    for application in applications:
        row = ApplicationHistory.objects.get(application=application)
        assert row.event == "intake" and row.payload["roster"] == roster.number
        assert roster.number in row.reason and roster.employer.name in row.reason
        assert verify_chain(application) == []
        assert application.members.count() == 2
    assert StageCount.objects.get(round=roster.round, group=Group.ENTERPRISE_TALENT, form="public_rental",
                                  stage=Stage.SUBMITTED).count == 5
    assert OfficeAction.objects.filter(action="accept_roster", object_id=str(roster.pk)).count() == 1


def test_returning_registers_nothing_and_keeps_the_reason(roster):
    done = return_roster(actor=unit_reviewer(Group.ENTERPRISE_TALENT), roster=roster,
                         expected_version=roster.version, reason="第3户缺少学位证明，请补正后重新报送。")
    assert done.status == Roster.Status.RETURNED and "学位证明" in done.return_reason
    assert not Application.objects.exists()
    action = OfficeAction.objects.get(action="return_roster")
    assert action.data["reason"] == done.return_reason


def test_a_return_needs_a_reason(roster):
    with pytest.raises(RosterRefused):
        return_roster(actor=unit_reviewer(Group.ENTERPRISE_TALENT), roster=roster, expected_version=roster.version,
                      reason="  ")
    assert Roster.objects.get(pk=roster.pk).status == Roster.Status.SUBMITTED


@pytest.mark.parametrize("unit, role", [
    ("org_personnel", "reviewer"),  # another talent unit
    ("public_affairs", "head"),
    ("ccb", "clerk"),
    ("ccb", "head"),
    ("econ_services", "clerk"),  # the right unit, a role that decides nothing
    ("discipline", "reviewer"),
])
def test_only_the_responsible_unit_decides(roster, unit, role):
    with pytest.raises(NotPermitted):
        accept_roster(actor=staff(unit, role), roster=roster, expected_version=roster.version)
    with pytest.raises(NotPermitted):
        return_roster(actor=staff(unit, role), roster=roster, expected_version=roster.version, reason="不合格")
    assert Roster.objects.get(pk=roster.pk).status == Roster.Status.SUBMITTED
    assert not Application.objects.exists()


def test_the_head_of_the_responsible_unit_decides_too(roster):
    done = accept_roster(actor=staff("econ_services", "head"), roster=roster, expected_version=roster.version)
    assert done.status == Roster.Status.ACCEPTED


def test_a_stale_page_or_a_second_decision_is_refused(roster):
    reviewer = unit_reviewer(Group.ENTERPRISE_TALENT)
    accept_roster(actor=reviewer, roster=roster, expected_version=roster.version)
    with pytest.raises(StaleRoster):
        accept_roster(actor=reviewer, roster=roster, expected_version=roster.version)
    with pytest.raises(StaleRoster):
        return_roster(actor=reviewer, roster=roster, expected_version=roster.version + 1, reason="重复")
    assert Application.objects.count() == 5


def test_all_or_nothing_a_ban_entered_after_submission_refuses_the_whole_roster(roster):
    entry = roster.entries.order_by("row")[3]
    barred = entry.applicant_id_number
    refused = advance(ApplicationFactory(members=[{"relation": "applicant", "name": "钱七", "id_number": barred,
                                                   "applying": True}]), Stage.REFUSED)
    record_sanction(actor=staff("ccb", "head"), ground="R-36.1", facts="隐瞒名下房产", application=refused)
    before = Application.objects.count()
    with pytest.raises(RosterRefused) as error:
        accept_roster(actor=unit_reviewer(Group.ENTERPRISE_TALENT), roster=roster, expected_version=roster.version)
    assert [p.text() for p in error.value.problems][0].startswith(f"Row {entry.row}, column “ID number”")
    assert Application.objects.count() == before  # none of the five, not even the four without a ban
    assert Roster.objects.get(pk=roster.pk).status == Roster.Status.SUBMITTED
