"""Bad input and too much of it: refused with the API's own JSON errors, never a 500 (docs/api.md, Limits)."""

import json

import pytest
from jsonschema import Draft202012Validator

from housing.api import views
from housing.api.openapi import openapi_document
from housing.api.validation import MAX_DEPTH
from tests.api.dossiers import dossier_json

ELIGIBILITY, PREVIEW = "/api/v1/eligibility", "/api/v1/rankings/preview"
BOTH = pytest.mark.parametrize("url", [ELIGIBILITY, PREVIEW])


def errors_shape(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    document = openapi_document()
    validator = Draft202012Validator({"$ref": "#/components/schemas/Errors", "components": document["components"]})
    assert not list(validator.iter_errors(body))
    for error in body["errors"]:
        assert error["message_zh"] and error["message_en"]
    return body["errors"]


def post_raw(client, url, raw: bytes | str, **extra):
    return client.generic("POST", url, raw, content_type="application/json", **extra)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@BOTH
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 950, 30_000])
def test_deep_json_is_a_400(client, db, url, depth):
    errors = errors_shape(post_raw(client, url, nested(depth)), 400)
    assert errors[0]["field"] == "" and str(MAX_DEPTH) in errors[0]["message_en"]


@BOTH
def test_deep_json_inside_a_dossier_is_a_400(client, db, url):
    body = dossier_json(ref="A-1")
    body["applicant"]["name"] = json.loads(nested(950))
    if url == PREVIEW:
        body = {"seed": "s", "dossiers": [body]}
    errors = errors_shape(post_raw(client, url, json.dumps(body)), 400)
    assert "levels deep" in errors[0]["message_en"]


def test_depth_within_the_limit_is_checked_as_usual(client, db):
    errors = errors_shape(post_raw(client, ELIGIBILITY, nested(MAX_DEPTH)), 400)
    assert "levels deep" not in errors[0]["message_en"]


@BOTH
@pytest.mark.parametrize("where", ["value", "key", "ref"])
def test_a_lone_surrogate_is_a_400(client, db, url, where):
    body = dossier_json(ref="A-1")
    text = json.dumps({"seed": "s", "dossiers": [body]} if url == PREVIEW else body)
    if where == "value":
        text = text.replace('"张三"', '"\\ud800"', 1).replace('"\\u5f20\\u4e09"', '"\\ud800"', 1)
    elif where == "key":
        text = text.replace('"applicant": {', '"applicant": {"\\udfff": 1, ', 1)
    else:
        text = text.replace('"ref": "A-1"', '"ref": "A-\\udc00"', 1)
    assert "\\ud" in text
    response = post_raw(client, url, text.encode("ascii"))
    errors = errors_shape(response, 400)
    assert "surrogate" in errors[0]["message_en"]
    response.content.decode("utf-8")  # the answer itself is valid UTF-8
    prefix = "dossiers.0." if url == PREVIEW else ""
    expected = {"value": f"{prefix}applicant.name", "key": f"{prefix}applicant", "ref": f"{prefix}ref"}[where]
    assert errors[0]["field"] == expected


def test_a_surrogate_pair_is_a_character(client, policy):
    body = dossier_json()
    body["applicant"]["name"] = "张😀"
    response = post_raw(client, ELIGIBILITY, json.dumps(body))  # ensure_ascii: sent as \ud83d\ude00
    assert response.status_code == 200, response.content


@BOTH
def test_a_body_over_the_limit_is_a_413(client, db, url):
    limit = views.ELIGIBILITY_MAX_BYTES if url == ELIGIBILITY else views.PREVIEW_MAX_BYTES
    raw = json.dumps({"seed": "s", "dossiers": [], "padding": "x" * limit})
    errors = errors_shape(post_raw(client, url, raw), 413)
    assert "larger than the limit" in errors[0]["message_en"]


def test_a_body_over_the_limit_is_not_read(client, db, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(views, "parse_json", never)
    errors_shape(post_raw(client, PREVIEW, b"[" * (views.PREVIEW_MAX_BYTES + 1)), 413)


def test_too_many_dossiers_are_refused_before_any_is_checked(client, db, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("a dossier was checked")

    monkeypatch.setattr(views, "dossier_errors", never)
    body = {"seed": "s", "dossiers": [{"ref": f"A-{i}"} for i in range(views.MAX_DOSSIERS + 1)]}
    errors = errors_shape(post_raw(client, PREVIEW, json.dumps(body)), 400)
    assert [e["field"] for e in errors] == ["dossiers"]
    assert str(views.MAX_DOSSIERS) in errors[0]["message_en"]


@BOTH
def test_the_rate_limit_is_a_429_per_address(client, db, settings, url):
    scope = "api_eligibility" if url == ELIGIBILITY else "api_preview"
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, scope: (3, 60)}
    for _ in range(3):
        assert post_raw(client, url, "{}").status_code == 400
    over = post_raw(client, url, "{}")
    errors_shape(over, 429)
    assert 1 <= int(over["Retry-After"]) <= 60
    assert post_raw(client, url, "{}", REMOTE_ADDR="203.0.113.9").status_code == 400
    assert client.get(url).status_code == 405  # the wrong method is not counted, nor refused as too many


def test_the_default_rates_apply_without_a_setting(client, db, settings):
    settings.PUBLIC_RATE_LIMITS = {}
    allowed, _window = views.PREVIEW_RATE
    for _ in range(allowed):
        assert post_raw(client, PREVIEW, "{}").status_code == 400
    assert post_raw(client, PREVIEW, "{}").status_code == 429
    assert post_raw(client, ELIGIBILITY, "{}").status_code == 400  # each endpoint its own allowance


def test_the_documented_answers_include_the_limits():
    for path in (ELIGIBILITY, PREVIEW):
        responses = openapi_document()["paths"][path]["post"]["responses"]
        assert {"400", "413", "429"} <= set(responses)
