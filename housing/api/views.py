"""The public API views (shared/contracts/README.md): thin, JSON only, no login, nothing stored.

Messages follow the request's Accept-Language (Chinese unless English is asked for): an API
client states its language in the header, unlike the pages, which follow the user's choice
(docs/decisions/0008). Every error also carries message_zh and message_en.
"""

import datetime
import json
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt

from housing.api.candidates import NotRanked, candidate_of, ineligibility
from housing.api.openapi import component_schemas, openapi_document, operations
from housing.api.validation import (
    ELIGIBILITY_MAX_BYTES, MAX_DOSSIERS, PREVIEW_MAX_BYTES, FieldError, InvalidRequest, clean_dossier, dossier_errors,
    parse_json,
)
from housing.rules.eligibility import Evaluation, dossier_from_json, evaluate
from housing.rules.policy import PolicySnapshot
from housing.rules.ranking import rank
from housing.policy import NoPolicyInForce, policy_in_force
from publicity.online import ratelimit


def request_language(request) -> str:
    """'en' when Accept-Language prefers English over Chinese, else 'zh-hans'."""
    for tag, _q in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        tag = tag.lower()
        if tag.startswith("en"):
            return "en"
        if tag.startswith("zh") or tag == "*":
            return "zh-hans"
    return "zh-hans"


