"""Dossiers that pass every condition of their group, to vary one fact at a time."""

import datetime
from dataclasses import replace
from decimal import Decimal

from housing.groups import Group
from housing.rules.eligibility import Dossier, Employer, Income, Person, Talent
from housing.rules.policy import PolicySnapshot
from tests.factories.identity import make_credit_code, make_id_number

APP_DATE = datetime.date(2026, 3, 15)
NEW_YEAR = datetime.date(2026, 1, 1)

POLICY = PolicySnapshot(
    version="test",
    low_income_line_by_year={2024: Decimal("30000.00"), 2025: Decimal("32000.00")},
    asset_limit=Decimal("200000.00"),
    c2_subsidy_standard=Decimal("800.00"),
)

_order = iter(range(1, 10_000))


def person(*, birth=datetime.date(1990, 6, 1), relation="applicant", applying=True, **facts) -> Person:
    clean = dict(
        marital_status="single", hukou="longhua", hukou_by_joining=False, social_insurance_months=60,
        owns_housing=False, owns_residential_land=False, bought_policy_housing_in_city=False,
        bought_policy_housing_elsewhere=False, received_price_difference_payment=False,
        rents_affordable_housing=False, received_purchase_subsidy=False, family_planning_violation=False,
    )
    clean.update(facts)
    return Person(name=f"成员{relation}", id_number=make_id_number(birth=birth, order=next(_order)),
                  relation=relation, applying=applying, **clean)


def member(relation, *, birth=datetime.date(1990, 6, 1), applying=True, **facts) -> Person:
    return person(birth=birth, relation=relation, applying=applying, **facts)


def dossier(group=Group.NO_HOUSING, form=None, **changes) -> Dossier:
    form = form or {
        Group.LOW_INCOME_NO_HOUSING: "economic_housing",
    }.get(group, "public_rental")
    base = Dossier(group=group, form=form, application_date=APP_DATE, applicant=person())
    if group in (Group.LOW_INCOME_NO_HOUSING, Group.MINIMUM_ALLOWANCE):
        base = replace(base, income=Income(
            per_capita_by_year={2024: Decimal("20000.00"), 2025: Decimal("21000.00")},
            total_assets=Decimal("100000.00"), low_income_treatment=True,
        ))
    if group in (Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT):
        kind = {Group.INSTITUTION_TALENT: "agency", Group.ECW_TALENT: "ecw_institution",
                Group.ENTERPRISE_TALENT: "enterprise"}[group]
        base = replace(
            base,
            applicant=person(birth=datetime.date(1995, 6, 1)),
            employer=Employer(name="某单位", credit_code=make_credit_code(1), kind=kind, key_enterprise_year=2026),
            talent=Talent(degree="master", full_time=True),
        )
    return replace(base, **changes)


def with_applicant(d: Dossier, **facts) -> Dossier:
    return replace(d, applicant=replace(d.applicant, **facts))


def born(d: Dossier, birth: datetime.date) -> Dossier:
    return replace(d, applicant=replace(d.applicant, id_number=make_id_number(birth=birth, order=next(_order))))
