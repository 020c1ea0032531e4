"""The OpenAPI document says what the API checks, so a schema-valid body is accepted and an invalid one refused.

Each test here is a mismatch schemathesis found (tests/api/test_fuzz.py) between the published schema and the
API's answers, kept as an ordinary test.
"""

import datetime
import re

import pytest
from jsonschema import Draft202012Validator

from housing.api import openapi
from housing.api.validation import CALENDAR_DATE_PATTERN, MAX_DOSSIERS
from tests.api.dossiers import dossier_json, person_json
from tests.factories.identity import make_credit_code, with_wrong_check_digit

ELIGIBILITY, PREVIEW = "/api/v1/eligibility", "/api/v1/rankings/preview"
DATE_FIELDS = ["application_date", "applicant.hukou_since", "applicant.first_social_insurance_date",
               "applicant.last_housing_transfer_date", "applicant.family_planning_handled_date",
               "members.0.hukou_since"]


def published(name: str) -> Draft202012Validator:
    document = openapi.openapi_document()
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": document["components"]})


def with_value(path: str, value) -> dict:
    dossier = dossier_json(members=[dict(person_json(), relation="spouse", applying=True)])
    *parents, last = path.split(".")
    node = dossier
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return dossier


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def is_real_date(text: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


DATES = ["", "2026-03-15", "2024-02-29", "2026-02-29", "2000-02-29", "1900-02-29", "0400-02-29", "0000-01-01",
         "0001-01-01", "9999-12-31", "2026-04-31", "2026-04-30", "2026-13-01", "2026-00-10", "2026-01-00",
         "2026-3-15", "20260315", "2026-03-15\n", "2026-03-15T00:00", "２０２６-03-15", "2026/03/15"]


@pytest.mark.parametrize("text", DATES)
def test_the_published_date_pattern_is_a_real_calendar_date(text):
    # JSON Schema's "format": "date" is an annotation: "" passed the published schema and was refused.
    assert (re.search(CALENDAR_DATE_PATTERN, text) is not None) == is_real_date(text)


@pytest.mark.parametrize("field", DATE_FIELDS)
@pytest.mark.parametrize("text", ["", "2026-02-29", "0000-01-01", "2026-03-15\n", "２０２６-03-15"])
def test_a_date_the_schema_refuses_is_refused(client, policy, field, text):
    body = with_value(field, text)
    assert list(published("Dossier").iter_errors(body))
    response = post(client, ELIGIBILITY, body)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize("field", DATE_FIELDS)
@pytest.mark.parametrize("text", ["2024-02-29", "0001-01-01", "9999-12-31"])
def test_a_date_the_schema_accepts_is_accepted(client, policy, field, text):
    body = with_value(field, text)
    assert not list(published("Dossier").iter_errors(body))
    # 422 only for an application date on which no policy version is in force (documented).
    assert post(client, ELIGIBILITY, body).status_code == (422 if field == "application_date" and text == "0001-01-01" else 200)


def test_identity_numbers_name_their_checks():
    document = openapi.openapi_document()["components"]["schemas"]
    id_number = document["Person"]["properties"]["id_number"]
    credit_code = document["Dossier"]["properties"]["employer"]["properties"]["credit_code"]
    assert id_number["format"] == openapi.ID_NUMBER_FORMAT and id_number["minLength"] == 18
    assert credit_code["format"] == openapi.CREDIT_CODE_FORMAT and credit_code["minLength"] == 18


@pytest.mark.parametrize("field, value", [
    ("applicant.id_number", ""),
    ("members.0.id_number", "1"),
])
def test_a_short_id_number_is_refused_by_schema_and_api(client, policy, field, value):
    body = with_value(field, value)
    assert list(published("Dossier").iter_errors(body))
    assert post(client, ELIGIBILITY, body).status_code == 400


def test_a_wrong_check_character_is_refused(client, policy):
    body = dossier_json("enterprise_talent")
    body["employer"]["credit_code"] = with_wrong_check_digit(make_credit_code(7))
    response = post(client, ELIGIBILITY, body)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "employer.credit_code"


def test_an_empty_ref_of_a_preview_is_refused_by_schema_and_api(client, policy):
    body = {"seed": "s", "dossiers": [dossier_json(ref="")]}
    assert list(published("RankingPreviewRequest").iter_errors(body))
    response = post(client, PREVIEW, body)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "dossiers.0.ref"


def test_the_dossier_count_is_published():
    schema = openapi.openapi_document()["components"]["schemas"]["RankingPreviewRequest"]
    assert schema["properties"]["dossiers"]["maxItems"] == MAX_DOSSIERS
    dossier = dossier_json()
    too_many = {"seed": "s", "dossiers": [dict(dossier, ref=f"A-{i}") for i in range(MAX_DOSSIERS + 1)]}
    assert any(e.validator == "maxItems" for e in published("RankingPreviewRequest").iter_errors(too_many))


def test_the_body_limits_are_published():
    from housing.api.validation import ELIGIBILITY_MAX_BYTES, PREVIEW_MAX_BYTES

    paths = openapi.openapi_document()["paths"]
    assert paths[ELIGIBILITY]["post"]["requestBody"]["x-max-bytes"] == ELIGIBILITY_MAX_BYTES
    assert paths[PREVIEW]["post"]["requestBody"]["x-max-bytes"] == PREVIEW_MAX_BYTES
    assert "413" in paths[ELIGIBILITY]["post"]["responses"] and "413" in paths[PREVIEW]["post"]["responses"]
