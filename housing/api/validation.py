"""Validation of a dossier against shared/contracts/dossier.schema.json, naming every bad field.

The structure (required fields, types, enums, minimums, year keys) is checked by `jsonschema`
with the contract's own schema, so the API cannot drift from the promise; what JSON Schema
cannot say is checked here: real calendar dates, the ID number's check digit and birth date
(R-X.3, `clean_id_number`) and the credit code's check character (`clean_credit_code`).

Fields are named by dotted paths with numeric indexes: "applicant.id_number",
"members.1.relation", and in the ranking preview "dossiers.3.applicant.id_number"
(docs/api.md). Every message is given in Chinese and English.
"""

import copy
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from jsonschema import Draft202012Validator

from housing.rules.identity import clean_credit_code, clean_id_number

SCHEMA_PATH = Path(settings.BASE_DIR).parent / "shared" / "contracts" / "dossier.schema.json"
_VENDORED = Path(__file__).with_name("dossier.schema.json")


def load_schema() -> dict:
    """The contract's schema; the shared copy wins, the vendored one serves a deployment without it."""
    path = SCHEMA_PATH if SCHEMA_PATH.exists() else _VENDORED
    return json.loads(path.read_text(encoding="utf-8"))


DOSSIER_SCHEMA = load_schema()
_VALIDATOR = Draft202012Validator(DOSSIER_SCHEMA)

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only (fullmatch: no trailing newline)
PERSON_DATES = ("hukou_since", "first_social_insurance_date", "last_housing_transfer_date",
                "family_planning_handled_date")

# The same in JSON Schema (ECMA-262), published in the OpenAPI document: a real calendar date of years 0001–9999.
# "(?!\n)$" ends it in both dialects: Python's "$" (jsonschema) also matches before a final newline.
_YEAR = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
_MONTH_DAY = "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
CALENDAR_DATE_PATTERN = f"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)(?!\\n)$"

_TYPE_ZH = {"string": "字符串", "integer": "整数", "number": "数字", "boolean": "布尔值（true/false）",
            "object": "对象", "array": "数组", "null": "null"}


@dataclass(frozen=True)
class FieldError:
    field: str
    message_zh: str
    message_en: str

    def as_dict(self, language: str) -> dict:
        message = self.message_en if language == "en" else self.message_zh
        return {"field": self.field, "message": message, "message_zh": self.message_zh, "message_en": self.message_en}

    def prefixed(self, prefix: str) -> "FieldError":
        return FieldError(f"{prefix}.{self.field}" if self.field else prefix, self.message_zh, self.message_en)


class InvalidRequest(Exception):
    """The body is not what the endpoint accepts; `errors` names every bad field."""

    def __init__(self, errors: list[FieldError], status: int = 400):
        super().__init__("; ".join(f"{e.field}: {e.message_en}" for e in errors))
        self.errors = errors
        self.status = status


def dotted(parts) -> str:
    return ".".join(str(p) for p in parts)


def _join(base: str, name: Any) -> str:
    return f"{base}.{name}" if base else str(name)


def _both(message) -> tuple[str, str]:
    """A lazily translated message (housing.rules.identity) in Chinese and in English."""
    with translation.override("zh-hans"):
        zh = str(message)
    with translation.override("en"):
        en = str(message)
    return zh, en


# Limits of a request body (docs/api.md, "Limits"): checked before any other work.
ELIGIBILITY_MAX_BYTES = 64 * 1024  # one dossier is about 1 KB
PREVIEW_MAX_BYTES = 4 * 1024 * 1024  # MAX_DOSSIERS dossiers of about 1–2 KB each
MAX_DOSSIERS = 2_000  # a round's ranking of one group; about a second of a worker
MAX_DEPTH = 32  # a dossier nests 3 levels deep, a ranking preview 5
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _too_deep() -> FieldError:
    return FieldError("", f"请求体的JSON嵌套超过 {MAX_DEPTH} 层", f"The request body nests JSON more than {MAX_DEPTH} levels deep.")


