"""The OpenAPI 3.1 document of the public API, built in Python around the contract's dossier schema.

OpenAPI 3.1 uses JSON Schema 2020-12, so shared/contracts/dossier.schema.json is embedded as it
is, with its `$defs/person` moved to `components/schemas/Person`.
"""

import copy
import json
from functools import lru_cache

from housing.api.validation import (
    CALENDAR_DATE_PATTERN, DOSSIER_SCHEMA, ELIGIBILITY_MAX_BYTES, MAX_DOSSIERS, PERSON_DATES, PREVIEW_MAX_BYTES,
)
from housing.groups import Group

API_VERSION = "1.0.0"

EXAMPLE_DOSSIER = {
    "ref": "A-17",
    "group": "institution_talent",
    "form": "subsidy",
    "application_date": "2026-03-15",
    "applicant": {
        "name": "张三", "id_number": "440309199506011230", "marital_status": "single", "hukou": "shenzhen",
        "hukou_since": "2020-07-01", "hukou_by_joining": False, "social_insurance_months": 60,
        "first_social_insurance_date": "2020-08-01", "owns_housing": False, "owns_residential_land": False,
        "bought_policy_housing_in_city": False, "rents_affordable_housing": False,
        "received_purchase_subsidy": False, "family_planning_violation": False,
    },
    "members": [],
    "employer": {"name": "深圳市龙华区某事业单位", "credit_code": "12440300MB2C000017", "kind": "public_institution"},
    "talent": {"degree": "doctorate", "full_time": True},
    "honours": [],
}

EXAMPLE_RESULT = {
    "ref": "A-17", "eligible": True, "group": "institution_talent", "form": "subsidy",
    "policy_version": "2014-default", "subsidy_monthly": "1500.00",
    "conditions": [
        {"id": "R-4", "passed": True, "message_zh": "…", "message_en": "…"},
        {"id": "R-21.1", "passed": True, "message_zh": "…", "message_en": "…"},
    ],
}

EXAMPLE_ERRORS = {"errors": [
    {"field": "applicant.id_number", "message": "该居民身份证号码的校验码错误（R-X.3）。",
     "message_zh": "该居民身份证号码的校验码错误（R-X.3）。",
     "message_en": "The check digit of this resident ID number is wrong."},
    {"field": "members.1.relation", "message": "缺少必填字段", "message_zh": "缺少必填字段",
     "message_en": "This field is required."},
]}

EXAMPLE_PREVIEW_REQUEST = {"seed": "2026-round-1", "dossiers": [EXAMPLE_DOSSIER]}

EXAMPLE_PREVIEW = {
    "seed": "2026-round-1",
    "queues": [{"group": "institution_talent", "employer": "12440300MB2C000017",
                "entries": [{"ref": "A-17", "rank": 1,
                             "lottery_key": "sha256 of \"2026-round-1:A-17\", lowercase hex"}]}],
    "excluded": [{"ref": "A-3", "reason_zh": "不符合资格，不予排序：未通过资格条件 R-20.2。",
                  "reason_en": "Not ranked: not eligible; fails the eligibility conditions R-20.2."}],
}


