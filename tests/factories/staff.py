"""Staff accounts. Units come from the data migration (departments/migrations/0002_units.py): fetched, never made."""

import factory
from factory.django import DjangoModelFactory, Password

from departments.models import Role, StaffUser, Unit
from departments.permissions import DUTIES, acting_unit

PASSWORD = "Longhua-test-2026!"


def get_unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


class StaffUserFactory(DjangoModelFactory):
    """``StaffUserFactory(org_personnel=True, reviewer=True)``: one trait per unit and per role."""

    class Meta:
        model = StaffUser
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        unit_code = "ccb"
        # one trait per unit of SPEC §2
        ccb = factory.Trait(unit_code="ccb")
        org_personnel = factory.Trait(unit_code="org_personnel")
        econ_services = factory.Trait(unit_code="econ_services")
        social_construction = factory.Trait(unit_code="social_construction")
        public_affairs = factory.Trait(unit_code="public_affairs")
        finance = factory.Trait(unit_code="finance")
        discipline = factory.Trait(unit_code="discipline")
        joint_meeting = factory.Trait(unit_code="joint_meeting")
        verify_planning_land = factory.Trait(unit_code="verify_planning_land")
        verify_family_planning = factory.Trait(unit_code="verify_family_planning")
        verify_social_security = factory.Trait(unit_code="verify_social_security")
        verify_public_security = factory.Trait(unit_code="verify_public_security")
        verify_civil_affairs = factory.Trait(unit_code="verify_civil_affairs")
        verify_subdistrict = factory.Trait(unit_code="verify_subdistrict")
        # roles
        clerk = factory.Trait(roles=[Role.CLERK])
        reviewer = factory.Trait(roles=[Role.REVIEWER])
        head = factory.Trait(roles=[Role.HEAD])
        all_roles = factory.Trait(roles=[Role.CLERK, Role.REVIEWER, Role.HEAD])
        sysadmin = factory.Trait(unit_code=None, roles=[Role.SYSADMIN], is_staff=True)
        superuser = factory.Trait(unit_code=None, roles=[Role.SYSADMIN], is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda n: f"staff{n:05d}")
    first_name = factory.Sequence(lambda n: f"员工{n}")
    unit = factory.LazyAttribute(lambda o: get_unit(o.unit_code) if o.unit_code else None)
    roles = factory.LazyFunction(lambda: [Role.CLERK])
    password = Password(PASSWORD)
    is_active = True


def staff(unit_code: str | None, *roles: str, **extra) -> StaffUser:
    """The one account named ``<unit>-<roles>``, created on first use in a test (``extra`` applies only then)."""
    roles = roles or (Role.CLERK,)
    username = f"{unit_code or 'none'}-{'-'.join(roles)}"
    return StaffUserFactory(username=username, unit_code=unit_code, roles=list(roles), **extra)


def actor_for(step: str, group: str) -> StaffUser:
    """A user of the unit that holds the duty for this group, in the first role the duty names."""
    return staff(acting_unit(step, group), DUTIES[step][1][0])
