"""The public screener's answers as an eligibility Dossier (SPEC §6), for the same engine the review uses.

Plain data in, plain data out: no database, nothing stored. The screener asks no identity
number; the engine reads ages from one (GB 11643), so each person with a known birth date
gets a synthetic placeholder number carrying that date and a valid check digit. It is never shown.
"""

import datetime
import re
from decimal import Decimal
from typing import Any, Mapping

from django.utils.translation import gettext as _
from stdnum.cn import ric

from housing.groups import TALENT_GROUPS
from housing.rules.eligibility.ages import anniversary
from housing.rules.eligibility.facts import Dossier, Employer, Income, Person, Talent

# Any real region code will do: the engine reads only the birth date and the check digit.
PLACEHOLDER_REGION = "440309"
PLACEHOLDER_SEQUENCE = "001"
# Ages given to children counted by the screener: well inside "minor" and "adult" (R-HH.2, R-HH.3).
MINOR_CHILD_AGE = 10
ADULT_CHILD_AGE = 25


def placeholder_id_number(birth: datetime.date | None) -> str:
    """An 18-character GB 11643 number that carries `birth`; "" when the birth date is unknown."""
    if birth is None:
        return ""
    body = f"{PLACEHOLDER_REGION}{birth:%Y%m%d}{PLACEHOLDER_SEQUENCE}"
    # calc_check_digit ignores the last character of what it is given.
    return body + ric.calc_check_digit(body + "0")


def _yes_no(value: Any) -> bool | None:
    """A yes/no answer: "yes", "no", or not answered (None)."""
    return {"yes": True, "no": False}.get(value)


def _household_facts(answers: Mapping[str, Any], group: str) -> dict[str, Any]:
    """Facts the screener asks once for everyone applying; each applicant carries them."""
    if group in TALENT_GROUPS:
        hukou = {"yes": "shenzhen", "no": "elsewhere"}.get(answers.get("hukou"))
    else:
        hukou = {"yes": "longhua", "no": "elsewhere"}.get(answers.get("hukou"))
    violation = _yes_no(answers.get("family_planning_violation"))
    return dict(
        hukou=hukou,
        owns_housing=_yes_no(answers.get("owns_housing")),
        owns_residential_land=_yes_no(answers.get("owns_residential_land")),
        last_housing_transfer_date=answers.get("last_housing_transfer_date"),
        bought_policy_housing_in_city=_yes_no(answers.get("bought_policy_housing_in_city")),
        bought_policy_housing_elsewhere=_yes_no(answers.get("bought_policy_housing_elsewhere")),
        received_price_difference_payment=_yes_no(answers.get("received_price_difference_payment")),
        rents_affordable_housing=_yes_no(answers.get("rents_affordable_housing")),
        received_purchase_subsidy=_yes_no(answers.get("received_purchase_subsidy")),
        family_planning_violation=violation,
        family_planning_handled_date=answers.get("family_planning_handled_date") if violation else None,
    )


def _count(answers: Mapping[str, Any], key: str) -> int:
    return answers.get(key) or 0


def _members(answers: Mapping[str, Any], today: datetime.date, shared: dict[str, Any]) -> tuple[Person, ...]:
    members: list[Person] = []
    spouse_applying = _yes_no(answers.get("spouse_applying"))
    if answers.get("marital_status") == "married" and spouse_applying is not None:
        members.append(Person(
            name=_("(spouse)"), id_number="", relation="spouse", applying=spouse_applying,
            marital_status="married", **shared,
        ))
    children = (
        [(True, MINOR_CHILD_AGE)] * _count(answers, "minor_children_applying")
        + [(True, ADULT_CHILD_AGE)] * _count(answers, "adult_children_applying")
        + [(False, MINOR_CHILD_AGE)] * _count(answers, "minor_children_not_applying")
    )
    for n, (applying, age) in enumerate(children, start=1):
        birth = anniversary(today, -age)
        members.append(Person(
            name=_("(child %(n)d)") % {"n": n}, id_number=placeholder_id_number(birth), relation="child",
            applying=applying, **(shared if applying else {}),
        ))
    for n in range(1, _count(answers, "parents_applying") + 1):
        members.append(Person(name=_("(parent %(n)d)") % {"n": n}, id_number="", relation="parent", **shared))
    return tuple(members)


