"""Any application the portal holds exports as a dossier (shared/contracts/dossier.schema.json), to the staff
who may see it and to no one else: the same 404 as the application page for a case outside one's scope (R-X.2)."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from housing.groups import Form, Group
from housing.stages import Stage
from tests.factories import ApplicationFactory, StaffUserFactory, advance, staff
from tests.housing.conftest import ALL_CASE_ROLES

pytestmark = pytest.mark.django_db

# The contract itself; the copy vendored with the API where the shared folder is not deployed.
CONTRACT = Path(settings.BASE_DIR).parent / "shared" / "contracts" / "dossier.schema.json"
VENDORED = Path(settings.BASE_DIR) / "housing" / "api" / "dossier.schema.json"
SCHEMA = json.loads((CONTRACT if CONTRACT.exists() else VENDORED).read_text(encoding="utf-8"))
UNITS = ["ccb", "org_personnel", "econ_services", "social_construction", "public_affairs", "finance", "discipline",
         "joint_meeting", "verify_planning_land", "verify_civil_affairs"]


def export_url(application) -> str:
    return reverse("housing:application_dossier", args=[application.number])


def detail_url(application) -> str:
    return reverse("housing:application_detail", args=[application.number])


def valid(document) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("group", Group.values)
@pytest.mark.parametrize("with_spouse", [False, True], ids=["single", "married"])
def test_the_export_is_a_valid_dossier_of_the_application(client, allocation_round, group, with_spouse):
    application = advance(ApplicationFactory(round=allocation_round, group=group, with_spouse=with_spouse),
                          Stage.SUBSTANTIVE_REVIEW)
    client.force_login(staff("ccb", "clerk"))
    response = client.get(export_url(application))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="{application.number}-dossier.json"'
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    assert valid(document) == []
    assert (document["ref"], document["group"], document["form"]) == (application.number, group, application.form)
    assert document["applicant"]["id_number"] == application.applicant_id_number
    assert len(document["members"]) == (1 if with_spouse else 0)


@pytest.mark.parametrize("group,facts", [
    (Group.LOW_INCOME_NO_HOUSING, {"income_by_year": {"2024": 18000.5, "2025": 19000.0}, "total_assets": "80000.00",
                                   "honours": ["labour_model"]}),
    (Group.MINIMUM_ALLOWANCE, {"low_income_treatment": True}),
    (Group.ENTERPRISE_TALENT, {"talent_title": "deputy_senior", "talent_title_basis": "national_exam",
                               "talent_degree": "doctorate", "degree_full_time": True,
                               "foreign_degree_certified": True}),
], ids=["income-and-honours", "low-income-treatment", "titled-talent"])
def test_every_recorded_fact_exports_within_the_contract(client, allocation_round, group, facts):
    application = ApplicationFactory(round=allocation_round, group=group,
                                     facts={"contact_phone": "13800138000", **facts})
    client.force_login(staff("discipline", "reviewer"))
    document = json.loads(client.get(export_url(application)).content)
    assert valid(document) == []
    if "income_by_year" in facts:
        assert document["income"] == {"per_capita_by_year": {"2024": 18000.5, "2025": 19000},
                                      "total_assets": 80000}
        assert document["honours"] == ["labour_model"]
    if "low_income_treatment" in facts:
        assert document["income"] == {"low_income_treatment": True}
    if "talent_title" in facts:
        assert document["talent"]["title"] == "deputy_senior" and document["employer"]["kind"] == "enterprise"


def test_the_application_page_links_the_export(client, application):
    client.force_login(staff("discipline", "reviewer"))
    assert f'href="{export_url(application)}"' in client.get(detail_url(application)).content.decode()


@pytest.fixture
def cases(allocation_round):
    return {
        "c3_housing": ApplicationFactory(round=allocation_round, c3=True),
        "c4_subsidy": ApplicationFactory(round=allocation_round, c4=True, form=Form.SUBSIDY),
        "c2_housing": ApplicationFactory(round=allocation_round, c2=True),
    }


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("case", ["c3_housing", "c4_subsidy", "c2_housing"])
def test_the_export_answers_every_unit_exactly_as_the_application_page_does(client, cases, unit, case):
    application = cases[case]
    client.force_login(staff(unit, *ALL_CASE_ROLES))
    page = client.get(detail_url(application)).status_code
    export = client.get(export_url(application))
    assert export.status_code == page
    # The scope of docs/decisions/0001: the CCB and discipline every case, Finance the subsidies, a department its
    # own groups; a refusal says nothing about the case.
    sees = {"ccb": True, "discipline": True, "finance": case == "c4_subsidy",
            "org_personnel": case == "c4_subsidy", "social_construction": case == "c2_housing"}.get(unit, False)
    assert export.status_code == (200 if sees else 404)
    if not sees:
        assert application.applicant_id_number.encode() not in export.content


@pytest.mark.parametrize("account", ["sysadmin", "superuser"])
def test_an_administrator_cannot_export_a_case(client, application, account):
    client.force_login(StaffUserFactory(username=account, **{account: True}))
    assert client.get(export_url(application)).status_code == 404


def test_a_missing_application_answers_404_and_anonymous_is_sent_to_sign_in(client, application):
    response = client.get(export_url(application))
    assert response.status_code == 302 and reverse(settings.LOGIN_URL) in response["Location"]
    client.force_login(staff("ccb", "clerk"))
    assert client.get(reverse("housing:application_dossier", args=["LH-2026-C3-999999"])).status_code == 404


def test_the_export_is_read_only(client, application):
    client.force_login(staff("ccb", "clerk"))
    assert client.post(export_url(application)).status_code == 405
