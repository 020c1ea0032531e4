"""Applicant groups and forms of guarantee (SPEC §3): plain data, no ORM."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    LOW_INCOME_NO_HOUSING = "low_income_no_housing", _("C1 Low-income households without housing")
    MINIMUM_ALLOWANCE = "minimum_allowance", _("C2 Minimum-allowance households")
    NO_HOUSING = "no_housing", _("C3 Households without housing")
    INSTITUTION_TALENT = "institution_talent", _("C4 Talents of agencies and public institutions")
    ECW_TALENT = "ecw_talent", _("C5 Talents of education, culture and health institutions")
    ENTERPRISE_TALENT = "enterprise_talent", _("C6 Talents of key enterprises")


class Form(models.TextChoices):
    ECONOMIC_HOUSING = "economic_housing", _("Economic housing")
    PUBLIC_RENTAL = "public_rental", _("Public rental housing")
    SUBSIDY = "subsidy", _("Housing subsidy")


SHORT_CODE = {
    Group.LOW_INCOME_NO_HOUSING: "C1",
    Group.MINIMUM_ALLOWANCE: "C2",
    Group.NO_HOUSING: "C3",
    Group.INSTITUTION_TALENT: "C4",
    Group.ECW_TALENT: "C5",
    Group.ENTERPRISE_TALENT: "C6",
}

# SPEC §3: what each group may receive.
ALLOWED_FORMS = {
    Group.LOW_INCOME_NO_HOUSING: (Form.ECONOMIC_HOUSING,),
    Group.MINIMUM_ALLOWANCE: (Form.PUBLIC_RENTAL, Form.SUBSIDY),
    Group.NO_HOUSING: (Form.PUBLIC_RENTAL,),
    Group.INSTITUTION_TALENT: (Form.PUBLIC_RENTAL, Form.SUBSIDY),
    Group.ECW_TALENT: (Form.PUBLIC_RENTAL, Form.SUBSIDY),
    Group.ENTERPRISE_TALENT: (Form.PUBLIC_RENTAL, Form.SUBSIDY),
}

# SPEC §2/§3: the unit responsible for substantive review, ranking and objections of each group.
RESPONSIBLE_UNIT = {
    Group.LOW_INCOME_NO_HOUSING: "ccb",
    Group.MINIMUM_ALLOWANCE: "social_construction",
    Group.NO_HOUSING: "ccb",
    Group.INSTITUTION_TALENT: "org_personnel",
    Group.ECW_TALENT: "public_affairs",
    Group.ENTERPRISE_TALENT: "econ_services",
}

TALENT_GROUPS = frozenset({Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT})
FAMILY_GROUPS = frozenset({Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE, Group.NO_HOUSING})

# Art. 39(1): which kinds of employer (Employer.Kind's values) belong to which talent group.
EMPLOYER_KINDS = {
    Group.INSTITUTION_TALENT: frozenset({"agency", "public_institution"}),
    Group.ECW_TALENT: frozenset({"ecw_institution"}),
    Group.ENTERPRISE_TALENT: frozenset({"enterprise"}),
}


def groups_of_unit(unit_code: str | None) -> frozenset[str]:
    return frozenset(g for g, u in RESPONSIBLE_UNIT.items() if u == unit_code)


def group_by_short_code(code: str) -> str:
    for group, short in SHORT_CODE.items():
        if short == code:
            return group
    raise KeyError(code)


# the honours that put an applicant ahead among equals, with what the pages call them.
HONOUR_CHOICES = [
    ("moral_model", _("Moral model (city or district level)")),
    ("labour_model", _("Model worker (city or district level)")),
    ("bravery_award", _("Award for bravery (city or district level)")),
]
