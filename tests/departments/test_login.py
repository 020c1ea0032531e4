"""Staff sign-in with lockout (docs/decisions/0003), on the portal and on the admin site."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from departments.models import StaffUser
from tests.factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
PUBLIC = ("accounts/login/", "i18n/", "public/", "api/", "admin/", "static/", "media/")  # api/: public by contract


@pytest.fixture
def browser():
    """A browser whose user chose English with the language switch (docs/decisions/0008)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def clerk(db):
    return StaffUserFactory(username="wang.clerk", ccb=True, clerk=True)


@pytest.fixture
def sysadmin(db):
    return StaffUserFactory(username="admin.li", sysadmin=True)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def log_in(browser, username, password, url=LOGIN):
    return browser.post(url, {"username": username, "password": password})


def fail(browser, account, times, url=LOGIN):
    for _ in range(times):
        response = log_in(browser, account.username, "wrong-password-123", url)
    return response


def locked_until_text(account) -> str:
    account.refresh_from_db()
    return timezone.localtime(account.locked_until).strftime("%Y-%m-%d %H:%M")


def is_signed_in(browser) -> bool:
    return "_auth_user_id" in browser.session


# --- the page -----------------------------------------------------------------------------------------
def test_the_login_page_is_at_accounts_login_and_open_to_everyone(browser):
    assert reverse("departments:login") == LOGIN
    response = browser.get(LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in page_text(response) and 'name="password"' in page_text(response)


def test_the_right_password_signs_in_and_lands_on_the_work_queue(browser, clerk):
    response = log_in(browser, clerk.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("housing:work_queue") == "/"
    assert browser.session["_auth_user_id"] == str(clerk.pk)
    assert browser.get("/").status_code == 200


def test_the_login_page_returns_to_the_page_asked_for(browser, clerk):
    response = browser.post(f"{LOGIN}?next=/applications/", {"username": clerk.username, "password": PASSWORD,
                                                              "next": "/applications/"})
    assert response["Location"] == "/applications/"


def test_a_wrong_password_is_refused_with_a_message(browser, clerk):
    response = log_in(browser, clerk.username, "not-the-password")
    assert response.status_code == 200
    assert "The user name or password is wrong." in page_text(response)
    assert not is_signed_in(browser)
    clerk.refresh_from_db()
    assert clerk.failed_login_count == 1 and clerk.locked_until is None


def test_an_unknown_user_gets_the_same_message(browser):
    response = log_in(browser, "nobody", "whatever-123")
    assert "The user name or password is wrong." in page_text(response)


def test_the_language_can_be_switched_on_the_login_page():
    """R-X.4: the switch in the page header works before signing in."""
    browser = Client()
    response = browser.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert browser.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Staff log in" in page_text(browser.get(LOGIN))


# --- lockout ------------------------------------------------------------------------------------------
def test_the_account_locks_after_the_configured_number_of_failures(browser, clerk):
    response = fail(browser, clerk, settings.LOGIN_MAX_FAILURES - 1)
    assert "wrong" in page_text(response)
    clerk.refresh_from_db()
    assert clerk.locked_until is None and clerk.failed_login_count == settings.LOGIN_MAX_FAILURES - 1

    before = timezone.now()
    response = fail(browser, clerk, 1)
    until = locked_until_text(clerk)
    assert f"locked after repeated failed logins until {until}" in page_text(response)
    lock = clerk.locked_until - before
    assert datetime.timedelta(minutes=settings.LOGIN_LOCK_MINUTES) <= lock < datetime.timedelta(
        minutes=settings.LOGIN_LOCK_MINUTES, seconds=30)


def test_a_locked_account_stays_locked_even_with_the_right_password(browser, clerk):
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES)
    until = locked_until_text(clerk)
    response = log_in(browser, clerk.username, PASSWORD)
    assert response.status_code == 200
    assert f"until {until}" in page_text(response)
    assert not is_signed_in(browser)
    assert locked_until_text(clerk) == until  # the right password neither lifts nor extends the lock


@pytest.mark.parametrize("limit", [2, 4])
def test_the_limit_follows_the_setting(browser, clerk, settings, limit):
    settings.LOGIN_MAX_FAILURES = limit
    fail(browser, clerk, limit - 1)
    assert log_in(browser, clerk.username, PASSWORD).status_code == 302  # one short of the limit: not locked
    browser.post("/accounts/logout/")  # keeps the language cookie, unlike Client.logout()
    fail(browser, clerk, limit)
    assert "locked" in page_text(log_in(browser, clerk.username, PASSWORD))


def test_a_success_resets_the_count_of_failures(browser, clerk):
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES - 1)
    assert log_in(browser, clerk.username, PASSWORD).status_code == 302
    clerk.refresh_from_db()
    assert clerk.failed_login_count == 0
    browser.post("/accounts/logout/")  # keeps the language cookie, unlike Client.logout()
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES - 1)
    clerk.refresh_from_db()
    assert clerk.locked_until is None


