"""The subsidy pages: who reads, who acts, and every refusal (R-8.2, R-6, R-16.c)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import SubsidyBatch, SubsidyPayment
from tests.factories import staff
from tests.factories.subsidies import running_subsidy
from tests.housing.conftest import page_text
from tests.support.confirmations import confirm, post_and_confirm

pytestmark = pytest.mark.django_db
THIS = timezone.localdate().replace(day=1)
MONTH = f"{THIS:%Y-%m}"


@pytest.fixture
def subsidy(allocation_round):
    return running_subsidy(start_month=THIS, round=allocation_round)


def urls(subsidy):
    return {
        "list": reverse("housing:subsidy_list"),
        "detail": reverse("housing:subsidy_detail", args=[subsidy.pk]),
        "batches": reverse("housing:subsidy_batch_list"),
    }


def test_finance_prepares_reviews_approves_and_exports_through_the_pages(portal, subsidy):
    portal.login(staff("finance", "clerk"))
    response = portal.submit(reverse("housing:subsidy_batch_list"), {"month": MONTH})
    assert response.status_code == 302
    detail = reverse("housing:subsidy_batch_detail", args=[MONTH])
    page = page_text(portal.get(detail))
    assert subsidy.application.number in page and "1,000.00" in page
    portal.login(staff("finance", "reviewer"))
    form = portal.page_form(portal.get(detail), action=reverse("housing:subsidy_batch_review", args=[MONTH]))
    assert confirm(portal, portal.post(form.action, portal.fill(form)), form.action).status_code == 302
    portal.login(staff("finance", "head"))
    form = portal.page_form(portal.get(detail), action=reverse("housing:subsidy_batch_approve", args=[MONTH]))
    assert confirm(portal, portal.post(form.action, portal.fill(form)), form.action).status_code == 302
    portal.login(staff("finance", "clerk"))
    form = portal.page_form(portal.get(detail), action=reverse("housing:subsidy_batch_export", args=[MONTH]))
    response = portal.post(form.action, portal.fill(form, {"fmt": "csv"}))
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'{MONTH}.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][3] == subsidy.bank_account
    assert SubsidyBatch.objects.get().status == "exported"


def test_finance_stops_a_subsidy_with_a_reason_on_its_page(portal, subsidy):
    portal.login(staff("finance", "reviewer"))
    response = portal.submit(reverse("housing:subsidy_stop", args=[subsidy.pk]), {"from_month": MONTH, "reason": ""})
    assert response.status_code == 400
    url = reverse("housing:subsidy_stop", args=[subsidy.pk])
    response = confirm(portal, portal.submit(url, {"from_month": MONTH, "reason": "持有人书面通知终止"}), url)
    assert response.status_code == 302
    page = page_text(portal.get(reverse("housing:subsidy_detail", args=[subsidy.pk])))
    assert "持有人书面通知终止" in page and MONTH in page


@pytest.mark.parametrize("user", [("org_personnel", "head"), ("social_construction", "reviewer"),
                                  ("joint_meeting", "head")])
def test_another_unit_cannot_read_the_subsidy_pages(portal, subsidy, user):
    portal.login(staff(*user))
    for url in urls(subsidy).values():
        assert portal.get(url).status_code == 403


@pytest.mark.parametrize("user", [("discipline", "head"), ("ccb", "head")])
def test_readers_outside_finance_read_but_cannot_act(portal, subsidy, user):
    SubsidyBatch.objects.all().delete()
    portal.login(staff(*user))
    for url in urls(subsidy).values():
        assert portal.get(url).status_code == 200
    assert portal.post(reverse("housing:subsidy_batch_list"), {"month": MONTH}).status_code == 403
    assert portal.post(reverse("housing:subsidy_stop", args=[subsidy.pk]),
                       {"from_month": MONTH, "reason": "x"}).status_code == 403
    assert portal.post(reverse("housing:subsidy_bank", args=[subsidy.pk]),
                       {"bank_name": "x", "bank_account": "12345678"}).status_code == 403
    assert not SubsidyBatch.objects.exists()


@pytest.fixture
def prepared(subsidy):
    from housing.subsidies.services import prepare_batch
    return prepare_batch(actor=staff("finance", "clerk"), month=THIS).batch


def _post(portal, name, batch, **data):
    return portal.post(reverse(name, args=[MONTH]), {"version": batch.version, **data})


@pytest.mark.parametrize("user, name", [
    (("finance", "clerk"), "housing:subsidy_batch_review"),  # wrong role
    (("discipline", "head"), "housing:subsidy_batch_review"),  # read-only
    (("ccb", "reviewer"), "housing:subsidy_batch_review"),  # another unit
    (("finance", "reviewer"), "housing:subsidy_batch_approve"),  # wrong role
    (("ccb", "clerk"), "housing:subsidy_batch_export"),  # only Finance exports
    (("discipline", "head"), "housing:subsidy_batch_export"),
])
def test_wrong_role_or_unit_gets_403_on_batch_steps(portal, prepared, user, name):
    portal.login(staff(*user))
    assert _post(portal, name, prepared, fmt="csv").status_code == 403
    assert SubsidyBatch.objects.get(pk=prepared.pk).status == "prepared"


def test_the_preparer_cannot_review_own_batch_on_the_page(portal, subsidy):
    from housing.subsidies.services import prepare_batch
    head = staff("finance", "head")
    batch = prepare_batch(actor=head, month=THIS).batch
    portal.login(head)
    assert _post(portal, "housing:subsidy_batch_review", batch).status_code == 403
    assert SubsidyBatch.objects.get(pk=batch.pk).status == "prepared"


def test_the_reviewer_cannot_approve_own_review_on_the_page(portal, prepared):
    both = staff("finance", "reviewer", "head")
    portal.login(both)
    url = reverse("housing:subsidy_batch_review", args=[MONTH])
    assert post_and_confirm(portal, url, {"version": prepared.version}).status_code == 302
    batch = SubsidyBatch.objects.get(pk=prepared.pk)
    assert _post(portal, "housing:subsidy_batch_approve", batch).status_code == 403
    assert SubsidyBatch.objects.get(pk=prepared.pk).status == "reviewed"


def test_a_stale_review_page_is_told_to_reload(portal, prepared):
    portal.login(staff("finance", "reviewer"))
    response = portal.post(reverse("housing:subsidy_batch_review", args=[MONTH]), {"version": prepared.version + 5})
    assert response.status_code == 409 and "Reload the page" in page_text(response)
    assert SubsidyPayment.objects.count() == 1


def test_bank_details_edited_meanwhile_by_another_clerk_are_not_overwritten(portal, subsidy):
    """R-16.e: two Finance clerks open the form; the second to save is told, and the first one's account stays."""
    url = reverse("housing:subsidy_bank", args=[subsidy.pk])
    shown = subsidy.bank_account
    portal.login(staff("finance", "clerk"))
    first = portal.post(url, {"bank_name": "工商银行", "bank_account": "6222000011112222", "expected_account": shown})
    assert first.status_code == 302
    portal.login(staff("finance", "head"))
    second = portal.post(url, {"bank_name": "农业银行", "bank_account": "6228000033334444", "expected_account": shown})
    assert second.status_code == 409
    subsidy.refresh_from_db()
    assert (subsidy.bank_name, subsidy.bank_account) == ("工商银行", "6222000011112222")
