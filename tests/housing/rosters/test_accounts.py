"""R-7.2, R-9.2, R-11.2: the talent unit opens its employers' accounts; an employer's sign-in belongs to no unit
and holds no other role."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from departments.models import Role, StaffUser
from departments.permissions import is_employer, may_do
from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import Group
from housing.models import Employer, EmployerAccount, OfficeAction
from housing.rosters.services.accounts import create_employer_account
from tests.factories import make_credit_code, staff
from tests.factories.rosters import ACCOUNT_PASSWORD, employer_account

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def open_account(actor, **changes):
    values = {"credit_code": make_credit_code(900_001), "employer_name": "深圳市龙华区人民医院",
              "kind": Employer.Kind.ECW_INSTITUTION, "username": "hospital", "password": ACCOUNT_PASSWORD}
    values.update(changes)
    return create_employer_account(actor=actor, **values)


def test_the_responsible_unit_opens_an_account_bound_to_the_employer():
    account = open_account(staff("public_affairs", "reviewer"))
    assert account.group == Group.ECW_TALENT and account.employer.credit_code == make_credit_code(900_001)
    assert account.user.roles == [Role.EMPLOYER] and account.user.unit is None and is_employer(account.user)
    assert account.user.check_password(ACCOUNT_PASSWORD)
    assert OfficeAction.objects.filter(action="create_employer_account").count() == 1


def test_an_employer_of_another_group_is_refused():
    with pytest.raises(InvalidInput) as error:
        open_account(staff("org_personnel", "head"))  # a hospital is C5, not C4
    assert "kind" in error.value.field_errors
    assert not EmployerAccount.objects.exists()


@pytest.mark.parametrize("unit, role", [("ccb", "clerk"), ("ccb", "head"), ("public_affairs", "clerk"),
                                        ("finance", "head"), ("discipline", "reviewer")])
def test_other_units_and_roles_open_no_account(unit, role):
    with pytest.raises(NotPermitted):
        open_account(staff(unit, role))
    assert not EmployerAccount.objects.exists()


def test_a_bad_credit_code_a_taken_name_and_a_weak_password_are_each_named():
    employer_account(Group.ECW_TALENT, username="taken")
    with pytest.raises(InvalidInput) as error:
        open_account(staff("public_affairs", "reviewer"), credit_code="91440300XXXXXXXXX1", username="TAKEN",
                     password="12345")
    assert set(error.value.field_errors) == {"credit_code", "username", "password"}


def test_an_employer_account_holds_no_duty_and_no_unit():
    account = employer_account(Group.INSTITUTION_TALENT)
    assert not may_do(account.user, "manage_employer_rosters")
    user = account.user
    user.roles = [Role.EMPLOYER, Role.CLERK]
    with pytest.raises(ValidationError):
        user.full_clean()
    user = StaffUser(username="x-employer", roles=[Role.EMPLOYER])
    user.set_password(ACCOUNT_PASSWORD)
    user.full_clean()  # no unit is right for an employer
