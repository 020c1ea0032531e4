"""A return for supplement in a real browser (R-16.2, R-16.d, docs/decisions/0032): the clerk sets the supplement
deadline on the formal review (a past day is refused), opens the written notice from the application page and prints
it; the Print button runs from the site's script file under the Content-Security-Policy, and the print layout shows
the notice alone."""

import datetime
import os

import pytest
from django.utils import timezone

from departments.models import StaffUser, Unit
from housing.models import WrittenNotice
from housing.stages import Stage
from tests.factories import ApplicationFactory, reload

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "browser-notice-2026-x"


def test_return_with_a_deadline_then_print_the_notice(page, live_server):
    StaffUser.objects.create_user(username="wn_clerk", password=PASSWORD, unit=Unit.objects.get(code="ccb"),
                                  roles=["clerk"])
    application = ApplicationFactory()
    base = live_server.url
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "wn_clerk")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type='submit']").first.click()

    page.goto(f"{base}/applications/{application.number}/formal-review/")
    today = timezone.localdate()
    page.fill("#id_supplement_by", (today - datetime.timedelta(days=1)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Conclude the formal review").click()
    assert "cannot be in the past" in page.inner_text("#id_supplement_by_error")
    assert reload(application).stage == Stage.SUBMITTED

    due = today + datetime.timedelta(days=20)
    page.fill("#id_supplement_by", due.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Conclude the formal review").click()
    assert reload(application).stage == Stage.RETURNED
    notice = WrittenNotice.objects.get(application=application)

    with page.expect_navigation():
        page.get_by_role("link", name=notice.number).click()
    assert page.inner_text("#wn-number") == notice.number
    assert due.isoformat() in page.inner_text("#wn-deadline")
    page.evaluate("window.print = () => { window.printed = true; }")  # the dialogue itself cannot be driven
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed === true")  # static/js/print-button.js, no inline handler
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator(".notice-tools").is_visible()
    assert page.locator("#wn-title").is_visible()
    assert violations == []
