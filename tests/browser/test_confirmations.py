"""The Finance reviewer must confirm before a month's subsidy batch moves on (R-8.2; docs/decisions/0047): the
review button shows what will be paid — the entries and the total with thousands separators — and cancel
changes nothing; the head confirms the approval the same way."""

import os
from decimal import Decimal

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from departments.second_factor import DEVICE_NAME
from housing.models import SubsidyBatch, SubsidyPayment
from housing.subsidies.services import prepare_batch
from tests.browser import axe
from tests.browser.signing_in import sign_in
from tests.factories import AllocationRoundFactory
from tests.factories.staff import staff
from tests.factories.subsidies import running_subsidy

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def status_of(batch) -> str:
    return SubsidyBatch.objects.get(pk=batch.pk).status


def test_the_finance_reviewer_confirms_the_batch_and_cancel_changes_nothing(live_server, page):
    month = timezone.localdate().replace(day=1)
    round_ = AllocationRoundFactory()
    subsidies = [running_subsidy(start_month=month, round=round_) for _ in range(2)]
    batch = prepare_batch(actor=staff("finance", "clerk"), month=month).batch
    SubsidyPayment.objects.filter(subsidy=subsidies[0]).update(amount=Decimal("10100.00"))
    base, batch_url = live_server.url, f"{live_server.url}/subsidy-batches/{month:%Y-%m}/"

    sign_in(page, base, staff("finance", "reviewer").username, language="en")
    page.goto(f"{base}/")  # the batch waits on the reviewer's landing page (decision 0046)
    with page.expect_navigation():
        page.locator("section[aria-labelledby='batches-review-h']").get_by_role("link", name=f"{month:%Y-%m}").click()
    assert page.url == batch_url
    page.get_by_role("button", name="Review the batch").click()
    page.wait_for_load_state()
    shown = page.inner_text("main")
    assert "Review subsidy batch" in shown and "11,100.00" in shown and "10,100.00" in shown
    assert "人民币壹万壹仟壹佰元整" in shown
    assert page.locator("#confirmation-entries tbody tr").count() == 2
    assert status_of(batch) == "prepared"
    found = axe.serious(axe.run(page))  # a new kind of page: no serious or critical violation (decision 0049)
    assert not found, axe.describe(found)

    page.click("#cancel-act")
    page.wait_for_load_state()
    assert page.url == batch_url
    assert status_of(batch) == "prepared"
    assert page.inner_text("#batch-status") == "Prepared"

    page.get_by_role("button", name="Review the batch").click()
    page.wait_for_load_state()
    with page.expect_navigation():
        page.click("#confirm-act")
    assert page.url == batch_url
    assert status_of(batch) == "reviewed"
    assert page.inner_text("#batch-status") == "Reviewed"

    head = staff("finance", "head")
    device = TOTPDevice.objects.create(user=head, name=DEVICE_NAME, confirmed=True)
    sign_in(page, base, head.username, language="en", device=device)
    page.goto(batch_url)
    page.get_by_role("button", name="Approve the batch").click()
    page.wait_for_load_state()
    assert "Approve subsidy batch" in page.inner_text("main") and "11,100.00" in page.inner_text("main")
    assert status_of(batch) == "reviewed"
    with page.expect_navigation():
        page.click("#confirm-act")
    assert status_of(batch) == "approved"