def test_the_account_unlocks_when_the_lock_time_has_passed(browser, clerk):
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES)
    StaffUser.objects.filter(pk=clerk.pk).update(locked_until=timezone.now() - datetime.timedelta(seconds=1))
    response = log_in(browser, clerk.username, PASSWORD)
    assert response.status_code == 302 and is_signed_in(browser)
    clerk.refresh_from_db()
    assert clerk.locked_until is None and clerk.failed_login_count == 0


def test_a_lock_is_per_account(browser, clerk):
    colleague = StaffUserFactory(username="zhao.clerk", ccb=True, clerk=True)
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES)
    assert log_in(browser, colleague.username, PASSWORD).status_code == 302


# --- the admin site uses the same lock -----------------------------------------------------------------
def test_the_admin_login_locks_the_account_too(browser, sysadmin):
    assert browser.get(ADMIN_LOGIN).status_code == 200
    response = fail(browser, sysadmin, settings.LOGIN_MAX_FAILURES, url=ADMIN_LOGIN)
    until = locked_until_text(sysadmin)
    assert f"until {until}" in page_text(response)
    response = log_in(browser, sysadmin.username, PASSWORD, url=ADMIN_LOGIN)
    assert f"until {until}" in page_text(response)
    assert not is_signed_in(browser)
    assert browser.get("/admin/").status_code == 302


def test_failures_on_the_admin_and_the_portal_add_up(browser, sysadmin):
    fail(browser, sysadmin, settings.LOGIN_MAX_FAILURES - 1, url=ADMIN_LOGIN)
    fail(browser, sysadmin, 1, url=LOGIN)
    assert "locked" in page_text(log_in(browser, sysadmin.username, PASSWORD, url=ADMIN_LOGIN))


def test_the_admin_signs_in_a_system_administrator_and_no_one_else(browser, sysadmin, clerk):
    response = log_in(browser, clerk.username, PASSWORD, url=ADMIN_LOGIN)
    assert "Only system administrators use the administration site." in page_text(response)
    assert not is_signed_in(browser)
    response = log_in(browser, sysadmin.username, PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 302 and is_signed_in(browser)
    assert browser.get("/admin/").status_code == 200


# --- every other page needs a signed-in user -----------------------------------------------------------
def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _sample(route: str) -> str:
    """A concrete URL for a route: each <converter:name> filled with a plausible value."""
    def fill(match):
        return "1" if match.group(1) == "int" else "LH-2026-C3-000001"
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", fill, route)


PRIVATE = sorted({_sample(r) for r in _routes(get_resolver().url_patterns)
                  if not r.startswith(PUBLIC) and not r.startswith("^") and r != "accounts/logout/"})


def test_the_work_queue_and_the_list_are_among_the_private_pages():
    assert {"/", "/applications/"} <= set(PRIVATE)


@pytest.mark.parametrize("url", PRIVATE)
def test_every_private_page_sends_an_anonymous_visitor_to_the_login(url):
    browser = Client()
    for response in (browser.get(url), browser.post(url, {})):
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{LOGIN}?next=")


@pytest.mark.parametrize("url", ["/", "/applications/"])
def test_the_work_queue_and_the_list_redirect_to_the_login_with_next(url):
    response = Client().get(url)
    assert (response.status_code, response["Location"]) == (302, f"{LOGIN}?next={url}")


# --- logout -------------------------------------------------------------------------------------------
def test_logout_is_a_post(browser, clerk):
    browser.force_login(clerk)
    assert browser.get("/accounts/logout/").status_code == 405
    assert is_signed_in(browser)
    response = browser.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not is_signed_in(browser)
    assert browser.get("/")["Location"] == f"{LOGIN}?next=/"
