"""Decision 0046 in a real browser: the Finance reviewer signs in, finds the month's prepared subsidy batch on the
landing page with its days waiting, and follows it to the batch's page (R-8.2)."""

import os

import pytest
from django.utils import timezone

from housing.models import SubsidyBatch
from housing.subsidies import services as batches
from tests.browser.signing_in import sign_in
from tests.factories import staff
from tests.factories.rounds import AllocationRoundFactory
from tests.factories.subsidies import running_subsidy

pytestmark = [pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_the_finance_reviewer_finds_the_waiting_batch_on_the_landing_page_and_reaches_it(live_server, page):
    base = live_server.url
    month = timezone.localdate().replace(day=1)
    running_subsidy(start_month=month, round=AllocationRoundFactory())
    batches.prepare_batch(actor=staff("finance", "clerk"), month=month)
    batch = SubsidyBatch.objects.get(month=month)
    label = f"{month:%Y-%m}"
    staff("finance", "reviewer")

    sign_in(page, base, "finance-reviewer", language="en")
    page.goto(f"{base}/")
    queue = page.locator("section[aria-labelledby='batches-review-h']")
    assert "Subsidy batches to review (1)" in queue.locator("h2").inner_text()
    row = queue.locator("tbody tr").first
    assert label in row.inner_text() and "Review the subsidy batch" in row.inner_text()
    assert "Your unit takes no step in the workflow" not in page.inner_text("main")

    with page.expect_navigation():
        row.get_by_role("link", name=label).click()
    assert page.url == f"{base}/subsidy-batches/{label}/"
    assert label in page.inner_text("main h1") or label in page.inner_text("main")
    assert SubsidyBatch.objects.get(pk=batch.pk).status == SubsidyBatch.Status.PREPARED  # reaching it changes nothing

    # the same in Chinese: the queue speaks the reviewer's language
    sign_in(page, base, "finance-reviewer")
    page.goto(f"{base}/")
    assert "待审核的补贴发放批次" in page.inner_text("main")
