"""R-16.3, R-16.d, R-39.4: a refusal in the substantive review ends the application and issues a written notice,
so it is stated first — each failed condition with its article and evidence, the reason, what the applicant
receives — and done only on a confirmation of exactly what was shown (docs/decisions/0047). A review in which
every condition passes goes straight through."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from housing.cases import documents as documents_service
from housing.models import Application, ApplicationHistory, ConditionDecision, WrittenNotice
from housing.stages import Stage
from tests.factories import ApplicationFactory, actor_for, advance, reload, staff
from tests.housing.conftest import PNG_BYTES, page_text
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db

REFUSAL = {"decision_R_20_2": "failed", "evidence_R_20_2": "社保缴费记录仅18个月",
           "override_R_20_2": "少儿医保不计入缴费年限", "reason": "社保缴费年限不足"}


@pytest.fixture
def application(allocation_round):
    """A C3 household that meets every condition (the eligibility check passes them all)."""
    return advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)


@pytest.fixture
def reviewer(portal, application):
    portal.login(actor_for("approve_eligibility", application.group))


def url(application) -> str:
    return reverse("housing:substantive_review", args=[application.number])


def state(application) -> dict:
    app = reload(application)
    return {"stage": app.stage, "version": app.version,
            "history": ApplicationHistory.objects.filter(application=app).count(),
            "decisions": ConditionDecision.objects.filter(application=app).count(),
            "notices": WrittenNotice.objects.filter(application=app).count()}


def test_a_refusal_states_the_failed_condition_its_article_the_reason_and_the_notice(portal, application,
                                                                                     reviewer):
    before = state(application)
    response = portal.submit(url(application), REFUSAL)
    text = confirmation_text(response)
    assert f"Refuse application {application.number}" in text
    assert application.applicant_name in text and application.get_group_display() in text
    assert "does not meet the condition below and is refused" in text and "ends at this stage" in text
    # The condition as people cite it, with its words and the evidence; never its R-id.
    assert "Art. 20(2)" in text and "社保缴费记录仅18个月" in text and "R-20" not in text
    assert "社保缴费年限不足" in text
    assert "A written notice of refusal, numbered and dated today, is issued to" in text
    assert "City Construction Bureau, Longhua New District, Shenzhen" in text
    assert "by text message to the contact phone." in text
    assert "overriding the eligibility check on 1 condition" in text
    assert f'href="{url(application)}"' in response.content.decode()
    assert state(application) == before


def test_the_confirmation_posts_back_every_field_of_the_review(portal, application, reviewer):
    page = portal.get(url(application))
    sent = portal.fill(portal.page_form(page), REFUSAL)
    shown = portal.post(url(application), sent)
    echoed = portal.page_form(shown, action=url(application)).data()
    for name, values in sent.items():
        if name != "csrfmiddlewaretoken":
            assert echoed[name] == values, name


def test_a_confirmed_refusal_refuses_with_its_written_notice(portal, application, reviewer):
    response = confirm(portal, portal.submit(url(application), REFUSAL), url(application))
    assert response.status_code == 302
    app = reload(application)
    assert app.stage == Stage.REFUSED
    notice = WrittenNotice.objects.get(application=app)
    assert notice.kind == WrittenNotice.Kind.REFUSAL and notice.addressee_name == app.applicant_name
    decision = ConditionDecision.objects.get(application=app, condition_id="R-20.2")
    assert (decision.passed, decision.evidence, decision.override_reason) == (
        False, "社保缴费记录仅18个月", "少儿医保不计入缴费年限")


def test_a_pass_is_not_asked_to_confirm(portal, application, reviewer):
    response = portal.submit(url(application))
    assert response.status_code == 302
    assert reload(application).stage == Stage.ELIGIBLE


def test_an_applicant_without_a_contact_phone_is_said_not_to_be_sent_the_message(portal, application, reviewer):
    Application.objects.filter(pk=application.pk).update(contact_phone="", contact_email="")
    text = confirmation_text(portal.submit(url(application), REFUSAL))
    assert "No contact phone or e-mail is on file" in text and "recorded as not sent" in text


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "0" * 32},
                                    {"shown": "x", "confirmed": "no"}])
def test_posting_a_refusal_without_a_true_confirmation_never_refuses(portal, application, reviewer, forged):
    before = state(application)
    page = portal.get(url(application))
    data = {**portal.fill(portal.page_form(page), REFUSAL), **forged}
    response = portal.post(url(application), data)
    assert response.status_code in (200, 409) and 'id="confirm-act"' in response.content.decode()
    assert state(application) == before


def test_a_refusal_confirmed_after_the_file_changed_is_refused_and_stated_afresh(portal, application, reviewer):
    shown = portal.submit(url(application), REFUSAL)
    confirmation_text(shown)
    # Meanwhile a clerk hands in a material: the file's version moves on (R-16.e).
    documents_service.upload_document(actor=staff("ccb", "head"), application=reload(application), kind="id_cards",
                                      uploaded_file=SimpleUploadedFile("id.png", PNG_BYTES))
    before = state(application)
    response = confirm(portal, shown, url(application))
    assert response.status_code == 409
    assert "has changed in the meantime" in page_text(response) and "Art. 20(2)" in page_text(response)
    assert state(application) == before
    # What is shown now can be confirmed: it posts the file's current version.
    assert confirm(portal, response, url(application)).status_code == 302
    assert reload(application).stage == Stage.REFUSED


def test_a_refusal_without_a_reason_is_refused_on_the_form_before_any_confirmation(portal, application, reviewer):
    before = state(application)
    response = portal.submit(url(application), {**REFUSAL, "reason": ""})
    assert response.status_code == 400 and 'id="confirm-act"' not in response.content.decode()
    assert state(application) == before


def test_an_override_without_its_reason_is_placed_on_its_field_before_any_confirmation(portal, application,
                                                                                       reviewer):
    """The service's field errors still reach the review form's fields (routed as before)."""
    before = state(application)
    response = portal.submit(url(application), {**REFUSAL, "override_R_20_2": ""})
    assert response.status_code == 400 and 'id="confirm-act"' not in response.content.decode()
    assert 'id="id_override_R_20_2_error"' in response.content.decode()
    assert state(application) == before


@pytest.mark.parametrize("user, status", [(("org_personnel", "reviewer"), 404), (("ccb", "clerk"), 403)])
def test_who_may_not_refuse_is_refused_before_any_confirmation(portal, application, user, status):
    before = state(application)
    portal.login(staff(*user))
    response = portal.post(url(application), {**REFUSAL, "version": application.version, "confirmed": "yes"})
    assert response.status_code == status
    assert state(application) == before


def test_going_back_from_the_statement_keeps_every_decision_and_the_evidence(portal, application, reviewer):
    """A reviewer who wants to change one condition's evidence goes back to the review as filled in, not to an
    empty review; nothing is refused meanwhile."""
    before = state(application)
    shown = portal.submit(url(application), REFUSAL)
    back = portal.post(url(application), {**portal.fill(portal.page_form(shown, action=url(application))),
                                          "revise": ["yes"]})
    assert back.status_code == 200 and 'id="confirm-act"' not in back.content.decode()
    kept = portal.page_form(back).data()
    for name, value in REFUSAL.items():
        assert kept[name] == [value], name
    assert state(application) == before