def _rewrite_refs(node):
    if isinstance(node, dict):
        return {k: ("#/components/schemas/Person" if k == "$ref" and v == "#/$defs/person" else _rewrite_refs(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


# What the API checks beyond the contract's JSON Schema (housing/api/validation.py), published so that a
# client (or a fuzzer) can tell an accepted dossier from a refused one. JSON Schema formats are annotations,
# so a date also carries the pattern of a real calendar date; the check digits and the past birth date of an
# ID number cannot be a pattern and are named by a format of their own.
ID_NUMBER_FORMAT = "gb11643-resident-id"
CREDIT_CODE_FORMAT = "gb32100-credit-code"
_DATE_NOTE = " A real calendar date, YYYY-MM-DD with ASCII digits, years 0001–9999."


def _real_date(prop: dict) -> None:
    prop["pattern"] = CALENDAR_DATE_PATTERN
    prop["description"] = (prop.get("description", "") + _DATE_NOTE).strip()


def _checked_code(prop: dict, fmt: str, note: str) -> None:
    prop.update({"format": fmt, "minLength": 18})
    prop["description"] = f"{prop.get('description', '')} {note}".strip()


def _dossier_schemas() -> dict:
    schema = copy.deepcopy(DOSSIER_SCHEMA)
    person = schema.pop("$defs")["person"]
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    _real_date(schema["properties"]["application_date"])
    for key in PERSON_DATES:
        _real_date(person["properties"][key])
    _checked_code(person["properties"]["id_number"], ID_NUMBER_FORMAT,
                  "Spaces are ignored and x is read as X; the check digit must be right and the birth date real "
                  "and not in the future (R-X.3).")
    _checked_code(schema["properties"]["employer"]["properties"]["credit_code"], CREDIT_CODE_FORMAT,
                  "Spaces are ignored and letters read as capitals; the check character must be right (R-X.3).")
    return {"Dossier": _rewrite_refs(schema), "Person": person}


def _error_schemas() -> dict:
    return {
        "FieldError": {
            "type": "object", "required": ["field", "message"],
            "properties": {
                "field": {"type": "string", "description": (
                    "Dotted path of the bad field with numeric indexes: \"applicant.id_number\", "
                    "\"members.1.relation\", \"dossiers.3.applicant.id_number\"; \"\" for the whole body.")},
                "message": {"type": "string", "description": "In the language of Accept-Language (Chinese unless English is asked for)."},
                "message_zh": {"type": "string"},
                "message_en": {"type": "string"},
            },
        },
        "Errors": {"type": "object", "required": ["errors"],
                   "properties": {"errors": {"type": "array", "minItems": 1, "items": _ref("FieldError")}}},
    }


def _result_schemas() -> dict:
    nullable_bool = {"type": ["boolean", "null"]}
    return {
        "Condition": {
            "type": "object", "required": ["id", "passed", "message_zh", "message_en"],
            "properties": {
                "id": {"type": "string", "description": "The condition's id (R-4, R-18.1 …, R-HH.1 …), SPEC §6."},
                "passed": {**nullable_bool, "description": "null: the dossier lacks a fact the condition needs (the message says which)."},
                "message_zh": {"type": "string"}, "message_en": {"type": "string"},
            },
        },
        "EligibilityResult": {
            "type": "object",
            "required": ["ref", "eligible", "group", "form", "policy_version", "subsidy_monthly", "conditions"],
            "properties": {
                "ref": {"type": ["string", "null"], "description": "Echoed from the dossier."},
                "eligible": {**nullable_bool, "description": "true: every condition passed; false: any failed; null otherwise."},
                "group": {"enum": [g.value for g in Group]},
                "form": {"enum": ["economic_housing", "public_rental", "subsidy"]},
                "policy_version": {"type": "string", "description": "The policy parameters in force on application_date."},
                "subsidy_monthly": {"type": ["string", "null"], "pattern": r"^\d+\.\d{2}$",
                                    "description": "Yuan per month, two decimals, when form is subsidy and eligible; else null."},
                "conditions": {"type": "array", "items": _ref("Condition"), "description": "In article order."},
                "subsidy_message_zh": {"type": "string", "description": "Optional: why an eligible subsidy has no amount yet."},
                "subsidy_message_en": {"type": "string"},
            },
        },
        "RankingPreviewRequest": {
            "type": "object", "required": ["seed", "dossiers"],
            "properties": {
                "seed": {"type": "string", "description": "The published lottery seed (R-23.3)."},
                "dossiers": {"type": "array", "maxItems": MAX_DOSSIERS,
                             "items": {"allOf": [_ref("Dossier")], "required": ["ref"],
                                       "properties": {"ref": {"type": "string", "minLength": 1}}},
                             "description": "Every dossier carries a non-empty ref, unique in the request "
                                            f"(JSON Schema cannot say so); at most {MAX_DOSSIERS:,} dossiers."},
            },
        },
        "Entry": {
            "type": "object", "required": ["ref", "rank", "lottery_key"],
            "properties": {
                "ref": {"type": "string"}, "rank": {"type": "integer", "minimum": 1},
                "lottery_key": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                                "description": "Lowercase hex SHA-256 of the UTF-8 bytes of seed + \":\" + ref."},
            },
        },
        "Queue": {
            "type": "object", "required": ["group", "employer", "entries"],
            "properties": {
                "group": {"enum": [g.value for g in Group]},
                "employer": {"type": ["string", "null"], "description": "The employer's credit code for C4–C6; null for C1–C3."},
                "entries": {"type": "array", "items": _ref("Entry"), "description": "In rank order, ranks 1…n."},
            },
        },
        "Exclusion": {
            "type": "object", "required": ["ref", "reason_zh", "reason_en"],
            "properties": {"ref": {"type": "string"}, "reason_zh": {"type": "string"}, "reason_en": {"type": "string"}},
        },
        "RankingPreview": {
            "type": "object", "required": ["seed", "queues", "excluded"],
            "properties": {
                "seed": {"type": "string"},
                "queues": {"type": "array", "items": _ref("Queue")},
                "excluded": {"type": "array", "items": _ref("Exclusion")},
            },
        },
    }


def _json_content(schema: str, example: dict) -> dict:
    return {"application/json": {"schema": _ref(schema), "example": example}}


_LANGUAGE = {"name": "Accept-Language", "in": "header", "required": False, "schema": {"type": "string"},
             "description": "`en` for English messages; Chinese otherwise."}


def _post(summary: str, description: str, request: tuple[str, dict], ok: tuple[str, dict, str], max_bytes: int) -> dict:
    return {"post": {
        "summary": summary,
        "description": description,
        "security": [],
        "parameters": [_LANGUAGE],
        "requestBody": {"required": True, "content": _json_content(*request), "x-max-bytes": max_bytes,
                        "description": f"UTF-8 JSON of at most {max_bytes // 1024:,} KB, nested at most 32 levels "
                                       "(docs/api.md, Limits)."},
        "responses": {
            "200": {"description": ok[2], "content": _json_content(ok[0], ok[1])},
            "400": {"description": "Not a valid request: every bad field is named.",
                    "content": _json_content("Errors", EXAMPLE_ERRORS)},
            "405": {"description": "Any method but POST.", "content": _json_content("Errors", {"errors": [
                {"field": "", "message": "Method GET is not allowed; use POST."}]})},
            "422": {"description": "A valid dossier, but no policy version is in force on its application_date.",
                    "content": _json_content("Errors", {"errors": [
                        {"field": "application_date", "message": "No policy version is in force on 2010-01-01 …"}]})},
            "413": {"description": "The body is larger than the endpoint's limit (docs/api.md, Limits).",
                    "content": _json_content("Errors", {"errors": [
                        {"field": "", "message": "The request body is larger than the limit of 64 KB."}]})},
            "429": {"description": "Too many requests from this client address in the current minute; the "
                                   "Retry-After header gives the seconds to wait.",
                    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    "content": _json_content("Errors", {"errors": [
                        {"field": "", "message": "Too many requests from this address; try again in 42 seconds."}]})},
        },
    }}


@lru_cache(maxsize=1)
def _document_json() -> str:
    document = {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Longhua affordable-housing portal — public API",
            "version": API_VERSION,
            "description": (
                "The public promises of shared/contracts/README.md: the eligibility check (SPEC §6) and the "
                "ranking preview (SPEC §7). No login; nothing is stored. They change only by adding optional fields."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/eligibility": _post(
                "Check one dossier's eligibility",
                "Evaluates every condition of SPEC §6 that applies to the dossier's group, with the policy "
                "parameters in force on its application_date.",
                ("Dossier", EXAMPLE_DOSSIER), ("EligibilityResult", EXAMPLE_RESULT, "The decision, condition by condition."),
                ELIGIBILITY_MAX_BYTES,
            ),
            "/api/v1/rankings/preview": _post(
                "Re-run a ranking",
                "Ranks the eligible dossiers per queue (R-23.1, R-23.2, R-24) and breaks the remaining ties by the "
                "public lottery key sha256(seed + \":\" + ref) (R-23.3); the rest are listed in `excluded`. "
                "Errors name the dossier by its index: \"dossiers.3.applicant.id_number\".",
                ("RankingPreviewRequest", EXAMPLE_PREVIEW_REQUEST), ("RankingPreview", EXAMPLE_PREVIEW, "The queues."),
                PREVIEW_MAX_BYTES,
            ),
            "/api/schema/": {"get": {
                "summary": "This document", "security": [],
                "responses": {"200": {"description": "OpenAPI 3.1 document.",
                                      "content": {"application/vnd.oai.openapi+json": {"schema": {"type": "object"}}}}},
            }},
        },
        "components": {"schemas": {**_dossier_schemas(), **_error_schemas(), **_result_schemas()}},
    }
    return json.dumps(document, ensure_ascii=False)


def openapi_document() -> dict:
    """A fresh copy: callers may not change the cached one."""
    return json.loads(_document_json())


def _pretty(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def operations(document: dict) -> list[dict]:
    """Every path × method of the document, flattened for the docs page."""
    result = []
    for path, methods in document["paths"].items():
        for method, op in methods.items():
            request = (op.get("requestBody") or {}).get("content", {}).get("application/json")
            result.append({
                "path": path,
                "method": method.upper(),
                "anchor": f"{method}-{path.strip('/').replace('/', '-')}",
                "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "parameters": op.get("parameters", []),
                "request_schema": _pretty(request["schema"]) if request else "",
                "request_example": _pretty(request["example"]) if request else "",
                "responses": [
                    {"status": status, "description": resp["description"],
                     "media_type": next(iter(resp.get("content", {})), ""),
                     "schema": _pretty(next(iter(resp.get("content", {}).values()), {}).get("schema", {})),
                     "example": _pretty(next(iter(resp.get("content", {}).values()), {}).get("example"))
                     if "example" in next(iter(resp.get("content", {}).values()), {}) else ""}
                    for status, resp in op["responses"].items()
                ],
            })
    return result


def component_schemas(document: dict) -> list[tuple[str, str]]:
    return [(name, _pretty(schema)) for name, schema in document["components"]["schemas"].items()]
