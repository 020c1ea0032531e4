"""An application as a dossier (SPEC §6): the eligibility engine's input, and the JSON export
in the shape of docs/contracts/dossier.schema.json.

`dossier_of` builds the engine's `Dossier` from the ORM; `dossier_json` the contract's document
(ref = application number, dates ISO strings; unknown optional facts are omitted, or null where
the schema allows null).
"""

import datetime
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.utils import timezone

from housing.models import Application, HouseholdMember, KeyEnterpriseListing
from housing.rules.eligibility.facts import Dossier, dossier_from_json

# Facts of the person, in the schema's order.
PERSON_FACTS = (
    "marital_status", "hukou", "hukou_since", "hukou_by_joining", "hukou_moved_out_for", "social_insurance_months",
    "first_social_insurance_date", "owns_housing", "owns_residential_land", "last_housing_transfer_date",
    "bought_policy_housing_in_city", "bought_policy_housing_elsewhere", "received_price_difference_payment",
    "rents_affordable_housing", "received_purchase_subsidy", "family_planning_violation",
    "family_planning_handled_date",
)
# Facts where the schema allows null: a missing value is written as null rather than omitted.
NULLABLE = {"hukou_since", "first_social_insurance_date", "last_housing_transfer_date",
            "family_planning_handled_date", "hukou_moved_out_for"}
HONOURS = {"moral_model", "labour_model", "bravery_award"}


def application_date(application: Application) -> datetime.date:
    """The application's date: the local date it was received (SPEC §13, policy in force on that day)."""
    return timezone.localdate(application.submitted_at)


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def _person_json(member: HouseholdMember, *, is_applicant: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": member.name, "id_number": member.id_number}
    for name in PERSON_FACTS:
        value = getattr(member, name)
        if value is None or value == "":
            if name in NULLABLE:
                out[name] = None
            continue
        out[name] = _iso(value)
    if not is_applicant:
        out["relation"] = member.relation
        out["applying"] = bool(member.applying)
    return out


def _number(value) -> int | float:
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def dossier_json(application: Application) -> dict[str, Any]:
    """The application in the shape of dossier.schema.json."""
    members = list(application.members.all())
    applicant = next((m for m in members if m.relation == "applicant"), None)
    doc: dict[str, Any] = {
        "ref": application.number,
        "group": application.group,
        "form": application.form,
        "application_date": application_date(application).isoformat(),
        "applicant": (_person_json(applicant, is_applicant=True) if applicant is not None
                      else {"name": application.applicant_name, "id_number": application.applicant_id_number}),
        "members": [_person_json(m, is_applicant=False) for m in members if m is not applicant],
    }
    income: dict[str, Any] = {}
    if application.income_by_year:
        income["per_capita_by_year"] = {str(int(year)): _number(amount)
                                        for year, amount in sorted(application.income_by_year.items())
                                        if amount is not None}
    if application.total_assets is not None:
        income["total_assets"] = _number(application.total_assets)
    if application.low_income_treatment is not None:
        income["low_income_treatment"] = application.low_income_treatment
    if income:
        doc["income"] = income
    employer = application.employer
    if employer is not None:
        doc["employer"] = {"name": employer.name, "credit_code": employer.credit_code, "kind": employer.kind,
                           # the list of the application's year (a renewal's: its own year)
                           "key_enterprise_year": KeyEnterpriseListing.objects.year_for(
                               employer.pk, application_date(application).year)}
    talent: dict[str, Any] = {}
    if application.talent_title or application.talent_title_basis or application.talent_degree \
            or application.degree_full_time is not None or application.foreign_degree_certified is not None:
        talent = {
            "title": application.talent_title or None,
            "title_basis": application.talent_title_basis or None,
            "degree": application.talent_degree or None,
            "foreign_degree_certified": application.foreign_degree_certified,
        }
        if application.degree_full_time is not None:
            talent["full_time"] = application.degree_full_time
        doc["talent"] = talent
    doc["honours"] = [h for h in (application.honours or []) if h in HONOURS]
    return doc


def dossier_of(application: Application) -> Dossier:
    """The engine's `Dossier` of the application (income years as int, money as Decimal)."""
    dossier = dossier_from_json(dossier_json(application))
    if dossier.income is not None:
        # Exact amounts from the database, not through the JSON numbers.
        exact = {int(year): Decimal(str(amount)) for year, amount in (application.income_by_year or {}).items()
                 if amount is not None}
        dossier = replace(dossier, income=replace(
            dossier.income, per_capita_by_year=exact,
            total_assets=None if application.total_assets is None else Decimal(application.total_assets)))
    return dossier
