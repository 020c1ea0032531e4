"""JSON dossiers (shared/contracts/dossier.schema.json) that pass every condition of their group."""

import copy
import datetime
from decimal import Decimal

import pytest

from housing.groups import ALLOWED_FORMS, Group
from housing.models.policy import LowIncomeLine, PolicyVersion
from tests.factories.identity import make_credit_code, make_id_number

APP_DATE = "2026-03-15"
GROUP_FORMS = [(g.value, f.value) for g, forms in ALLOWED_FORMS.items() for f in forms]
TALENT_KIND = {"institution_talent": "agency", "ecw_talent": "ecw_institution", "enterprise_talent": "enterprise"}

_order = iter(range(1, 1000))


def person_json(*, birth=datetime.date(1990, 6, 1), **facts) -> dict:
    data = {
        "name": "张三", "id_number": make_id_number(birth=birth, order=next(_order)),
        "marital_status": "single", "hukou": "longhua", "hukou_since": "2005-01-01", "hukou_by_joining": False,
        "social_insurance_months": 60, "first_social_insurance_date": "2012-01-01",
        "owns_housing": False, "owns_residential_land": False, "last_housing_transfer_date": None,
        "bought_policy_housing_in_city": False, "bought_policy_housing_elsewhere": False,
        "received_price_difference_payment": False, "rents_affordable_housing": False,
        "received_purchase_subsidy": False, "family_planning_violation": False,
    }
    data.update(facts)
    return data


def dossier_json(group: str = "no_housing", form: str | None = None, *, ref: str | None = None,
                 employer_no: int = 1, **changes) -> dict:
    form = form or ("economic_housing" if group == "low_income_no_housing" else "public_rental")
    data = {"group": group, "form": form, "application_date": APP_DATE, "applicant": person_json(), "members": []}
    if ref is not None:
        data["ref"] = ref
    if group in ("low_income_no_housing", "minimum_allowance"):
        data["income"] = {"per_capita_by_year": {"2024": 20000, "2025": 21000}, "total_assets": 100000,
                          "low_income_treatment": True}
    if group in TALENT_KIND:
        data["applicant"] = person_json(birth=datetime.date(1995, 6, 1), hukou="shenzhen")
        data["employer"] = {"name": "某单位", "credit_code": make_credit_code(employer_no), "kind": TALENT_KIND[group],
                            "key_enterprise_year": 2026}
        data["talent"] = {"degree": "master", "full_time": True, "title": None}
    data.update(copy.deepcopy(changes))
    return data


@pytest.fixture
def policy(db):
    """The shipped policy version (data migration), with the district's figures entered."""
    version = PolicyVersion.objects.get(effective_to__isnull=True)
    version.asset_limit = Decimal("200000")
    version.c2_subsidy_standard = Decimal("800")
    version.save()
    LowIncomeLine.objects.create(policy=version, year=2024, amount=Decimal("30000"))
    LowIncomeLine.objects.create(policy=version, year=2025, amount=Decimal("32000"))
    return version


assert all(g in {x.value for x in Group} for g, _ in GROUP_FORMS)
