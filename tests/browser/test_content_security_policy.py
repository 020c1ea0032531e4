"""The portal's scripts under its Content-Security-Policy (config/security.py, docs/decisions/0026): they come
from static files, so the browser runs them and reports no violation."""

import os

import pytest

from departments.models import StaffUser, Unit
from housing.groups import Group
from tests.factories import AllocationRoundFactory

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "browser-csp-2026-x"


def watch_violations(page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def test_the_intake_page_shows_only_the_chosen_groups_sections(page, live_server):
    StaffUser.objects.create_user(username="csp_clerk", password=PASSWORD, unit=Unit.objects.get(code="ccb"),
                                  roles=["clerk"])
    AllocationRoundFactory()
    violations = watch_violations(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "csp_clerk")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type='submit']").first.click()

    response = page.goto(f"{live_server.url}/applications/new/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    sections = page.locator("fieldset[data-groups]")
    assert sections.count() >= 2
    page.select_option("main select[name='group']", Group.NO_HOUSING.value)
    assert all(sections.nth(i).is_hidden() for i in range(sections.count()))
    page.select_option("main select[name='group']", Group.ENTERPRISE_TALENT.value)
    talent = page.locator(f"fieldset[data-groups~='{Group.ENTERPRISE_TALENT.value}']")
    assert talent.count() >= 1 and talent.first.is_visible()
    assert violations == []
