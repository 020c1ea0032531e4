"""GET /api/schema/ (OpenAPI document) and GET /api/docs/ (the browsable page)."""

import json
import re

import pytest
from django.utils.html import escape
from jsonschema import Draft202012Validator

from housing.api import openapi
from housing.api.validation import SCHEMA_PATH, _VENDORED
from tests.api.dossiers import dossier_json

PATHS = ["/api/v1/eligibility", "/api/v1/rankings/preview"]


def test_schema_is_an_openapi_document_with_both_paths(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.1")
    for path in PATHS:
        operation = document["paths"][path]["post"]
        assert set(operation["responses"]) >= {"200", "400"}
        assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].startswith("#/components/schemas/")


def _validator(name):
    document = openapi.openapi_document()
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": document["components"]})


def test_embedded_dossier_schema_is_the_contracts(db):
    # The shared contract beside the checkout when present; else the vendored copy, which the next test
    # proves identical to it wherever both exist. The document adds only what the API checks besides
    # (tests/api/test_published_constraints.py): real dates, identity numbers of 18 characters.
    contract = json.loads((SCHEMA_PATH if SCHEMA_PATH.exists() else _VENDORED).read_text(encoding="utf-8"))
    embedded = _validator("Dossier")
    original = Draft202012Validator(contract)
    samples = [dossier_json(g) for g in ("no_housing", "low_income_no_housing", "enterprise_talent")]
    samples += [dict(samples[0], members=[{"name": "x", "id_number": "1"}]), dict(samples[0], group="c9"), {}]
    samples += [dict(samples[0], application_date="")]
    for sample in samples:
        added = {e.message for e in embedded.iter_errors(sample)} - {e.message for e in original.iter_errors(sample)}
        assert {e.message for e in original.iter_errors(sample)} <= {e.message for e in embedded.iter_errors(sample)}
        assert all("is too short" in m or "does not match" in m for m in added), added
    assert not list(embedded.iter_errors(samples[0])) and list(embedded.iter_errors(samples[-1]))
    assert not list(original.iter_errors(samples[-1]))  # "" is a date to the contract: "format" only annotates


def test_vendored_copy_matches_the_contract():
    if not SCHEMA_PATH.exists():
        pytest.skip("shared/contracts not present")
    assert json.loads(_VENDORED.read_text()) == json.loads(SCHEMA_PATH.read_text())


def test_the_documents_examples_are_valid(client, db):
    assert not list(_validator("Dossier").iter_errors(openapi.EXAMPLE_DOSSIER))
    assert not list(_validator("RankingPreviewRequest").iter_errors(openapi.EXAMPLE_PREVIEW_REQUEST))
    assert not list(_validator("Errors").iter_errors(openapi.EXAMPLE_ERRORS))
    response = client.post(PATHS[0], openapi.EXAMPLE_DOSSIER, content_type="application/json")
    assert response.status_code == 200 and response.json()["eligible"] is True
    assert not list(_validator("EligibilityResult").iter_errors(response.json()))


def test_error_answers_match_the_documented_schema(client, db):
    response = client.post(PATHS[0], {"group": "x"}, content_type="application/json")
    assert response.status_code == 400
    assert not list(_validator("Errors").iter_errors(response.json()))


def test_docs_page_lists_every_path_method_and_schema(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    document = openapi.openapi_document()
    for path, methods in document["paths"].items():
        assert f"<code>{path}</code>" in html
        for method, operation in methods.items():
            assert f'id="{method}-' in html and escape(operation["summary"]) in html
    for name in document["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    assert "#/components/schemas/Dossier" in html and "application_date" in html
    assert "440309199506011230" in html  # the example request
    # No CDN, no script at all.
    assert "<script" not in html and not re.search(r'(src|href)="(https?:)?//', html)


@pytest.mark.parametrize("method, url", [("get", "/api/schema/"), ("get", "/api/docs/"),
                                         ("post", PATHS[0]), ("post", PATHS[1])])
def test_no_login_needed(client, db, method, url):
    response = getattr(client, method)(url, {} if method == "post" else None, content_type="application/json")
    assert response.status_code in (200, 400)
    assert "Location" not in response and "login" not in response.get("Location", "")
