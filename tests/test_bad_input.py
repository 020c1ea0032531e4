"""R-X.5: bad input is a 400 in the user's language, never a 500. A control character (a NUL above all: PostgreSQL
refuses it in a string) in a path or query string is refused by config.middleware before any view or query; a NUL
in a posted form field is a form error (Django's ProhibitNullCharactersValidator)."""

import re
import uuid
from collections import Counter

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse

from housing.stages import Stage
from publicity.models import Objection
from tests.factories import ApplicationFactory, advance, staff
from tests.factories.tenancy import TenancyFactory
from tests.housing.conftest import forms_of, private_media  # noqa: F401 - fixture
from tests.support.publicity_online import entry_value, in_notice, notice, objection_url  # noqa: F401 - fixtures
from publicity.masking import mask_name

NAMESPACES = ("housing", "publicity")
DUMMY = {"int": 1, "string": "a\x00b", "slug": "a", "path": "a\x00b", "uuid": uuid.uuid4()}
BAD_QUERIES = ["q=%00", "page=%00&status=x", "entry=%00", "q=a%00b", "q=%0a", "q=%09", "q=%1f", "q=%7f", "q=\x00"]


def url_names() -> list[tuple[str, str, dict]]:
    """(namespace, name, kwargs) of every named URL of the staff and public sites; parameters get dummy values,
    a NUL in each string parameter."""
    found = []
    resolver = get_resolver()
    for namespace in NAMESPACES:
        _prefix, sub = resolver.namespace_dict[namespace]
        for name in sorted(k for k in sub.reverse_dict if isinstance(k, str)):
            for _possibility, _pattern, _defaults, converters in sub.reverse_dict.getlist(name):
                kinds = {key: type(conv).__name__.replace("Converter", "").lower() for key, conv in converters.items()}
                kwargs = {key: DUMMY.get(kind, "a") for key, kind in kinds.items()}
                found.append((namespace, name, kwargs))
                break
    return found


def urls(*, with_parameters: bool = True) -> list[str]:
    out = []
    for namespace, name, kwargs in url_names():
        if kwargs and not with_parameters:
            continue
        try:
            out.append(reverse(f"{namespace}:{name}", kwargs=kwargs or None))
        except NoReverseMatch:
            continue
    return out


def clerk_client() -> Client:
    client = Client()
    client.force_login(staff("ccb", "clerk"))
    return client


def test_the_walk_covers_both_sites():
    walked = urls()
    assert len(walked) > 80
    assert any(u.startswith("/public/") for u in walked) and "%00" in "".join(walked)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "ccb clerk"])
def test_a_control_character_in_any_url_is_a_400_never_a_500(who):
    client = Client() if who == "anonymous" else clerk_client()
    failures = []
    for url in urls():
        for query in BAD_QUERIES:
            response = client.get(f"{url}?{query}")
            if response.status_code != 400:
                failures.append((url, query, response.status_code))
        path = url.rstrip("/") + "%00/"
        response = client.get(path)
        if response.status_code != 400:
            failures.append((path, "", response.status_code))
    assert failures == []


@pytest.mark.django_db
def test_a_percent_sign_or_ordinary_text_is_not_refused():
    client = clerk_client()
    for query in ("q=%2500", "q=%E4%B8%AD+%E6%96%87", "q=a%20b", "q=%5Cx00"):  # "%00", "\\x00": text, no control
        assert client.get(f"{reverse('housing:application_list')}?{query}").status_code in (200, 302)
        assert client.get(f"{reverse('housing:stock_list')}?{query}").status_code == 200


@pytest.mark.django_db
def test_refused_before_the_session_or_any_query(django_assert_num_queries):
    client = clerk_client()
    with django_assert_num_queries(0):
        response = client.get(reverse("housing:work_queue") + "?q=%00")
    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_the_400_page_is_in_the_users_language():
    url = reverse("housing:application_list") + "?q=%00"
    chinese = Client().get(url)
    assert chinese.status_code == 400 and chinese["Content-Language"] == "zh-hans"
    page = chinese.content.decode()
    assert "请求有误" in page and "控制字符" in page and "%00" in page
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = english.get(url).content.decode()
    assert "Bad request" in page and "control character" in page and '<a href="/">' in page
    public = Client().get(reverse("publicity:status_lookup") + "?q=%00").content.decode()
    assert '<a href="/public/">' in public


