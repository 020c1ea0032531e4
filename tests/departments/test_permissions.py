"""Who sees which cases (R-X.2), which buttons a user gets (SPEC §2), and the account rules of a unit."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from departments.exceptions import AccountAdminOnly
from departments.models import StaffUser, UnitCode
from departments.permissions import DUTIES, may
from departments.services import unlock_account
from housing.cases import selectors
from housing.groups import SHORT_CODE, Form, Group
from housing.stages import Stage
from tests.factories import ApplicationFactory, StaffUserFactory, advance, staff

pytestmark = pytest.mark.django_db

# unit -> the groups whose cases it reads (None: every case; "subsidy": subsidy cases of every group)
SCOPE = {
    "ccb": None,
    "discipline": None,  # reads everything
    "org_personnel": {"C4"},
    "econ_services": {"C6"},
    "social_construction": {"C2"},
    "public_affairs": {"C5"},
    "finance": "subsidy",
    "joint_meeting": set(),
    "verify_planning_land": set(),
    "verify_family_planning": set(),
    "verify_social_security": set(),
    "verify_public_security": set(),
    "verify_civil_affairs": set(),
    "verify_subdistrict": set(),
}


@pytest.fixture
def one_of_each(allocation_round):
    """One housing application per group, and a subsidy application for each group that may have one."""
    apps = [ApplicationFactory(round=allocation_round, group=g) for g in Group.values]
    apps += [ApplicationFactory(round=allocation_round, group=g, subsidy=True)
             for g in (Group.MINIMUM_ALLOWANCE, Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT)]
    return apps


def test_the_scope_table_names_every_unit():
    assert set(SCOPE) == set(UnitCode.values)


@pytest.mark.parametrize("unit", list(SCOPE))
def test_each_unit_sees_exactly_its_cases_and_the_others_answer_404(unit, one_of_each):
    user = staff(unit, "reviewer")
    scope = SCOPE[unit]

    def visible(app):
        if scope is None:
            return True
        if scope == "subsidy":
            return app.form == Form.SUBSIDY
        return SHORT_CODE[app.group] in scope

    expected = {a.number for a in one_of_each if visible(a)}
    assert set(selectors.applications_visible_to(user).values_list("number", flat=True)) == expected
    for app in one_of_each:
        if app.number in expected:
            assert selectors.get_application_for_user_or_404(user, app.number) == app
        else:
            with pytest.raises(Http404):
                selectors.get_application_for_user_or_404(user, app.number)


def test_a_user_without_unit_or_inactive_sees_nothing(one_of_each):
    assert not selectors.applications_visible_to(StaffUserFactory(sysadmin=True)).exists()
    assert not selectors.applications_visible_to(StaffUserFactory(ccb=True, head=True, is_active=False)).exists()


@pytest.mark.parametrize("stage", [Stage.SUBMITTED, Stage.SUBSTANTIVE_REVIEW, Stage.FROZEN, Stage.ANNOUNCED])
def test_the_buttons_offered_are_exactly_the_steps_the_services_allow(stage, allocation_round):
    """The FSM's ``permission=`` and the services ask the same predicate (docs/decisions/0001)."""
    app = advance(ApplicationFactory(round=allocation_round, c4=True), stage)
    possible = {t.name for t in app.get_available_stage_transitions()}
    for unit in UnitCode.values:
        for role in ("clerk", "reviewer", "head"):
            user = staff(unit, role)
            offered = set(selectors.available_steps(user, app))
            assert offered == {step for step in possible if may(user, step, app.group)}, (unit, role)
    assert set(selectors.available_steps(staff("org_personnel", "reviewer"), app)) <= set(DUTIES)


def test_discipline_inspection_reads_every_case_and_is_offered_no_step(one_of_each):
    inspector = staff("discipline", "head")
    assert selectors.applications_visible_to(inspector).count() == len(one_of_each)
    assert all(selectors.available_steps(inspector, app) == [] for app in one_of_each)


def test_only_a_system_administrator_lifts_a_lock(db):
    """docs/decisions/0025: the administrator forgets an account's failed sign-ins; nobody else may."""
    account = StaffUserFactory()
    with pytest.raises(AccountAdminOnly):
        unlock_account(actor=staff("ccb", "head"), account=account)
    unlock_account(actor=StaffUserFactory(sysadmin=True), account=account)


def test_an_account_holds_known_roles_and_a_case_role_needs_a_unit(db):
    with pytest.raises(ValidationError) as unknown:
        StaffUser(username="x", roles=["approver"], unit=staff("ccb").unit).clean()
    assert "roles" in unknown.value.message_dict
    with pytest.raises(ValidationError) as no_unit:
        StaffUser(username="y", roles=["clerk"]).clean()
    assert "unit" in no_unit.value.message_dict
    StaffUser(username="z", roles=["sysadmin"]).clean()
