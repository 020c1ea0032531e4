"""R-3.2 (Art. 3) in a real browser: a clerk registers a person who already has an open application and is refused
with its number, nothing saved; a head of the CCB (password and authenticator code) resolves a flagged set."""

import datetime
import os

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from departments.models import StaffUser, Unit
from departments.second_factor import DEVICE_NAME
from housing.guarantees.flagging import find_flagged_sets
from housing.models import Application, FlaggedSet, OfficeAction
from housing.stages import Stage
from tests.browser.signing_in import sign_in
from tests.factories import PASSWORD, AllocationRoundFactory, ApplicationFactory, reload
from tests.housing.guarantees.conftest import plant

# The live server answers from another thread, so the data must be really committed.
pytestmark = [pytest.mark.django_db(transaction=True)]

# Django's async-safety check trips over Playwright's event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_a_clerk_is_refused_with_the_open_applications_number(live_server, page):
    StaffUser.objects.create_user(username="g_clerk", password=PASSWORD, unit=Unit.objects.get(code="ccb"),
                                  roles=["clerk"])
    round_ = AllocationRoundFactory()
    earlier = ApplicationFactory(round=round_)
    before = Application.objects.count()
    base = live_server.url
    sign_in(page, base, "g_clerk", language="en")
    page.goto(f"{base}/applications/new/")
    page.select_option("main [name='round']", str(round_.pk))
    page.select_option("main [name='group']", "no_housing")
    page.select_option("main [name='form']", "public_rental")
    page.fill("main [name='contact_phone']", "13800138000")
    page.select_option("main [name='members-0-relation']", "applicant")
    page.fill("main [name='members-0-name']", "王新")
    page.fill("main [name='members-0-id_number']", earlier.applicant_id_number)
    page.select_option("main [name='members-0-marital_status']", "single")
    page.select_option("main [name='members-0-hukou']", "longhua")
    with page.expect_navigation():
        page.locator("#register").click()
    text = page.inner_text("main")
    assert earlier.number in text and "Art. 3" in text and "still open" in text
    assert Application.objects.count() == before  # nothing saved
    assert "/applications/new/" in page.url


def test_a_head_resolves_a_flagged_set(live_server, page):
    head = StaffUser.objects.create_user(username="g_head", password=PASSWORD, unit=Unit.objects.get(code="ccb"),
                                         roles=["head"])
    device = TOTPDevice.objects.create(user=head, name=DEVICE_NAME, confirmed=True)
    one = ApplicationFactory()
    two = ApplicationFactory(group="institution_talent", round=one.round)
    plant(two, "parent", one.applicant_id_number)
    find_flagged_sets()
    flagged = FlaggedSet.objects.get()
    base = live_server.url
    sign_in(page, base, "g_head", language="en", device=device)
    page.click("header.top nav a[href='/guarantees/flagged/']")
    page.wait_for_load_state()
    assert one.number in page.inner_text("main") and two.number in page.inner_text("main")
    with page.expect_navigation():
        page.get_by_role("link", name="Resolve", exact=True).first.click()
    assert "/guarantees/flagged/" in page.url and "Record the decision" in page.inner_text("main"), (
        page.url + page.inner_text("main")[:800])
    page.check("main [name='outcome'][value='keep_one']")
    page.select_option("main [name='kept']", one.number)
    with page.expect_navigation():  # no reason: refused, nothing changes
        page.get_by_role("button", name="Record the decision").click()
    assert "Give the reason" in page.inner_text("main")
    assert FlaggedSet.objects.get().status == "open"
    page.check("main [name='outcome'][value='keep_one']")
    page.select_option("main [name='kept']", one.number)
    page.fill("main [name='reason']", "同一人重复申请，保留先登记的申请")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the decision").click()
    assert "resolved" in page.inner_text("main")
    assert reload(two).stage == Stage.WITHDRAWN and reload(one).stage == Stage.SUBMITTED
    assert OfficeAction.objects.filter(action="resolve_flagged_set", object_id=str(flagged.pk),
                                       actor=head).exists()
    page.goto(f"{base}/applications/{two.number}/")
    assert "Flagged set resolved" in page.inner_text("main")
