"""POST /api/v1/eligibility: the 200 shape of the contract (shared/contracts/README.md)."""

import datetime

import pytest
from jsonschema import Draft202012Validator

from housing.api.openapi import openapi_document
from housing.rules.catalogue import CONDITIONS_BY_GROUP
from housing.rules.eligibility import dossier_from_json, evaluate
from housing.policy import policy_in_force
from tests.api.dossiers import GROUP_FORMS, dossier_json, person_json
from tests.factories.identity import make_id_number

URL = "/api/v1/eligibility"
KEYS = {"ref", "eligible", "group", "form", "policy_version", "subsidy_monthly", "conditions"}
SUBSIDY = {"minimum_allowance": "800.00", "institution_talent": "1000.00", "ecw_talent": "1000.00",
           "enterprise_talent": "1000.00"}


def result_validator():
    document = openapi_document()
    return Draft202012Validator({"$ref": "#/components/schemas/EligibilityResult", "components": document["components"]})


def post(client, body, **headers):
    return client.post(URL, body, content_type="application/json", **headers)


@pytest.mark.parametrize("group, form", GROUP_FORMS)
def test_contract_shape_for_every_group_and_form(client, policy, group, form):
    body = dossier_json(group, form, ref=f"A-{group}-{form}")
    response = post(client, body)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == KEYS
    assert data["ref"] == f"A-{group}-{form}"
    assert (data["eligible"], data["group"], data["form"]) == (True, group, form)
    assert data["policy_version"] == policy.version
    assert data["subsidy_monthly"] == (SUBSIDY[group] if form == "subsidy" else None)
    assert [c["id"] for c in data["conditions"]] == CONDITIONS_BY_GROUP[group]
    for condition in data["conditions"]:
        assert set(condition) == {"id", "passed", "message_zh", "message_en"}
        assert condition["passed"] is True and condition["message_zh"] and condition["message_en"]
    assert not list(result_validator().iter_errors(data))


def test_same_decision_as_the_engine(client, policy):
    body = dossier_json("low_income_no_housing", income={"per_capita_by_year": {"2024": 20000, "2025": 40000},
                                                          "total_assets": 100000})
    evaluation = evaluate(dossier_from_json(body), policy_in_force(datetime.date(2026, 3, 15)))
    data = post(client, body).json()
    assert data["eligible"] is False is evaluation.eligible
    assert [(c["id"], c["passed"], c["message_en"]) for c in data["conditions"]] == [
        (c.id, c.passed, c.message_en) for c in evaluation.conditions]
    assert {c["id"] for c in data["conditions"] if c["passed"] is False} == {"R-18.2"}


def test_ref_is_null_when_not_given(client, policy):
    data = post(client, dossier_json()).json()
    assert "ref" in data and data["ref"] is None


def test_a_missing_fact_leaves_the_condition_and_the_result_undecided(client, policy):
    applicant = person_json()
    del applicant["owns_housing"]
    data = post(client, dossier_json(applicant=applicant)).json()
    assert data["eligible"] is None
    undecided = [c for c in data["conditions"] if c["passed"] is None]
    assert [c["id"] for c in undecided] == ["R-20.4"]
    # The contract: the message says which fact is missing, in words a reader of the API's answer understands.
    assert "housing owned is not recorded" in undecided[0]["message_en"]


def test_a_form_the_group_may_not_receive_fails_r4(client, policy):
    data = post(client, dossier_json("no_housing", "subsidy")).json()
    assert data["eligible"] is False and data["subsidy_monthly"] is None
    assert data["conditions"][0]["id"] == "R-4" and data["conditions"][0]["passed"] is False


def test_eligible_subsidy_without_a_policy_figure_has_a_null_amount_and_says_why(client, db):
    data = post(client, dossier_json("minimum_allowance", "subsidy")).json()
    assert data["eligible"] is True and data["subsidy_monthly"] is None
    assert "Art. 26" in data["subsidy_message_en"]


def test_no_policy_in_force_names_application_date(client, policy):
    response = post(client, dossier_json(application_date="2010-05-01"))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["application_date"]
    assert "2010-05-01" in errors[0]["message_en"]


def test_id_numbers_are_read_in_canonical_form(client, policy):
    numbers = (make_id_number(birth=datetime.date(1990, 6, 1), order=n) for n in range(1, 100))
    number = next(n for n in numbers if n.endswith("X"))
    response = post(client, dossier_json(applicant=person_json(id_number=f" {number.lower()} ")))
    assert response.status_code == 200 and response.json()["eligible"] is True


def test_accepts_extra_optional_fields(client, policy):
    # The contract: implementations must accept every document valid under the schema.
    response = post(client, dossier_json(note="free text", applicant=person_json(nickname="x")))
    assert response.status_code == 200


def test_no_login_needed_and_no_csrf_token(client, policy):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, dossier_json(), content_type="application/json")
    assert response.status_code == 200
    assert "Location" not in response


@pytest.mark.parametrize("url", [URL, "/api/v1/rankings/preview"])
@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_other_methods_are_refused_with_json(client, db, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["errors"][0]["field"] == ""
