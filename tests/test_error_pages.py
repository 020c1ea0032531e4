"""The portal's own error pages (decision 0045), with DEBUG off as in production: in the portal's layout and the
reader's language, each saying what happened and where to go; the 500 page needs neither the database nor the
user."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from config import errors, urls
from tests.factories import staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_the_handlers_are_the_portal_s_own():
    assert urls.handler403 == "config.errors.permission_denied"
    assert urls.handler404 == "config.errors.page_not_found"
    assert urls.handler500 == "config.errors.server_error"


@pytest.mark.parametrize("language, title", [("zh-hans", "页面不存在"), ("en", "Page not found")])
def test_a_missing_staff_page_in_the_portal_layout_leads_a_visitor_to_the_public_site_and_the_sign_in(
        client, language, title):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<header class="top">' in page and f"<h1>{title}</h1>" in page
    assert f'href="{reverse("publicity:home")}"' in page and f'href="{reverse("departments:login")}"' in page


def test_a_missing_staff_page_sends_a_signed_in_clerk_back_to_the_work_queue(client):
    client.force_login(staff("ccb", "clerk"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/applications/LH-0000-C1-999999/").content.decode()
    assert "Page not found" in page and "Back to my work queue" in page
    assert f'href="{reverse("housing:work_queue")}"' in page and 'class="site-nav"' in page


@pytest.mark.parametrize("language, title", [("zh-hans", "页面不存在"), ("en", "Page not found")])
def test_a_missing_public_page_is_in_the_public_layout(client, language, title):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in ("/public/no-such-page/", reverse("publicity:notice", args=[999999])):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 404
        assert 'class="top public-top"' in page and f"<h1>{title}</h1>" in page
        assert f'href="{reverse("publicity:home")}"' in page
        assert reverse("departments:login") not in page and "csrfmiddlewaretoken" not in page


@pytest.mark.parametrize("language, title", [("zh-hans", "无权操作"), ("en", "Not permitted")])
def test_a_refused_page_says_nothing_was_done_and_leads_back_to_the_queue(client, language, title):
    client.force_login(staff("finance", "clerk"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("housing:statistics"))
    page = response.content.decode()
    assert response.status_code == 403
    assert '<header class="top">' in page and f"<h1>{title}</h1>" in page
    assert f'href="{reverse("housing:work_queue")}"' in page


@pytest.mark.parametrize("language, title", [("zh-hans", "系统出错"), ("en", "Something went wrong")])
def test_the_500_page_needs_no_database_and_no_user(django_assert_num_queries, language, title):
    request = RequestFactory().get("/applications/")  # no session, no user: they may be what failed
    with translation.override(language), django_assert_num_queries(0):
        response = errors.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert '<header class="top">' in page and f"<h1>{title}</h1>" in page
    assert 'href="/public/"' in page and 'href="/"' in page


def test_an_error_in_a_view_answers_the_portal_s_500_page(client, monkeypatch):
    def broken(request):
        raise RuntimeError("a fault of the portal")

    monkeypatch.setattr("housing.desk.views.home.work_queue", broken)
    client.raise_request_exception = False
    client.force_login(staff("ccb", "clerk"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "a fault of the portal" not in response.content.decode()


@pytest.mark.parametrize("language, title", [("zh-hans", "请求过于频繁"), ("en", "Too many requests")])
def test_a_rate_limited_public_form_answers_429_in_the_public_layout(client, settings, language, title):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "status": (1, 60)}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("publicity:status_lookup")
    client.post(url, {"application_number": "LH-2026-C3-000001"})
    response = client.post(url, {"application_number": "LH-2026-C3-000001"})
    page = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"]
    assert 'class="top public-top"' in page and f"<h1>{title}</h1>" in page
    assert f'href="{reverse("publicity:home")}"' in page
