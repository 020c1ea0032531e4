"""Households and applications, registered through intake as a CCB clerk would (R-12.2, R-16.2).

``ApplicationFactory()`` is a C3 public-rental application in a fresh round;
``ApplicationFactory(c6=True, subsidy=True, round=r)`` a C6 subsidy application
in round ``r``; ``IntakeDataFactory.build(...)`` the same input without
registering it (for intake tests that break one field).
"""

import datetime

import factory

from housing.groups import ALLOWED_FORMS, TALENT_GROUPS, Form, Group
from housing.models import Application, Employer
from housing.review.services.intake import EmployerData, IntakeData, register_application
from tests.factories.identity import make_credit_code, make_id_number
from tests.factories.rounds import AllocationRoundFactory
from tests.factories.staff import staff

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞"]

EMPLOYER_KIND = {
    Group.INSTITUTION_TALENT: Employer.Kind.PUBLIC_INSTITUTION,
    Group.ECW_TALENT: Employer.Kind.ECW_INSTITUTION,
    Group.ENTERPRISE_TALENT: Employer.Kind.ENTERPRISE,
}


def _name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]


class MemberFactory(factory.DictFactory):
    """One person of the household, as the intake form sends it: eligible facts by default."""

    relation = "applicant"
    applying = True
    name = factory.Sequence(_name)
    id_number = factory.Sequence(
        lambda n: make_id_number(birth=datetime.date(1990, 1, 1) + datetime.timedelta(days=n % 3650), order=n // 3650)
    )
    marital_status = "single"
    hukou = "longhua"
    hukou_since = datetime.date(2008, 9, 1)
    hukou_by_joining = False
    social_insurance_months = 72
    first_social_insurance_date = datetime.date(2014, 7, 1)
    owns_housing = False
    owns_residential_land = False
    bought_policy_housing_in_city = False
    bought_policy_housing_elsewhere = False
    received_price_difference_payment = False
    rents_affordable_housing = False
    received_purchase_subsidy = False
    family_planning_violation = False


class EmployerDataFactory(factory.Factory):
    class Meta:
        model = EmployerData

    name = factory.Sequence(lambda n: f"深圳市龙华区第{n}单位")
    credit_code = factory.Sequence(make_credit_code)
    kind = Employer.Kind.PUBLIC_INSTITUTION
    key_enterprise_year = None


def _employer(o):
    if o.group not in TALENT_GROUPS:
        return None
    year = o.round.year if o.group == Group.ENTERPRISE_TALENT else None
    return EmployerDataFactory(kind=EMPLOYER_KIND[o.group], key_enterprise_year=year)


def _facts(o):
    if o.group in TALENT_GROUPS:
        # A mid/junior talent: full-time master's degree; R-27 pays 1,000 a month.
        return {"talent_degree": "master", "degree_full_time": True, "contact_phone": "13800138000"}
    return {"contact_phone": "13800138000"}


def _members(o):
    members = [MemberFactory()]
    if o.with_spouse:
        members[0]["marital_status"] = "married"
        members.append(MemberFactory(relation="spouse", marital_status="married"))
    return members


class IntakeDataFactory(factory.Factory):
    """What the intake form hands to ``register_application``."""

    class Meta:
        model = IntakeData

    class Params:
        with_spouse = False
        c1 = factory.Trait(group=Group.LOW_INCOME_NO_HOUSING)
        c2 = factory.Trait(group=Group.MINIMUM_ALLOWANCE)
        c3 = factory.Trait(group=Group.NO_HOUSING)
        c4 = factory.Trait(group=Group.INSTITUTION_TALENT)
        c5 = factory.Trait(group=Group.ECW_TALENT)
        c6 = factory.Trait(group=Group.ENTERPRISE_TALENT)
        subsidy = factory.Trait(form=Form.SUBSIDY)

    round = factory.LazyFunction(AllocationRoundFactory)  # always opened, even for .build()
    group = Group.NO_HOUSING
    # The first form the group may receive: economic housing for C1, public rental for the others.
    form = factory.LazyAttribute(lambda o: ALLOWED_FORMS[o.group][0])
    members = factory.LazyAttribute(_members)
    employer = factory.LazyAttribute(_employer)
    facts = factory.LazyAttribute(_facts)


class ApplicationFactory(IntakeDataFactory):
    """A registered application at stage ``submitted``, with its intake history row."""

    class Meta:
        model = Application

    actor = factory.LazyFunction(lambda: staff("ccb", "clerk"))

    @classmethod
    def _create(cls, model_class, *, actor, **kwargs):
        return register_application(actor=actor, data=IntakeData(**kwargs))

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Use IntakeDataFactory.build() for unregistered input.")
