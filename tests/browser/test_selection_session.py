"""Selection day in a real browser (R-16.8a, R-16.8c, SPEC §13): the clerk opens the session, calls the first
household, chooses a home, prints the confirmation, records the next household's no-show, calls the third, and
closes the session, confirming each act that cannot be undone on its own page (docs/decisions/0047)."""

import os

import pytest

from departments.models import StaffUser, Unit
from housing.groups import Group
from housing.models import HousingUnit, Selection, SelectionSession
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, reload
from tests.factories.selection import homes, with_notices

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "browser-selection-2026"


def test_call_choose_print_give_up_and_next(page, live_server):
    StaffUser.objects.create_user(username="sel_clerk", password=PASSWORD, unit=Unit.objects.get(code="ccb"),
                                  roles=["clerk"])
    round_ = AllocationRoundFactory(groups=[Group.NO_HOUSING])
    first, second, third = with_notices(round_, ranks=(1, 2, 3))
    home, spare = homes(2)
    base = live_server.url

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "sel_clerk")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type='submit']").first.click()

    page.goto(f"{base}/selection/")
    with page.expect_navigation():
        page.get_by_role("button", name="Open a selection session").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Call the next household").click()
    assert page.inner_text("#current-name") == first.applicant_name
    assert str(home) in page.inner_text("#homes")

    page.check(f"#home-{home.pk}")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the choice").click()
    # The home goes to this household alone: stated first, with the day the contract must be signed by (0047).
    assert f"chooses the home {home}" in page.inner_text("main")
    assert HousingUnit.objects.get(pk=home.pk).status == HousingUnit.Status.AVAILABLE
    with page.expect_navigation():
        page.click("#confirm-act")
    assert str(home) in page.inner_text("#chosen")
    assert HousingUnit.objects.get(pk=home.pk).status == HousingUnit.Status.RESERVED

    with page.expect_navigation():
        page.get_by_role("link", name="Print the confirmation").click()
    assert page.inner_text("#conf-home") == str(home)
    page.evaluate("window.print = () => { window.printed = true; }")  # the dialogue itself cannot be driven
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed === true")  # static/js/print-button.js, no inline handler
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()  # the print layout hides the portal's header
    page.emulate_media(media="screen")
    page.go_back()

    with page.expect_navigation():
        page.get_by_role("button", name="Call the next household").click()
    assert page.inner_text("#current-name") == second.applicant_name
    assert str(home) not in page.inner_text("#homes")  # taken: no longer offered
    page.fill("main textarea[name='note']", "未按通知时间到场")
    with page.expect_navigation():
        page.get_by_role("button", name="Record a no-show (弃选)").click()
    # A give-up ends the household's turn for good: it is stated first, with who comes next (decision 0047).
    assert f"{second.applicant_name} did not select in its turn" in page.inner_text("main")
    assert third.number in page.inner_text("#confirmation-facts")
    assert reload(second).stage == Stage.SELECTION
    with page.expect_navigation():
        page.click("#confirm-act")
    assert second.number in page.inner_text("#give-ups")
    assert reload(second).stage == Stage.GAVE_UP

    with page.expect_navigation():
        page.get_by_role("button", name="Call the next household").click()
    assert page.inner_text("#current-name") == third.applicant_name
    assert Selection.objects.filter(holds=True).count() == 1

    # Closing the day is stated first: the household called now goes back to those still to select.
    with page.expect_navigation():
        page.get_by_role("button", name="Close the session").click()
    assert third.number in page.inner_text("#confirmation-entries")
    with page.expect_navigation():
        page.click("#confirm-act")
    assert page.url.endswith("/selection/")
    assert SelectionSession.objects.get().closed_at is not None and reload(third).stage == Stage.SELECTION
