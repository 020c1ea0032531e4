"""R-16.6: deciding an objection is final — upheld, the entry leaves the list and the applicant is sent a
notice of removal; not upheld, it stays — so the decision is stated first, with the answer the objector will
read, and taken only once exactly that is confirmed (docs/decisions/0047)."""

import pytest
from django.urls import reverse

from housing.stages import Stage
from publicity import services as publicity
from publicity.models import Objection
from tests.factories import ApplicationFactory, advance, reload, staff
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db


def _object(application, name="李四") -> Objection:
    return publicity.record_objection(actor=staff("ccb", "clerk"), application=application,
                                      expected_version=reload(application).version, objector_name=name,
                                      objector_contact="13900139000", reasons="申请人名下有房产")


@pytest.fixture
def frozen(allocation_round):
    application = advance(ApplicationFactory(round=allocation_round, c4=True), Stage.PUBLIC_NOTICE)
    return _object(application)


def _status(objection) -> str:
    return Objection.objects.get(pk=objection.pk).status


def _url(objection):
    return reverse("housing:decide_objection", args=[objection.receipt_number])


DECISION = {"reason": "经调取不动产登记信息，异议属实", "answer": "您反映的情况属实，已取消其资格。",
            "investigation_notes": ""}


def test_upholding_states_the_removal_and_the_answer_and_changes_nothing(portal, frozen):
    portal.login(staff("org_personnel", "reviewer"))
    response = portal.submit(_url(frozen), {"upheld": "yes", **DECISION})
    text = confirmation_text(response)
    application = frozen.application
    assert frozen.receipt_number in text and application.number in text and application.applicant_name in text
    assert "您反映的情况属实，已取消其资格。" in text and "异议属实" in text
    assert "removed from the list" in text or "移出名单" in text
    assert _status(frozen) == Objection.Status.OPEN and reload(application).stage == Stage.FROZEN


def test_the_confirmation_removes_the_entry(portal, frozen):
    portal.login(staff("org_personnel", "reviewer"))
    url = _url(frozen)
    response = confirm(portal, portal.submit(url, {"upheld": "yes", **DECISION}), url)
    assert response.status_code == 302
    assert _status(frozen) == Objection.Status.UPHELD
    assert reload(frozen.application).stage == Stage.REMOVED_ON_OBJECTION


def test_dismissing_while_another_objection_is_open_says_the_entry_stays_frozen(portal, frozen):
    second = _object(frozen.application, name="王五")
    portal.login(staff("org_personnel", "reviewer"))
    url = _url(frozen)
    response = portal.submit(url, {"upheld": "no", **DECISION})
    text = confirmation_text(response)
    assert second.receipt_number in text  # the other open objection is named
    assert "stays frozen" in text or "仍冻结" in text
    assert confirm(portal, response, url).status_code == 302
    assert _status(frozen) == Objection.Status.NOT_UPHELD
    assert reload(frozen.application).stage == Stage.FROZEN


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "f" * 32}])
def test_a_decision_posted_without_a_true_confirmation_decides_nothing(portal, frozen, forged):
    portal.login(staff("org_personnel", "reviewer"))
    response = portal.post(_url(frozen), {"upheld": "yes", "version": reload(frozen.application).version,
                                          **DECISION, **forged})
    assert 'id="confirm-act"' in response.content.decode()
    assert _status(frozen) == Objection.Status.OPEN


def test_a_decision_confirmed_after_another_objection_arrived_is_stated_again(portal, frozen):
    """Between the statement and the click a second objection freezes the entry for longer: the statement
    no longer holds, so nothing is decided and the new state is shown."""
    portal.login(staff("org_personnel", "reviewer"))
    url = _url(frozen)
    shown = portal.submit(url, {"upheld": "no", **DECISION})
    confirmation_text(shown)
    second = _object(frozen.application, name="王五")
    response = confirm(portal, shown, url)
    assert response.status_code == 409 and second.receipt_number in confirmation_text(response)
    assert _status(frozen) == Objection.Status.OPEN


def test_a_unit_not_responsible_is_refused_before_any_confirmation(portal, frozen):
    portal.login(staff("econ_services", "reviewer"))  # C4 is the Organisation and Personnel Bureau's
    response = portal.post(_url(frozen), {"upheld": "yes", "version": reload(frozen.application).version,
                                          **DECISION})
    assert response.status_code in (403, 404) and 'id="confirm-act"' not in response.content.decode()
    assert _status(frozen) == Objection.Status.OPEN


def test_an_empty_answer_is_refused_before_any_confirmation(portal, frozen):
    portal.login(staff("org_personnel", "reviewer"))
    response = portal.submit(_url(frozen), {"upheld": "yes", **DECISION, "answer": ""})
    assert response.status_code == 400 and 'id="confirm-act"' not in response.content.decode()
    assert _status(frozen) == Objection.Status.OPEN


def test_change_what_i_entered_returns_to_the_form_as_filled_in(portal, frozen):
    """Going back from the statement keeps the reason and the answer typed; nothing is decided."""
    portal.login(staff("org_personnel", "reviewer"))
    url = _url(frozen)
    shown = portal.submit(url, {"upheld": "yes", **DECISION})
    assert 'id="revise-act"' in shown.content.decode()
    # The button carries revise=yes with the form's fields, as a browser posts a named submit button.
    back = portal.post(url, {**portal.fill(portal.page_form(shown, action=url)), "revise": ["yes"]})
    page = back.content.decode()
    assert back.status_code == 200 and 'id="confirm-act"' not in page
    assert "您反映的情况属实，已取消其资格。" in page and "经调取不动产登记信息，异议属实" in page
    assert _status(frozen) == Objection.Status.OPEN
    changed = portal.post(url, portal.fill(portal.page_form(back), {"answer": "异议属实，已取消资格。"}))
    assert "异议属实，已取消资格。" in confirmation_text(changed) and "异议属实" in confirmation_text(changed)
    assert confirm(portal, changed, url).status_code == 302
    assert Objection.objects.get(pk=frozen.pk).answer == "异议属实，已取消资格。"

