"""R-6, R-38: every sign-in, failed, throttled or refused sign-in, second-factor code and sign-out leaves a record
with its time, account, address and browser (docs/decisions/0042)."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from departments.models import SignInRecord
from tests.departments.test_login import LOGIN, app_code, fail, link_the_app, log_in
from tests.factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chromium/130"
Outcome = SignInRecord.Outcome


@pytest.fixture
def browser():
    client = Client(REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT=BROWSER)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def clerk(db):
    return StaffUserFactory(username="wang.clerk", ccb=True, clerk=True)


def records(*outcomes):
    return list(SignInRecord.objects.filter(outcome__in=outcomes).order_by("id"))


def assert_recorded(record, *, outcome, username, account):
    assert record.outcome == outcome and record.username == username and record.account == account
    assert record.address == "10.1.2.3" and record.user_agent == BROWSER
    assert abs((timezone.now() - record.at).total_seconds()) < 60


def test_a_sign_in_and_a_sign_out_are_recorded(browser, clerk):
    log_in(browser, clerk.username, PASSWORD)
    browser.post("/accounts/logout/")
    signed_in, signed_out = records(Outcome.SIGNED_IN, Outcome.SIGNED_OUT)
    assert_recorded(signed_in, outcome=Outcome.SIGNED_IN, username="wang.clerk", account=clerk)
    assert_recorded(signed_out, outcome=Outcome.SIGNED_OUT, username="wang.clerk", account=clerk)


def test_a_wrong_password_and_an_unknown_user_name_are_recorded(browser, clerk):
    log_in(browser, clerk.username, "wrong-password-123")
    log_in(browser, "nobody.here", "wrong-password-123")
    known, unknown = records(Outcome.FAILED)
    assert_recorded(known, outcome=Outcome.FAILED, username="wang.clerk", account=clerk)
    assert_recorded(unknown, outcome=Outcome.FAILED, username="nobody.here", account=None)
    assert not records(Outcome.SIGNED_IN)


def test_a_throttled_sign_in_is_recorded_even_with_the_right_password(browser, clerk):
    fail(browser, clerk, settings.LOGIN_MAX_FAILURES)
    log_in(browser, clerk.username, PASSWORD)
    assert len(records(Outcome.FAILED)) == settings.LOGIN_MAX_FAILURES
    [throttled] = records(Outcome.THROTTLED)
    assert_recorded(throttled, outcome=Outcome.THROTTLED, username="wang.clerk", account=clerk)
    assert not records(Outcome.SIGNED_IN)


def test_a_disabled_account_and_a_clerk_on_the_admin_site_are_recorded_as_refused(browser, clerk):
    log_in(browser, clerk.username, PASSWORD, url="/admin/login/")
    StaffUserFactory(username="gone.clerk", ccb=True, clerk=True, is_active=False)
    log_in(browser, "gone.clerk", PASSWORD)
    refused = records(Outcome.REFUSED)
    assert [r.username for r in refused] == ["wang.clerk"] or [r.username for r in refused] == [
        "wang.clerk", "gone.clerk"]
    assert_recorded(refused[0], outcome=Outcome.REFUSED, username="wang.clerk", account=clerk)


def test_second_factor_codes_right_and_wrong_are_recorded(browser):
    head = StaffUserFactory(username="huang.head", ccb=True, head=True)
    log_in(browser, head.username, PASSWORD)
    link_the_app(browser)  # the first code, on the setup page
    browser.post("/accounts/logout/")
    log_in(browser, head.username, PASSWORD)
    device = head.totpdevice_set.get(confirmed=True)
    right = app_code(device)
    browser.post("/accounts/second-factor/", {"code": "000000" if right != "000000" else "111111"})
    [accepted] = records(Outcome.CODE_ACCEPTED)
    [refused] = records(Outcome.CODE_REFUSED)
    assert_recorded(accepted, outcome=Outcome.CODE_ACCEPTED, username="huang.head", account=head)
    assert_recorded(refused, outcome=Outcome.CODE_REFUSED, username="huang.head", account=head)
    assert len(records(Outcome.SIGNED_IN)) == 2 and len(records(Outcome.SIGNED_OUT)) == 1


def test_a_record_is_never_changed_or_deleted(browser, clerk):
    log_in(browser, clerk.username, PASSWORD)
    [record] = records(Outcome.SIGNED_IN)
    record.address = "1.1.1.1"
    with pytest.raises(ValueError):
        record.save()
    with pytest.raises(ValueError):
        record.delete()


def test_a_sign_in_adds_nothing_to_the_accounts_history(browser, clerk):
    """The last sign-in time is in the records; the account's before/after history holds real changes only."""
    entries = clerk.history.count()
    log_in(browser, clerk.username, PASSWORD)
    assert clerk.history.count() == entries and records(Outcome.SIGNED_IN)
