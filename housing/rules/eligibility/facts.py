"""The facts of one application, mirroring ../shared/contracts/dossier.schema.json.

Plain frozen dataclasses: dates are `datetime.date`, money is `Decimal`. `None` means the
dossier does not state the fact; a condition that needs it is then undecided (SPEC §6).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping

from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

APPLICANT = "applicant"


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    relation: str = APPLICANT  # spouse, child, parent, sibling, grandparent, grandchild, other
    applying: bool = True  # a co-applicant; always true for the applicant
    marital_status: str | None = None  # single, married, divorced, widowed
    hukou: str | None = None  # longhua, shenzhen, elsewhere
    hukou_since: datetime.date | None = None
    hukou_by_joining: bool | None = None
    hukou_moved_out_for: str | None = None  # military_service, full_time_study
    social_insurance_months: int | None = None
    first_social_insurance_date: datetime.date | None = None
    owns_housing: bool | None = None
    owns_residential_land: bool | None = None
    # None: no transfer recorded (the schema's null), see docs/decisions/0009.
    last_housing_transfer_date: datetime.date | None = None
    bought_policy_housing_in_city: bool | None = None
    bought_policy_housing_elsewhere: bool | None = None
    received_price_difference_payment: bool | None = None
    rents_affordable_housing: bool | None = None
    received_purchase_subsidy: bool | None = None
    family_planning_violation: bool | None = None
    family_planning_handled_date: datetime.date | None = None

    @property
    def birth_date(self) -> datetime.date | None:
        """Read from the ID number (GB 11643); None when it holds no real date."""
        try:
            return ric.get_birth_date(ric.compact(self.id_number or ""))
        except (StdnumError, ValueError):
            return None


@dataclass(frozen=True)
class Income:
    per_capita_by_year: Mapping[int, Decimal] = field(default_factory=dict)
    total_assets: Decimal | None = None
    low_income_treatment: bool | None = None


@dataclass(frozen=True)
class Employer:
    name: str
    credit_code: str
    kind: str  # agency, public_institution, ecw_institution, enterprise
    key_enterprise_year: int | None = None


@dataclass(frozen=True)
class Talent:
    title: str | None = None  # full_senior, deputy_senior
    title_basis: str | None = None  # national_exam, guangdong_certificate, senior_technician
    degree: str | None = None  # doctorate, master, bachelor
    full_time: bool | None = None
    foreign_degree_certified: bool | None = None  # None: not a foreign degree, or not stated


@dataclass(frozen=True)
class Dossier:
    group: str
    form: str
    application_date: datetime.date
    applicant: Person
    members: tuple[Person, ...] = ()
    income: Income | None = None
    employer: Employer | None = None
    talent: Talent | None = None
    honours: tuple[str, ...] = ()
    ref: str | None = None

    @property
    def co_applicants(self) -> tuple[Person, ...]:
        return tuple(m for m in self.members if m.applying)

    @property
    def applicants(self) -> tuple[Person, ...]:
        """SPEC §6: "applicants" means the applicant and every co-applicant."""
        return (self.applicant, *self.co_applicants)

    @property
    def spouses(self) -> tuple[Person, ...]:
        return tuple(m for m in self.members if m.relation == "spouse")


# --- from the JSON shape of the contract (already validated against the schema) ---------

_PERSON_DATES = ("hukou_since", "first_social_insurance_date", "last_housing_transfer_date", "family_planning_handled_date")
_PERSON_FIELDS = {f for f in Person.__dataclass_fields__}


def _date(value: Any) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _person(data: Mapping[str, Any], *, member: bool) -> Person:
    values = {k: v for k, v in data.items() if k in _PERSON_FIELDS}
    for key in _PERSON_DATES:
        if key in values:
            values[key] = _date(values[key])
    if not member:
        values["relation"] = APPLICANT
        values["applying"] = True
    return Person(**values)


def dossier_from_json(data: Mapping[str, Any]) -> Dossier:
    """A `Dossier` from a document that is valid under dossier.schema.json."""
    income = data.get("income")
    employer = data.get("employer")
    talent = data.get("talent")
    return Dossier(
        group=data["group"],
        form=data["form"],
        application_date=_date(data["application_date"]),
        applicant=_person(data["applicant"], member=False),
        members=tuple(_person(m, member=True) for m in data.get("members") or ()),
        income=None if income is None else Income(
            per_capita_by_year={int(y): _money(v) for y, v in (income.get("per_capita_by_year") or {}).items()},
            total_assets=_money(income.get("total_assets")),
            low_income_treatment=income.get("low_income_treatment"),
        ),
        employer=None if employer is None else Employer(
            name=employer["name"], credit_code=employer["credit_code"], kind=employer["kind"],
            key_enterprise_year=employer.get("key_enterprise_year"),
        ),
        talent=None if talent is None else Talent(**{k: talent.get(k) for k in Talent.__dataclass_fields__}),
        honours=tuple(data.get("honours") or ()),
        ref=data.get("ref"),
    )