def _check_depth(value: Any) -> None:
    """InvalidRequest if objects and arrays nest more than MAX_DEPTH levels (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > MAX_DEPTH:
            raise InvalidRequest([_too_deep()])
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _find_lone_surrogate(value: Any) -> str | None:
    """The dotted path of the first string (or of the object holding the key) with a lone surrogate, else None.
    The path never contains the bad text itself: the answer must be valid UTF-8."""
    stack = [(value, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            if _lone_surrogate(node):
                return path
        elif isinstance(node, dict):
            for key, child in node.items():
                if _lone_surrogate(key):
                    return path
                stack.append((child, _join(path, key)))
        elif isinstance(node, list):
            stack.extend((child, _join(path, i)) for i, child in enumerate(node))
    return None


def parse_json(body: bytes) -> Any:
    """The body as JSON, or InvalidRequest: not UTF-8, not JSON, nested more than MAX_DEPTH levels, or a string
    holding a lone UTF-16 surrogate (\\ud800 escaped alone: no character, cannot be stored or answered)."""
    def refuse_constant(name):
        raise ValueError(f"{name} is not JSON")

    try:
        text = body.decode("utf-8")
        data = json.loads(text, parse_constant=refuse_constant)
    except RecursionError as exc:
        raise InvalidRequest([_too_deep()]) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidRequest([FieldError("", f"请求体不是有效的JSON（UTF-8）：{exc}",
                                         f"The request body is not valid JSON (UTF-8): {exc}")]) from exc
    _check_depth(data)
    if _ESCAPED_SURROGATE.search(text):  # only an escape can make one: the raw bytes are not UTF-8
        path = _find_lone_surrogate(data)
        if path is not None:
            raise InvalidRequest([FieldError(path, "文本含有孤立的UTF-16代理项（如 \\ud800），不是有效字符",
                                             "The text holds a lone UTF-16 surrogate (such as \\ud800), "
                                             "which is not a character.")])
    return data


# --- JSON Schema errors, in words ------------------------------------------------------


def _schema_errors(error) -> list[FieldError]:
    path = dotted(error.absolute_path)
    kind, value = error.validator, error.validator_value
    if kind == "required":
        missing = [name for name in value if isinstance(error.instance, dict) and name not in error.instance]
        return [FieldError(_join(path, name), "缺少必填字段", "This field is required.") for name in missing]
    if kind == "type":
        types = value if isinstance(value, list) else [value]
        return [FieldError(path, "类型错误：应为" + "或".join(_TYPE_ZH.get(t, t) for t in types),
                           "Wrong type: expected " + " or ".join(types) + ".")]
    if kind == "enum":
        choices = ", ".join(json.dumps(v, ensure_ascii=False) for v in value)
        return [FieldError(path, f"取值无效：{json.dumps(error.instance, ensure_ascii=False)}；应为以下之一：{choices}",
                           f"Invalid value {json.dumps(error.instance, ensure_ascii=False)}: must be one of {choices}.")]
    if kind == "minimum":
        return [FieldError(path, f"不得小于{value}（不得为负数）", f"Must not be less than {value} (no negative numbers).")]
    if kind == "minLength":
        return [FieldError(path, "不得为空", "Must not be empty.")]
    if kind == "additionalProperties":
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        known = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in known and not any(p.search(k) for p in patterns)]
        return [FieldError(_join(path, key), "未知的键：年份应为四位数字（如 \"2025\"）",
                           'Unknown key: years are given as four digits (e.g. "2025").') for key in extra]
    return [FieldError(path, f"不符合数据格式：{error.message}", f"Does not match the dossier schema: {error.message}")]


# --- what JSON Schema cannot say -------------------------------------------------------


def _check_date(data: dict, key: str, base: str, errors: list[FieldError]) -> None:
    value = data.get(key)
    if not isinstance(value, str):
        return
    field = _join(base, key)
    if not _DATE_RE.fullmatch(value):
        errors.append(FieldError(field, f"日期格式应为YYYY-MM-DD，收到 {value!r}", f"Dates are written YYYY-MM-DD, not {value!r}."))
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(FieldError(field, f"{value} 不是真实存在的日期", f"{value} is not a real calendar date."))


def _check_person(person: Any, base: str, errors: list[FieldError], cleaned: dict) -> None:
    if not isinstance(person, dict):
        return
    for key in PERSON_DATES:
        _check_date(person, key, base, errors)
    number = person.get("id_number")
    if isinstance(number, str):
        try:
            cleaned[(base, "id_number")] = clean_id_number(number)
        except ValidationError as exc:
            errors.append(FieldError(_join(base, "id_number"), *_both(exc.error_list[0].message)))


def _semantic_errors(data: dict, cleaned: dict) -> list[FieldError]:
    errors: list[FieldError] = []
    _check_date(data, "application_date", "", errors)
    _check_person(data.get("applicant"), "applicant", errors, cleaned)
    members = data.get("members")
    if isinstance(members, list):
        for i, member in enumerate(members):
            _check_person(member, f"members.{i}", errors, cleaned)
    employer = data.get("employer")
    if isinstance(employer, dict) and isinstance(employer.get("credit_code"), str):
        try:
            cleaned[("employer", "credit_code")] = clean_credit_code(employer["credit_code"])
        except ValidationError as exc:
            errors.append(FieldError("employer.credit_code", *_both(exc.error_list[0].message)))
    return errors


def _order(error: FieldError) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in error.field.split("."))


def dossier_errors(data: Any) -> tuple[list[FieldError], dict]:
    """Every bad field of one dossier, and the cleaned identity numbers keyed by (path, field)."""
    if not isinstance(data, dict):
        return [FieldError("", "档案应为JSON对象", "A dossier is a JSON object.")], {}
    found: dict[tuple[str, str], FieldError] = {}
    for error in _VALIDATOR.iter_errors(data):
        for field_error in _schema_errors(error):
            found.setdefault((field_error.field, field_error.message_en), field_error)
    cleaned: dict = {}
    bad_fields = {field for field, _ in found}
    for field_error in _semantic_errors(data, cleaned):
        if field_error.field not in bad_fields:  # a wrong type is reported once, not twice
            found.setdefault((field_error.field, field_error.message_en), field_error)
    return sorted(found.values(), key=_order), cleaned


def clean_dossier(data: Any) -> dict:
    """The dossier with identity numbers in their canonical form; raises InvalidRequest naming every bad field."""
    errors, cleaned = dossier_errors(data)
    if errors:
        raise InvalidRequest(errors)
    result = copy.deepcopy(data)
    for (base, key), value in cleaned.items():
        if base == "applicant":
            result["applicant"][key] = value
        elif base.startswith("members."):
            result["members"][int(base.split(".")[1])][key] = value
        else:
            result[base][key] = value
    return result
