"""R-32, R-8.2: stopping a subsidy takes payments out of prepared batches and resuming it commits money again, so
each is stated with its months and amounts and done only on a confirmation of exactly what was shown
(docs/decisions/0047)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import Subsidy, SubsidyChange, SubsidyPayment
from housing.subsidies.services import prepare_batch, resume_subsidy, stop_subsidy
from tests.factories import staff
from tests.factories.subsidies import add_months, running_subsidy
from tests.housing.conftest import page_text
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db
THIS = timezone.localdate().replace(day=1)
NEXT = add_months(THIS, 1)
AFTER = add_months(THIS, 2)


def month(day) -> str:
    return f"{day:%Y-%m}"


@pytest.fixture
def subsidy(allocation_round):
    return running_subsidy(start_month=THIS, round=allocation_round)


def stop_url(subsidy):
    return reverse("housing:subsidy_stop", args=[subsidy.pk])


def resume_url(subsidy):
    return reverse("housing:subsidy_resume", args=[subsidy.pk])


def kinds(subsidy) -> list[str]:
    return list(SubsidyChange.objects.filter(subsidy=subsidy).order_by("pk").values_list("kind", flat=True))


def months_paid(subsidy) -> list[str]:
    return [month(m) for m in SubsidyPayment.objects.filter(subsidy=subsidy).order_by("month")
            .values_list("month", flat=True)]


# --- stop ----------------------------------------------------------------------------------------------------------

def test_the_stop_button_states_the_month_the_reason_and_the_payments_taken_out_and_changes_nothing(portal, subsidy):
    prepare_batch(actor=staff("finance", "clerk"), month=THIS)
    portal.login(staff("finance", "reviewer"))
    response = portal.post(stop_url(subsidy), {"from_month": month(THIS), "reason": "持有人书面通知终止"})
    text = confirmation_text(response)
    application = subsidy.application
    assert f"Stop the housing subsidy of {application.applicant_name}" in text
    assert application.number in text and "1,000.00" in text and "人民币壹仟元整" in text
    assert f"paid nothing for {month(THIS)} or any later month" in text
    assert "持有人书面通知终止" in text
    assert "1 payment, 1,000.00 yuan, is taken out of a prepared batch" in text
    assert f'href="{reverse("housing:subsidy_detail", args=[subsidy.pk])}"' in response.content.decode()
    assert kinds(subsidy) == [] and months_paid(subsidy) == [month(THIS)]
    assert Subsidy.objects.get(pk=subsidy.pk).stopped_from is None


def test_a_stop_with_no_prepared_payment_says_none_is_taken_out(portal, subsidy):
    portal.login(staff("finance", "reviewer"))
    text = confirmation_text(portal.post(stop_url(subsidy), {"from_month": month(NEXT), "reason": "书面申请"}))
    assert "none is taken out" in text and f"paid nothing for {month(NEXT)}" in text


def test_a_confirmed_stop_stops_the_subsidy_and_takes_its_payment_out(portal, subsidy):
    prepare_batch(actor=staff("finance", "clerk"), month=THIS)
    portal.login(staff("finance", "reviewer"))
    url = stop_url(subsidy)
    response = confirm(portal, portal.post(url, {"from_month": month(THIS), "reason": "持有人书面通知终止"}), url)
    assert response.status_code == 302
    assert kinds(subsidy) == ["stop"] and months_paid(subsidy) == []
    assert Subsidy.objects.get(pk=subsidy.pk).stopped_from == THIS


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "0" * 32},
                                    {"shown": "x", "confirmed": "no"}])
def test_posting_a_stop_without_a_true_confirmation_never_stops(portal, subsidy, forged):
    portal.login(staff("finance", "reviewer"))
    response = portal.post(stop_url(subsidy), {"from_month": month(THIS), "reason": "书面申请", **forged})
    assert response.status_code in (200, 409) and 'id="confirm-act"' in response.content.decode()
    assert kinds(subsidy) == []


def test_a_stop_confirmed_after_a_batch_was_prepared_meanwhile_is_refused_and_shows_the_payment(portal, subsidy):
    portal.login(staff("finance", "reviewer"))
    url = stop_url(subsidy)
    shown = portal.post(url, {"from_month": month(THIS), "reason": "书面申请"})
    assert "none is taken out" in confirmation_text(shown)
    # Meanwhile Finance prepares this month's batch: the stop would now take that payment out.
    prepare_batch(actor=staff("finance", "clerk"), month=THIS)
    response = confirm(portal, shown, url)
    assert response.status_code == 409
    text = page_text(response)
    assert "has changed in the meantime" in text and "1 payment, 1,000.00 yuan, is taken out" in text
    assert kinds(subsidy) == [] and months_paid(subsidy) == [month(THIS)]
    assert confirm(portal, response, url).status_code == 302
    assert kinds(subsidy) == ["stop"] and months_paid(subsidy) == []


def test_a_stop_the_service_refuses_is_refused_on_the_form_before_any_confirmation(portal, subsidy):
    portal.login(staff("finance", "reviewer"))
    response = portal.post(stop_url(subsidy), {"from_month": month(add_months(THIS, -1)), "reason": "书面申请"})
    assert response.status_code == 400 and 'id="confirm-act"' not in response.content.decode()
    assert "choose that month or later" in page_text(response)
    assert kinds(subsidy) == []


@pytest.mark.parametrize("user", [("finance", "clerk"), ("discipline", "head")])
def test_who_may_not_stop_is_refused_before_any_confirmation(portal, subsidy, user):
    portal.login(staff(*user))
    for url in (stop_url(subsidy), resume_url(subsidy)):
        response = portal.post(url, {"from_month": month(THIS), "reason": "书面申请", "confirmed": "yes"})
        assert response.status_code == 403
    assert kinds(subsidy) == []


# --- resumption ----------------------------------------------------------------------------------------------------

@pytest.fixture
def stopped(subsidy):
    stop_subsidy(actor=staff("finance", "reviewer"), subsidy=subsidy, from_month=THIS, reason="书面申请暂停")
    return Subsidy.objects.get(pk=subsidy.pk)


def test_the_resume_button_states_the_amount_the_first_month_and_no_back_pay_and_changes_nothing(portal, stopped):
    portal.login(staff("finance", "head"))
    response = portal.post(resume_url(stopped), {"from_month": month(AFTER), "reason": "情况消除，恢复发放"})
    text = confirmation_text(response)
    application = stopped.application
    assert f"Resume the housing subsidy of {application.applicant_name}" in text
    assert application.number in text and "1,000.00" in text and "人民币壹仟元整" in text
    assert f"paid 1,000.00 yuan a month again from {month(AFTER)}" in text
    assert f"The stopped months ({month(THIS)} to {month(NEXT)}) are not paid back" in text
    assert "情况消除，恢复发放" in text
    assert kinds(stopped) == ["stop"] and Subsidy.objects.get(pk=stopped.pk).stopped_from == THIS


def test_a_resumption_from_the_month_of_the_stop_leaves_no_month_unpaid(portal, stopped):
    portal.login(staff("finance", "head"))
    text = confirmation_text(portal.post(resume_url(stopped), {"from_month": month(THIS), "reason": "误停"}))
    assert "No month goes unpaid" in text and "not paid back" not in text


def test_a_confirmed_resumption_pays_again_from_its_month(portal, stopped):
    portal.login(staff("finance", "head"))
    url = resume_url(stopped)
    response = confirm(portal, portal.post(url, {"from_month": month(NEXT), "reason": "恢复发放"}), url)
    assert response.status_code == 302
    assert kinds(stopped) == ["stop", "resume"] and Subsidy.objects.get(pk=stopped.pk).stopped_from is None
    prepare_batch(actor=staff("finance", "clerk"), month=NEXT)
    assert months_paid(stopped) == [month(NEXT)]  # paid again; the stopped month is not paid back


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "0" * 32}])
def test_posting_a_resumption_without_a_true_confirmation_never_resumes(portal, stopped, forged):
    portal.login(staff("finance", "head"))
    response = portal.post(resume_url(stopped), {"from_month": month(NEXT), "reason": "恢复发放", **forged})
    assert response.status_code in (200, 409) and 'id="confirm-act"' in response.content.decode()
    assert kinds(stopped) == ["stop"]


def test_a_resumption_confirmed_after_another_change_is_refused(portal, stopped):
    portal.login(staff("finance", "head"))
    url = resume_url(stopped)
    shown = portal.post(url, {"from_month": month(AFTER), "reason": "恢复发放"})
    confirmation_text(shown)
    # Meanwhile a colleague resumes it from next month and, on a further written notice, stops it again from then.
    colleague = staff("finance", "reviewer")
    resume_subsidy(actor=colleague, subsidy=stopped, from_month=NEXT, reason="恢复")
    stop_subsidy(actor=colleague, subsidy=stopped, from_month=NEXT, reason="另一书面通知")
    response = confirm(portal, shown, url)
    assert response.status_code == 409 and "has changed in the meantime" in page_text(response)
    assert kinds(stopped) == ["stop", "resume", "stop"]
    assert confirm(portal, response, url).status_code == 302
    assert kinds(stopped) == ["stop", "resume", "stop", "resume"]


def test_a_resumption_of_a_running_subsidy_is_refused_on_the_form(portal, subsidy):
    portal.login(staff("finance", "head"))
    response = portal.post(resume_url(subsidy), {"from_month": month(THIS), "reason": "恢复发放"})
    assert response.status_code == 400 and 'id="confirm-act"' not in response.content.decode()
    assert "nothing to resume" in page_text(response)
    assert kinds(subsidy) == []
