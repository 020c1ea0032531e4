"""Staff sign-in, throttled per user name and address (docs/decisions/0025), on the portal and on the admin site;
the idle timeout of a staff session."""

import datetime
import html
import re
import time

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from departments.models import StaffUser
from departments.services import unlock_account
from tests.factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
# api/: public by contract; health/: monitoring, states and times only (config/health.py)
PUBLIC = ("accounts/login/", "i18n/", "public/", "api/", "admin/", "static/", "media/", "health/")


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


THROTTLED = "Too many failed sign-ins from this computer."


def from_address(address: str) -> Client:
    """A browser at another address, in English."""
    client = Client(REMOTE_ADDR=address)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def window_end_text() -> str:
    seconds = settings.LOGIN_LOCK_MINUTES * 60
    end = (int(time.time() // seconds) + 1) * seconds
    return timezone.localtime(datetime.datetime.fromtimestamp(end, tz=datetime.timezone.utc)).strftime("%Y-%m-%d %H:%M")


def link_the_app(browser):
    """A head or an administrator links an authenticator app at the first sign-in (decision 0029)."""
    page = browser.get("/accounts/second-factor/setup/").content.decode()
    device = TOTPDevice.objects.get(pk=re.search(r'name="device" value="(\d+)"', page).group(1))
    response = browser.post("/accounts/second-factor/setup/", {"device": device.pk, "code": app_code(device)})
    assert response.status_code == 302, page_text(response)[:400]


def app_code(device) -> str:
    """What the authenticator app shows now for this device's key."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


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


# --- throttling (docs/decisions/0025) ----------------------------------------------------------------------
def test_the_user_name_waits_after_the_configured_number_of_failures_from_this_address(browser, clerk):
    response = fail(browser, clerk, settings.LOGIN_MAX_FAILURES - 1)
    assert "wrong" in page_text(response) and THROTTLED not in page_text(response)
    response = fail(browser, clerk, 1)
    assert f"{THROTTLED} Try again after {window_end_text()}" in page_text(response)


def test_while_throttled_even_the_right_password_is_refused_from_that_address(browser, clerk):
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES)
    response = log_in(browser, clerk.username, PASSWORD)
    assert response.status_code == 200 and THROTTLED in page_text(response)
    assert not is_signed_in(browser)


def test_an_outsider_cannot_keep_staff_out_of_their_account(clerk):
    outsider, colleague_desk = from_address("203.0.113.9"), from_address("10.20.0.7")
    fail(outsider, clerk, settings.LOGIN_MAX_FAILURES * 3)
    assert THROTTLED in page_text(log_in(outsider, clerk.username, PASSWORD))
    assert log_in(colleague_desk, clerk.username, PASSWORD).status_code == 302 and is_signed_in(colleague_desk)


def test_an_unknown_user_name_is_throttled_with_the_same_words(browser, clerk):
    unknown = StaffUser(username="nobody.here")
    known_words = page_text(fail(from_address("10.0.0.1"), clerk, settings.LOGIN_MAX_FAILURES))
    unknown_words = page_text(fail(from_address("10.0.0.2"), unknown, settings.LOGIN_MAX_FAILURES))
    assert THROTTLED in known_words and THROTTLED in unknown_words
    assert re.search(r"Too many[^<]*", known_words).group() == re.search(r"Too many[^<]*", unknown_words).group()


@pytest.mark.parametrize("limit", [2, 4])
def test_the_limit_follows_the_setting(browser, clerk, settings, limit):
    settings.LOGIN_MAX_FAILURES = limit
    fail(browser, clerk, limit - 1)
    assert log_in(browser, clerk.username, PASSWORD).status_code == 302  # one short of the limit
    browser.post("/accounts/logout/")  # keeps the language cookie, unlike Client.logout()
    fail(browser, clerk, limit)
    assert THROTTLED in page_text(log_in(browser, clerk.username, PASSWORD))


def test_a_success_forgets_the_failures_of_that_user_name(browser, clerk):
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES - 1)
    assert log_in(browser, clerk.username, PASSWORD).status_code == 302
    browser.post("/accounts/logout/")
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES - 1)
    assert log_in(browser, clerk.username, PASSWORD).status_code == 302


def test_the_wait_ends_with_its_window(browser, clerk):
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES)
    later = time.time() + settings.LOGIN_LOCK_MINUTES * 60 + 1
    with time_machine.travel(later, tick=False):
        assert log_in(browser, clerk.username, PASSWORD).status_code == 302 and is_signed_in(browser)


def test_one_user_names_failures_do_not_touch_a_colleague(browser, clerk):
    colleague = StaffUserFactory(username="zhao.clerk", ccb=True, clerk=True)
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES)
    assert log_in(browser, colleague.username, PASSWORD).status_code == 302


def test_guessing_many_user_names_from_one_address_stops_that_address(clerk, settings):
    settings.LOGIN_ADDRESS_MAX_FAILURES = 6
    sprayer = from_address("198.51.100.4")
    for n in range(6):
        log_in(sprayer, f"guess{n}", "Longhua2026!")
    assert THROTTLED in page_text(log_in(sprayer, clerk.username, PASSWORD))
    assert log_in(from_address("10.20.0.8"), clerk.username, PASSWORD).status_code == 302


def test_the_administrator_forgets_an_accounts_failures(clerk):
    browser = from_address("10.0.0.3")
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES)
    unlock_account(actor=StaffUserFactory(sysadmin=True), account=clerk)
    assert log_in(browser, clerk.username, PASSWORD).status_code == 302


# --- the admin site uses the same throttle ---------------------------------------------------------------
def test_the_admin_login_is_throttled_too(browser, sysadmin):
    assert browser.get(ADMIN_LOGIN).status_code == 200
    response = fail(browser, sysadmin, settings.LOGIN_MAX_FAILURES, url=ADMIN_LOGIN)
    assert THROTTLED in page_text(response)
    response = log_in(browser, sysadmin.username, PASSWORD, url=ADMIN_LOGIN)
    assert THROTTLED in page_text(response)
    assert not is_signed_in(browser)
    assert browser.get("/admin/").status_code == 302


def test_failures_on_the_admin_and_the_portal_add_up(browser, sysadmin):
    fail(browser, sysadmin, settings.LOGIN_MAX_FAILURES - 1, url=ADMIN_LOGIN)
    fail(browser, sysadmin, 1, url=LOGIN)
    assert THROTTLED in page_text(log_in(browser, sysadmin.username, PASSWORD, url=ADMIN_LOGIN))


# --- the idle timeout ------------------------------------------------------------------------------------
def test_a_session_ends_after_the_idle_time_and_the_login_says_why(browser, clerk):
    assert log_in(browser, clerk.username, PASSWORD).status_code == 302
    assert browser.get("/").status_code == 200
    with time_machine.travel(time.time() + settings.STAFF_IDLE_MINUTES * 60 - 30, tick=False):
        assert browser.get("/").status_code == 200  # active: the clock restarts
    with time_machine.travel(time.time() + 2 * settings.STAFF_IDLE_MINUTES * 60 - 40, tick=False):
        assert browser.get("/").status_code == 200
    with time_machine.travel(time.time() + 4 * settings.STAFF_IDLE_MINUTES * 60, tick=False):
        response = browser.get("/applications/")
        assert response.status_code == 302 and response.url.startswith(f"{LOGIN}?next=")
        assert not is_signed_in(browser)
        assert "signed out after" in page_text(browser.get(response.url))


def test_the_admin_signs_in_a_system_administrator_and_no_one_else(browser, sysadmin, clerk):
    response = log_in(browser, clerk.username, PASSWORD, url=ADMIN_LOGIN)
    assert "Only system administrators use the administration site." in page_text(response)
    assert not is_signed_in(browser)
    response = log_in(browser, sysadmin.username, PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 302 and is_signed_in(browser)
    # decision 0029: the administrator's password alone opens nothing; the app's code does.
    assert browser.get("/admin/").url.startswith("/accounts/second-factor/setup/")
    link_the_app(browser)
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


# `/` is the work queue for staff and a landing page for a visitor who is not signed in (decision 0045).
PRIVATE = sorted({_sample(r) for r in _routes(get_resolver().url_patterns)
                  if not r.startswith(PUBLIC) and not r.startswith("^") and r not in ("accounts/logout/", "")})


def test_the_list_is_among_the_private_pages_and_the_root_is_not():
    assert "/applications/" in PRIVATE and "/" not in PRIVATE


@pytest.mark.parametrize("url", PRIVATE)
def test_every_private_page_sends_an_anonymous_visitor_to_the_login(url):
    browser = Client()
    for response in (browser.get(url), browser.post(url, {})):
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{LOGIN}?next=")


@pytest.mark.parametrize("url", ["/applications/", "/applications/?stage=formal_review"])
def test_the_list_redirects_to_the_login_with_next(url):
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith(f"{LOGIN}?next=/applications/")


def test_the_root_shows_a_visitor_the_way_to_the_sign_in_and_the_public_site():
    response = Client().get("/")
    assert response.status_code == 200
    assert f'href="{LOGIN}"' in response.content.decode() and 'href="/public/"' in response.content.decode()


# --- logout -------------------------------------------------------------------------------------------
def test_logout_is_a_post(browser, clerk):
    browser.force_login(clerk)
    assert browser.get("/accounts/logout/").status_code == 405
    assert is_signed_in(browser)
    response = browser.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not is_signed_in(browser)
    assert browser.get("/applications/")["Location"] == f"{LOGIN}?next=/applications/"
