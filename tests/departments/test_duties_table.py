"""Every duty outside an application's steps, for every unit and role, exactly as the README's table of demo logins
says (docs/decisions/0024): the services and the FSM's permission= both answer from OFFICE_DUTIES, so this table is
what every page and every write enforces."""

import pytest

from departments.models import Role, StaffUser, Unit, UnitCode
from departments.permissions import OFFICE_DUTIES, may_do

CLERK, REVIEWER, HEAD = Role.CLERK, Role.REVIEWER, Role.HEAD
GROUP_UNITS = ("ccb", "org_personnel", "econ_services", "social_construction", "public_affairs")
TALENT_UNITS = ("org_personnel", "econ_services", "public_affairs")
VERIFYING_UNITS = ("verify_planning_land", "verify_family_planning", "verify_social_security",
                   "verify_public_security", "verify_civil_affairs", "verify_subdistrict")


def holders(units, roles) -> set[tuple[str, str]]:
    return {(unit, role) for unit in units for role in roles}


# duty -> the (unit, role) pairs that hold it
README = {
    "report_demand": holders(GROUP_UNITS, (CLERK, REVIEWER, HEAD)),  # R-15.1: each unit reports its groups' demand
    "draft_supply_plan": holders(["ccb"], (CLERK, HEAD)),
    "confirm_supply_plan": holders(["joint_meeting", "ccb"], (HEAD,)),  # R-5, R-15.4 (the CCB head for the secretariat)
    "record_plan_approval": holders(["joint_meeting", "ccb"], (HEAD,)),
    "record_joint_meeting_decision": holders(["joint_meeting"], (HEAD,)),  # the Joint Meeting's own
    "split_employer_quota": holders(TALENT_UNITS, (REVIEWER, HEAD)),
    "manage_stock": holders(["ccb"], (CLERK, HEAD)),
    "run_selection": holders(["ccb"], (CLERK, HEAD)),
    "prepare_subsidy_batch": holders(["finance"], (CLERK, HEAD)),  # prepared by the clerk ...
    "review_subsidy_batch": holders(["finance"], (REVIEWER, HEAD)),  # ... reviewed by a reviewer ...
    "approve_subsidy_batch": holders(["finance"], (HEAD,)),  # ... approved by the head
    "export_subsidy_batch": holders(["finance"], (CLERK, REVIEWER, HEAD)),
    "stop_subsidy": holders(["finance"], (REVIEWER, HEAD)),  # not the clerk who pays
    "manage_tenancy": holders(["ccb"], (CLERK, HEAD)),
    "decide_termination": holders(["ccb"], (HEAD,)),  # terminations are the head's
    "manage_ownership": holders(["ccb"], (HEAD,)),  # buy-backs and transfers
    "record_sanction": holders(["ccb"], (HEAD,)),  # the bad-behaviour register
    "answer_verification": holders(VERIFYING_UNITS, (CLERK, HEAD)),  # each agency answers its own requests
    "manage_employer_rosters": holders(TALENT_UNITS, (REVIEWER, HEAD)),  # R-7.2, R-9.2, R-11.2: employers' rosters
    "maintain_key_enterprise_list": holders(["econ_services"], (REVIEWER, HEAD)),  # the list of each year
    "resolve_flagged_set": holders(["ccb"], (HEAD,)),  # one household, one guarantee
    "maintain_retention_schedule": holders(["ccb"], (HEAD,)),  # R-X.2: how long personal data is kept
}


def account(unit: str, role: str) -> StaffUser:
    user = StaffUser(username=f"{unit}-{role}", roles=[role], is_active=True)
    user.unit = Unit(pk=UnitCode.values.index(unit) + 1, code=unit)
    return user


def test_the_table_names_every_duty():
    assert set(README) == set(OFFICE_DUTIES)


@pytest.mark.parametrize("duty", sorted(README))
@pytest.mark.parametrize("unit", UnitCode.values)
@pytest.mark.parametrize("role", [CLERK, REVIEWER, HEAD])
def test_each_unit_and_role_holds_exactly_the_duties_of_the_table(duty, unit, role):
    assert may_do(account(unit, role), duty) is ((unit, role) in README[duty])


@pytest.mark.parametrize("duty", sorted(README))
def test_no_account_without_a_unit_holds_a_duty(duty):
    sysadmin = StaffUser(username="root", roles=[Role.SYSADMIN], is_active=True, is_staff=True, is_superuser=True)
    assert may_do(sysadmin, duty) is False
