"""Steps of an application that cannot be undone (a withdrawal, R-16.b; a give-up, SPEC §13) or that commit money
(the start of a subsidy, R-8.2, R-27) are stated first and done only once exactly that is confirmed
(docs/decisions/0047)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.groups import Form, Group
from housing.models import Application, PolicyVersion, Subsidy
from housing.stages import Stage
from tests.factories import ApplicationFactory, reload, staff
from tests.factories.workflow import advance
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db


def _step(application, step):
    return reverse("housing:take_step", args=[application.number, step])


@pytest.fixture
def announced_talent(allocation_round):
    app = ApplicationFactory(round=allocation_round, group=Group.ECW_TALENT, form=Form.SUBSIDY)
    Application.objects.filter(pk=app.pk).update(talent_title="", talent_degree="master")
    return advance(Application.objects.get(pk=app.pk), Stage.ANNOUNCED)


def test_the_start_of_a_subsidy_states_the_amount_the_service_fixes(portal, announced_talent):
    PolicyVersion.objects.update(subsidy_master=Decimal("1100.00"))
    portal.login(staff("finance", "clerk"))
    url = _step(announced_talent, "start_subsidy")
    month = timezone.localdate().strftime("%Y-%m")
    response = portal.submit(url, {"start_month": month})
    text = confirmation_text(response)
    assert "1,100.00" in text and "人民币壹仟壹佰元整" in text and month in text
    assert not Subsidy.objects.exists() and reload(announced_talent).stage == Stage.ANNOUNCED
    assert confirm(portal, response, url).status_code == 302
    assert Subsidy.objects.get().monthly_amount == Decimal("1100.00")


def test_a_subsidy_confirmed_at_an_amount_that_changed_meanwhile_is_refused(portal, announced_talent):
    PolicyVersion.objects.update(subsidy_master=Decimal("1100.00"))
    portal.login(staff("finance", "clerk"))
    url = _step(announced_talent, "start_subsidy")
    shown = portal.submit(url, {"start_month": timezone.localdate().strftime("%Y-%m")})
    confirmation_text(shown)
    PolicyVersion.objects.update(subsidy_master=Decimal("1200.00"))
    response = confirm(portal, shown, url)
    assert response.status_code == 409 and "1,200.00" in response.content.decode()
    assert not Subsidy.objects.exists()


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "1" * 32}])
def test_a_withdrawal_posted_without_a_true_confirmation_withdraws_nothing(portal, allocation_round, forged):
    application = advance(ApplicationFactory(round=allocation_round, group=Group.NO_HOUSING), Stage.ELIGIBLE)
    portal.login(staff("ccb", "clerk"))
    response = portal.post(_step(application, "withdraw"),
                           {"version": application.version, "reason": "申请人书面撤回", **forged})
    assert 'id="confirm-act"' in response.content.decode()
    assert reload(application).stage == Stage.ELIGIBLE


def test_a_withdrawal_states_whose_application_ends(portal, allocation_round):
    application = advance(ApplicationFactory(round=allocation_round, group=Group.NO_HOUSING), Stage.ELIGIBLE)
    portal.login(staff("ccb", "clerk"))
    url = _step(application, "withdraw")
    response = portal.submit(url, {"reason": "申请人书面撤回"})
    text = confirmation_text(response)
    assert application.number in text and application.applicant_name in text and "申请人书面撤回" in text
    assert f'href="{reverse("housing:application_detail", args=[application.number])}"' in response.content.decode()
    assert confirm(portal, response, url).status_code == 302
    assert reload(application).stage == Stage.WITHDRAWN


def test_a_refused_withdrawal_is_refused_before_any_confirmation(portal, allocation_round):
    application = advance(ApplicationFactory(round=allocation_round, group=Group.NO_HOUSING), Stage.ELIGIBLE)
    portal.login(staff("finance", "clerk"))
    response = portal.post(_step(application, "withdraw"), {"version": application.version, "reason": "x"})
    assert response.status_code in (403, 404)
    assert reload(application).stage == Stage.ELIGIBLE