def _income(answers: Mapping[str, Any], today: datetime.date) -> Income:
    by_year: dict[int, Decimal] = {}
    # the two calendar years before the application year.
    for key, year in (("income_two_years_ago", today.year - 2), ("income_last_year", today.year - 1)):
        if answers.get(key) is not None:
            by_year[year] = answers[key]
    return Income(
        per_capita_by_year=by_year,
        total_assets=answers.get("total_assets"),
        low_income_treatment=_yes_no(answers.get("low_income_treatment")),
    )


def _employer(answers: Mapping[str, Any], today: datetime.date) -> Employer | None:
    kind = answers.get("employer_kind")
    if not kind:
        return None
    listed = _yes_no(answers.get("key_enterprise_this_year"))
    return Employer(
        name=_("Your employer"), credit_code="", kind=kind,
        key_enterprise_year=today.year if listed else None,
    )


def _talent(answers: Mapping[str, Any]) -> Talent:
    foreign = answers.get("foreign_degree")
    return Talent(
        title=answers.get("title") or None,
        title_basis=answers.get("title_basis") or None,
        degree=answers.get("degree") or None,
        full_time=_yes_no(answers.get("full_time")),
        foreign_degree_certified={"certified": True, "not_certified": False}.get(foreign),
    )


def dossier_from_answers(group: str, answers: Mapping[str, Any], *, today: datetime.date) -> Dossier:
    """A Dossier from the cleaned answers of the screener form; an unanswered question is None."""
    shared = _household_facts(answers, group)
    applicant = Person(
        name=_("(you)"),
        id_number=placeholder_id_number(answers.get("birth_date")),
        marital_status=answers.get("marital_status") or None,
        hukou_by_joining=_yes_no(answers.get("hukou_by_joining")),
        social_insurance_months=answers.get("social_insurance_months"),
        **shared,
    )
    talent = group in TALENT_GROUPS
    return Dossier(
        group=group,
        form=answers.get("form"),
        application_date=today,
        applicant=applicant,
        members=_members(answers, today, shared),
        income=None if talent else _income(answers, today),
        employer=_employer(answers, today) if talent else None,
        talent=_talent(answers) if talent else None,
    )



# The question that supplies each fact the engine reports missing (applicant.owns_housing …).
QUESTION_OF_FACT = {
    "hukou": "hukou", "hukou_by_joining": "hukou_by_joining", "marital_status": "marital_status",
    "social_insurance_months": "social_insurance_months", "owns_housing": "owns_housing",
    "owns_residential_land": "owns_residential_land", "last_housing_transfer_date": "last_housing_transfer_date",
    "bought_policy_housing_in_city": "bought_policy_housing_in_city",
    "bought_policy_housing_elsewhere": "bought_policy_housing_elsewhere",
    "received_price_difference_payment": "received_price_difference_payment",
    "rents_affordable_housing": "rents_affordable_housing", "received_purchase_subsidy": "received_purchase_subsidy",
    "family_planning_violation": "family_planning_violation",
    "family_planning_handled_date": "family_planning_handled_date", "total_assets": "total_assets",
    "low_income_treatment": "low_income_treatment", "id_number": "birth_date", "employer": "employer_kind",
    "key_enterprise_year": "key_enterprise_this_year", "title": "title", "title_basis": "title_basis",
    "degree": "degree", "full_time": "full_time", "foreign_degree_certified": "foreign_degree",
}
_FACT = re.compile(r"\b(?:applicant|members\[\d+\]|income|employer|talent)(?:\.(\w+))?(?:\.(\d{4}))?")


def questions_for(facts: str, asked: set[str], *, income_fields: dict[int, str]) -> list[str]:
    """The screener questions (form field names) behind the missing facts, given as the dossier's paths
    (ConditionResult.missing_facts, joined by spaces)."""
    found: list[str] = []
    for match in _FACT.finditer(facts):
        fact, year = match.group(1), match.group(2)
        if fact == "per_capita_by_year" and year:
            name = income_fields.get(int(year))
        elif fact is None and match.group(0) in ("employer", "talent"):
            name = "employer_kind" if match.group(0) == "employer" else "degree"
        else:
            name = QUESTION_OF_FACT.get(fact or "")
        if name and name in asked and name not in found:
            found.append(name)
    return found