def _json(request, body: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = request_language(request)
    response["Vary"] = "Accept-Language"
    return response


def _errors(request, errors: list[FieldError], status: int) -> JsonResponse:
    language = request_language(request)
    return _json(request, {"errors": [e.as_dict(language) for e in errors]}, status)


# Limits of the public API (docs/api.md, "Limits"): the sizes in housing/api/validation.py (the OpenAPI document
# publishes them too); a deployment may change the rates through
# settings.PUBLIC_RATE_LIMITS["api_eligibility"] / ["api_preview"] (requests, seconds), as for the public forms.
ELIGIBILITY_RATE = (60, 60)  # per client address and minute
PREVIEW_RATE = (10, 60)


def _body_too_large(request, limit: int) -> JsonResponse:
    return _errors(request, [FieldError(
        "", f"请求体超过 {limit // 1024} KB 的上限", f"The request body is larger than the limit of {limit // 1024} KB.")], 413)


def _too_many_requests(request, retry_after: int) -> JsonResponse:
    response = _errors(request, [FieldError(
        "", f"来自该地址的请求过多，请于 {retry_after} 秒后重试",
        f"Too many requests from this address; try again in {retry_after} seconds.")], 429)
    response["Retry-After"] = str(retry_after)
    return response


def _read_body(request, limit: int) -> bytes | None:
    """The body, or None when it is (or says it is) larger than ``limit`` bytes; never reads more than that."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return None
    body = request.body if hasattr(request, "_body") else request.read(limit + 1)
    return None if len(body) > limit else body


def public_json_post(*, scope: str, rate: tuple[int, int], max_bytes: int):
    """No login, no CSRF token (nothing is stored), POST only, domain errors as JSON — never a 500.

    Before the view: at most ``rate`` POSTs per client address (429), a body of at most ``max_bytes`` (413),
    JSON of sane depth without lone surrogates (400): refused before any other work."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "POST":
                response = _errors(request, [FieldError(
                    "", f"不支持 {request.method} 方法，请使用 POST", f"Method {request.method} is not allowed; use POST.")], 405)
                response["Allow"] = "POST"
                return response
            retry_after = ratelimit.hit(scope, ratelimit.client_ip(request), default=rate)
            if retry_after is not None:
                return _too_many_requests(request, retry_after)
            body = _read_body(request, max_bytes)
            if body is None:
                return _body_too_large(request, max_bytes)
            try:
                return view(request, parse_json(body), *args, **kwargs)
            except InvalidRequest as exc:
                return _errors(request, exc.errors, exc.status)

        return login_not_required(csrf_exempt(wrapper))

    return decorator


class PolicyCache:
    """The policy in force on each application date, read once per request (SPEC §13)."""

    def __init__(self):
        self._by_day: dict[datetime.date, PolicySnapshot | None] = {}

    def on(self, day: datetime.date) -> PolicySnapshot | None:
        if day not in self._by_day:
            try:
                self._by_day[day] = policy_in_force(day)
            except NoPolicyInForce:
                self._by_day[day] = None
        return self._by_day[day]


def _no_policy(field: str, day: datetime.date) -> FieldError:
    return FieldError(
        field,
        f"{day.isoformat()} 没有生效的政策参数版本，无法判断资格；请检查申请日期，或由系统管理员录入政策参数",
        f"No policy version is in force on {day.isoformat()}, so eligibility cannot be decided; "
        "check the application date, or a system administrator must enter the policy parameters.",
    )


def evaluation_body(evaluation: Evaluation, ref: str | None) -> dict:
    body = {
        "ref": ref,
        "eligible": evaluation.eligible,
        "group": evaluation.group,
        "form": evaluation.form,
        "policy_version": evaluation.policy_version,
        "subsidy_monthly": None if evaluation.subsidy_monthly is None else f"{evaluation.subsidy_monthly:.2f}",
        "conditions": [
            {"id": c.id, "passed": c.passed, "message_zh": c.message_zh, "message_en": c.message_en}
            for c in evaluation.conditions
        ],
    }
    if evaluation.subsidy_message_zh:  # optional: why an eligible subsidy has no amount yet
        body["subsidy_message_zh"] = evaluation.subsidy_message_zh
        body["subsidy_message_en"] = evaluation.subsidy_message_en
    return body


@public_json_post(scope="api_eligibility", rate=ELIGIBILITY_RATE, max_bytes=ELIGIBILITY_MAX_BYTES)
def eligibility(request, data):
    dossier = dossier_from_json(clean_dossier(data))
    policy = PolicyCache().on(dossier.application_date)
    if policy is None:
        raise InvalidRequest([_no_policy("application_date", dossier.application_date)], status=422)
    return _json(request, evaluation_body(evaluate(dossier, policy), dossier.ref))


def _preview_request(data) -> tuple[str, list]:
    """The seed and the cleaned dossiers, or InvalidRequest naming every bad field of every dossier."""
    if not isinstance(data, dict):
        raise InvalidRequest([FieldError("", "请求体应为JSON对象 {\"seed\": …, \"dossiers\": […]}",
                                         'The body is a JSON object {"seed": …, "dossiers": […]}.')])
    errors: list[FieldError] = []
    seed, dossiers = data.get("seed"), data.get("dossiers")
    if "seed" not in data:
        errors.append(FieldError("seed", "缺少必填字段", "This field is required."))
    elif not isinstance(seed, str):
        errors.append(FieldError("seed", "类型错误：应为字符串", "Wrong type: expected string."))
    if "dossiers" not in data:
        errors.append(FieldError("dossiers", "缺少必填字段", "This field is required."))
    elif not isinstance(dossiers, list):
        errors.append(FieldError("dossiers", "类型错误：应为数组", "Wrong type: expected array."))
        dossiers = None
    elif len(dossiers) > MAX_DOSSIERS:  # refused before a single dossier is checked
        raise InvalidRequest([FieldError("dossiers", f"一次最多 {MAX_DOSSIERS} 份档案，收到 {len(dossiers)} 份",
                                         f"At most {MAX_DOSSIERS} dossiers per request; {len(dossiers)} were sent.")])
    cleaned = []
    first_index: dict[str, int] = {}
    for i, item in enumerate(dossiers or ()):
        prefix = f"dossiers.{i}"
        item_errors, _ = dossier_errors(item)
        errors.extend(e.prefixed(prefix) for e in item_errors)
        if not isinstance(item, dict):
            continue
        ref = item.get("ref")
        if "ref" not in item:
            errors.append(FieldError(f"{prefix}.ref", "排序预览中每份档案都必须有 ref", "Every dossier of a ranking preview needs a ref."))
        elif isinstance(ref, str) and not ref:
            errors.append(FieldError(f"{prefix}.ref", "ref 不得为空", "The ref must not be empty."))
        elif isinstance(ref, str) and ref in first_index:
            j = first_index[ref]
            errors.append(FieldError(f"{prefix}.ref", f"ref {ref!r} 与 dossiers.{j} 重复；ref 在请求中必须唯一",
                                     f"The ref {ref!r} repeats dossiers.{j}; refs must be unique in the request."))
        elif isinstance(ref, str):
            first_index[ref] = i
        if not item_errors:
            cleaned.append(clean_dossier(item))
    if errors:
        raise InvalidRequest(errors)
    return seed, cleaned


@public_json_post(scope="api_preview", rate=PREVIEW_RATE, max_bytes=PREVIEW_MAX_BYTES)
def ranking_preview(request, data):
    seed, documents = _preview_request(data)
    policies = PolicyCache()
    dossiers = [dossier_from_json(d) for d in documents]
    missing = [_no_policy(f"dossiers.{i}.application_date", d.application_date)
               for i, d in enumerate(dossiers) if policies.on(d.application_date) is None]
    if missing:
        raise InvalidRequest(missing, status=422)
    candidates, not_ranked = [], []
    for dossier in dossiers:
        reason = ineligibility(dossier, evaluate(dossier, policies.on(dossier.application_date)))
        outcome = reason or candidate_of(dossier)
        (not_ranked if isinstance(outcome, NotRanked) else candidates).append(outcome)
    body = rank(candidates, seed=seed).as_dict()
    body["excluded"] = sorted(body["excluded"] + [x.as_dict() for x in not_ranked], key=lambda x: x["ref"])
    return _json(request, body)


@login_not_required
def schema(request):
    response = HttpResponse(json.dumps(openapi_document(), ensure_ascii=False, indent=2),
                            content_type="application/vnd.oai.openapi+json; charset=utf-8")
    return response


@login_not_required
def docs(request):
    document = openapi_document()
    return render(request, "api/docs.html", {"info": document["info"], "operations": operations(document),
                                             "schemas": component_schemas(document)})
