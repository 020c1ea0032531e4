"""Heads of unit and system administrators sign in with the password and a code from an authenticator app
(docs/decisions/0029); the other roles with the password alone."""

import re
import time

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.departments.test_login import LOGIN, app_code, link_the_app, log_in, page_text
from tests.factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

SETUP, CODE = "/accounts/second-factor/setup/", "/accounts/second-factor/"


@pytest.fixture
def browser():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def head(db):
    return StaffUserFactory(username="huang.head", ccb=True, head=True)


def test_a_clerk_signs_in_with_the_password_alone(browser):
    StaffUserFactory(username="wang.clerk", ccb=True, clerk=True)
    assert log_in(browser, "wang.clerk", PASSWORD).status_code == 302
    assert browser.get("/").status_code == 200


def test_a_heads_password_alone_opens_nothing_but_the_setup(browser, head):
    assert log_in(browser, head.username, PASSWORD).status_code == 302
    for url in ("/", "/applications/", "/plan/supply/", "/register/"):
        response = browser.get(url)
        assert response.status_code == 302 and response.url.startswith(SETUP), url
    page = page_text(browser.get(SETUP))
    assert "Link an authenticator app" in page and "<svg" in browser.get(SETUP).content.decode()


def test_linking_the_app_takes_its_first_code_and_then_every_sign_in_asks_for_one(browser, head):
    log_in(browser, head.username, PASSWORD)
    page = browser.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(pk=re.search(r'name="device" value="(\d+)"', page).group(1))
    wrong = browser.post(SETUP, {"device": device.pk, "code": "000000" if app_code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and not TOTPDevice.objects.filter(user=head, confirmed=True).exists()
    link_the_app(browser)
    assert browser.get("/").status_code == 200

    browser.post("/accounts/logout/")
    assert log_in(browser, head.username, PASSWORD).status_code == 302
    response = browser.get("/applications/")
    assert response.status_code == 302 and response.url.startswith(CODE)
    device = TOTPDevice.objects.get(user=head, confirmed=True)
    with time_machine.travel(time.time() + device.step, tick=False):  # the next code: a used one is refused
        answer = browser.post(CODE, {"code": app_code(device), "next": "/applications/"})
        assert answer.status_code == 302 and answer.url == "/applications/"
        assert browser.get("/applications/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message(browser, head):
    log_in(browser, head.username, PASSWORD)
    link_the_app(browser)
    browser.post("/accounts/logout/")
    log_in(browser, head.username, PASSWORD)
    device = TOTPDevice.objects.get(user=head, confirmed=True)
    wrong = "123456" if app_code(device) != "123456" else "654321"
    response = browser.post(CODE, {"code": wrong})
    assert response.status_code == 400 and "not the one your app shows" in page_text(response)
    assert browser.get("/").status_code == 302


def test_a_new_app_cannot_be_linked_before_the_sign_in_is_verified(browser, head):
    """Otherwise a stolen password could replace the owner's app."""
    log_in(browser, head.username, PASSWORD)
    link_the_app(browser)
    browser.post("/accounts/logout/")
    log_in(browser, head.username, PASSWORD)
    response = browser.get(SETUP)
    assert response.status_code == 302 and response.url == CODE


def test_the_administrator_needs_the_second_factor_on_the_admin_site(browser):
    StaffUserFactory(username="admin.li", sysadmin=True)
    log_in(browser, "admin.li", PASSWORD, url="/admin/login/")
    assert browser.get("/admin/").url.startswith(SETUP)
    link_the_app(browser)
    assert browser.get("/admin/").status_code == 200


def test_the_login_page_and_the_public_site_stay_open(browser, head):
    log_in(browser, head.username, PASSWORD)
    assert browser.get("/public/").status_code == 200
    assert browser.get(LOGIN).status_code in (200, 302)
