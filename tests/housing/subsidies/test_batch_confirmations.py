"""R-8.2: reviewing and approving a month's batch pays money, so each is stated with its entries and amounts
and done only on a confirmation of exactly what was shown (docs/decisions/0047)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import SubsidyBatch, SubsidyPayment
from housing.subsidies.services import prepare_batch, review_batch
from tests.factories import staff
from tests.factories.subsidies import running_subsidy
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db
THIS = timezone.localdate().replace(day=1)
MONTH = f"{THIS:%Y-%m}"
REVIEW = reverse("housing:subsidy_batch_review", args=[MONTH])
APPROVE = reverse("housing:subsidy_batch_approve", args=[MONTH])


@pytest.fixture
def prepared(allocation_round):
    subsidies = [running_subsidy(start_month=THIS, round=allocation_round) for _ in range(2)]
    batch = prepare_batch(actor=staff("finance", "clerk"), month=THIS).batch
    # An amount with a thousands separator and a tricky capital figure: 10,100.00 + 1,000.00 = 11,100.00.
    SubsidyPayment.objects.filter(subsidy=subsidies[0]).update(amount=Decimal("10100.00"))
    return SubsidyBatch.objects.get(pk=batch.pk)


def _status(batch):
    return SubsidyBatch.objects.get(pk=batch.pk).status


def test_the_review_button_shows_the_entries_and_amount_and_changes_nothing(portal, prepared):
    portal.login(staff("finance", "reviewer"))
    response = portal.post(REVIEW, {"version": prepared.version})
    text = confirmation_text(response)
    assert f"Review subsidy batch {MONTH}" in text
    assert 'id="revise-act"' not in response.content.decode()  # nothing was typed: cancel is the way back
    assert "11,100.00" in text and "10,100.00" in text and "1,000.00" in text
    assert "人民币壹万壹仟壹佰元整" in text
    assert "2 payments" in text
    assert _status(prepared) == "prepared"
    assert f'href="{reverse("housing:subsidy_batch_detail", args=[MONTH])}"' in response.content.decode()


def test_a_confirmed_review_moves_the_batch(portal, prepared):
    portal.login(staff("finance", "reviewer"))
    response = confirm(portal, portal.post(REVIEW, {"version": prepared.version}), REVIEW)
    assert response.status_code == 302
    assert _status(prepared) == "reviewed"


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "0" * 32},
                                    {"shown": "x", "confirmed": "no"}])
def test_posting_the_act_without_a_true_confirmation_never_performs_it(portal, prepared, forged):
    portal.login(staff("finance", "reviewer"))
    response = portal.post(REVIEW, {"version": prepared.version, **forged})
    assert response.status_code in (200, 409)
    assert 'id="confirm-act"' in response.content.decode()
    assert _status(prepared) == "prepared"


def test_a_confirmation_of_a_batch_that_changed_meanwhile_is_refused(portal, prepared, allocation_round):
    portal.login(staff("finance", "reviewer"))
    shown = portal.post(REVIEW, {"version": prepared.version})
    confirmation_text(shown)
    # Meanwhile a clerk adds a household that became due: the batch now pays 12,100.00.
    running_subsidy(start_month=THIS, round=allocation_round)
    prepare_batch(actor=staff("finance", "clerk"), month=THIS)
    response = confirm(portal, shown, REVIEW)
    assert response.status_code == 409
    text = response.content.decode()
    assert "has changed in the meantime" in text and "12,100.00" in text
    assert _status(prepared) == "prepared"
    # What is shown now can be confirmed.
    assert confirm(portal, response, REVIEW).status_code == 302
    assert _status(prepared) == "reviewed"


def test_the_approval_is_confirmed_by_the_head_with_its_figures(portal, prepared):
    review_batch(actor=staff("finance", "reviewer"), batch=prepared, expected_version=prepared.version)
    batch = SubsidyBatch.objects.get(pk=prepared.pk)
    portal.login(staff("finance", "head"))
    shown = portal.post(APPROVE, {"version": batch.version})
    text = confirmation_text(shown)
    assert f"Approve subsidy batch {MONTH}" in text and "11,100.00" in text and "人民币壹万壹仟壹佰元整" in text
    assert _status(batch) == "reviewed"
    assert confirm(portal, shown, APPROVE).status_code == 302
    assert _status(batch) == "approved"


def test_a_refusal_comes_before_any_confirmation(portal, prepared):
    """The permission refusals stay as they were: a reviewer who may not approve gets 403, not a confirmation."""
    review_batch(actor=staff("finance", "reviewer"), batch=prepared, expected_version=prepared.version)
    portal.login(staff("finance", "reviewer"))
    assert portal.post(APPROVE, {"version": prepared.version + 1, "confirmed": "yes"}).status_code == 403
    assert _status(prepared) == "reviewed"


def test_the_printed_payment_list_gives_the_total_in_figures_and_capitals(portal, prepared):
    portal.login(staff("finance", "reviewer"))
    response = portal.get(reverse("housing:subsidy_batch_print", args=[MONTH]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "10,100.00" in text and "11,100.00" in text and "人民币壹万壹仟壹佰元整" in text


@pytest.mark.parametrize("user", [("org_personnel", "head"), ("joint_meeting", "head")])
def test_the_payment_list_is_not_printed_outside_the_readers_of_subsidies(portal, prepared, user):
    portal.login(staff(*user))
    assert portal.get(reverse("housing:subsidy_batch_print", args=[MONTH])).status_code == 403