@pytest.mark.django_db
@pytest.mark.parametrize("accept, language", [("", "zh-hans"), ("en", "en")])
def test_the_api_answers_in_its_own_json_shape(client, accept, language):
    response = client.post("/api/v1/eligibility?x=%00", "{}", content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 400 and response["Content-Language"] == language
    [error] = response.json()["errors"]
    assert error["field"] == "" and error["message_zh"] and error["message_en"]
    assert error["message"] == (error["message_en"] if language == "en" else error["message_zh"])


def test_the_middleware_comes_before_sessions_and_the_page_cache():
    order = settings.MIDDLEWARE
    ours = order.index("config.middleware.RefuseControlCharactersMiddleware")
    assert ours < order.index("publicity.cache.PublicPageCacheMiddleware")
    assert ours < order.index("django.contrib.sessions.middleware.SessionMiddleware")


# --- posted form fields ---------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_objection_form_refuses_a_nul_in_its_query_and_its_fields(notice, in_notice):  # noqa: F811
    client = Client()
    assert client.get(objection_url(notice) + "?entry=%00").status_code == 400
    assert client.get(objection_url(notice) + f"?entry={in_notice.number}").status_code == 200
    page = client.get(objection_url(notice))
    entry = entry_value(page, mask_name(in_notice.applicant_name))
    for changes in ({"objector_name": "李\x00四"}, {"reasons": "\x00"}, {"entry": "\x00"},
                    {"objector_contact": "139\x00"}):
        data = {"objector_name": "李四", "objector_contact": "13900139000", "entry": entry,
                "reasons": "申请人名下在深圳另有住房。", **changes}
        response = client.post(objection_url(notice), data)
        assert response.status_code == 400, (changes, response.status_code)
    assert not Objection.objects.exists()


def nul_filled(form) -> dict[str, list[str]]:
    """The form as rendered, a NUL in every value (hidden fields, choices and versions included)."""
    data = {name: [f"x\x00{v}" for v in values] or ["\x00"] for name, values in form.data().items()
            if name != "csrfmiddlewaretoken"}
    for name in form.names() - set(data):
        data[name] = ["\x00"]
    return data


def page_links(response) -> list[str]:
    main = response.content.decode().split('<main id="main">', 1)[-1]
    return [href.split("#")[0] for href in re.findall(r'<a [^>]*href="(/[^"?]*)"', main)]


@pytest.fixture
def cases_at_every_stage(allocation_round, private_media):
    """Applications from intake to the public notice, homes and a tenancy: pages with parameters to walk."""
    for stage in (Stage.SUBMITTED, Stage.RETURNED, Stage.SUBSTANTIVE_REVIEW, Stage.ELIGIBLE, Stage.PROPOSED,
                  Stage.RECHECKED, Stage.PUBLIC_NOTICE, Stage.FROZEN):
        advance(ApplicationFactory(round=allocation_round), stage)
    TenancyFactory()


@pytest.mark.django_db
@pytest.mark.parametrize("unit, role", [("ccb", "clerk"), ("ccb", "head")])
def test_every_staff_form_takes_a_nul_in_every_field_without_a_500(cases_at_every_stage, unit, role):
    """The staff pages a CCB clerk or head reaches from the pages without a parameter (two per URL name): every
    POST form on them, each field holding a NUL, is answered with the form's errors or a refusal, never a 500."""
    client = Client()
    client.force_login(staff(unit, role))
    queue = [u for u in urls(with_parameters=False) if not u.startswith("/public/")]
    seen, per_name, posted, failures = set(queue), Counter(), 0, []
    while queue:
        url = queue.pop(0)
        try:
            match = resolve(url)
        except Resolver404:
            continue
        per_name[match.view_name] += 1
        if per_name[match.view_name] > 2 or match.namespace != "housing":
            continue
        page = client.get(url)
        if page.status_code >= 500:
            failures.append(("GET", url, page.status_code))
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        for link in page_links(page):
            if link not in seen and not link.startswith(("/public/", "/admin/", "/i18n/", "/accounts/", "/static/")):
                seen.add(link)
                queue.append(link)
        for form in forms_of(page.content.decode()):
            if form.method != "post" or (form.action or url).startswith(("/accounts/", "/i18n/")):
                continue
            response = client.post(form.action or url, nul_filled(form))
            posted += 1
            if response.status_code >= 500:
                failures.append(("POST", form.action or url, response.status_code))
    assert posted >= 15 and len(per_name) > 30 and failures == []
