"""R-39.4: the substantive review starts from the eligibility engine's pre-decision of every condition.

The reviewer confirms it, or overrides it with a written reason; on a condition the engine could not decide
the evidence is the reason. The engine runs on the server from the recorded facts: nothing the browser posts
stands in for it. Invalid input changes nothing.

The factories' households: a C3 household meets every condition (the engine passes them all); a C4 talent
with a master's degree born in 1990 is past the age limit (R-21.1 fails); a C1 household has no income facts
recorded (R-18.2 and R-18.3 undecided).
"""

import datetime
import itertools

import pytest
from django.urls import reverse

from housing.exceptions import InvalidInput
from housing.models import ApplicationHistory, ConditionDecision
from housing.rules.catalogue import CONDITIONS_BY_GROUP
from housing.review.services import reviews
from housing.stages import Stage
from tests.factories import ApplicationFactory, actor_for, advance, reload
from tests.factories.applications import MemberFactory
from tests.factories.identity import make_id_number
from tests.housing.conftest import field_error, page_text, section, strip_tags, table_rows
from tests.support.confirmations import confirm

pytestmark = pytest.mark.django_db

POLICY = "2014-48-defaults"  # housing/migrations/0003_default_policy.py


def in_review(allocation_round, **traits):
    return advance(ApplicationFactory(round=allocation_round, **traits), Stage.SUBSTANTIVE_REVIEW)


_orders = itertools.count(1)


def talent_past_the_age_limit(allocation_round):
    """A C4 talent with a master's degree born in 1990, so past the limit of 33 (R-21.1) whichever birth date the
    factories' sequence has reached by the time the test runs."""
    member = MemberFactory(id_number=make_id_number(birth=datetime.date(1990, 3, 1), order=next(_orders)))
    return in_review(allocation_round, c4=True, members=[member])


def confirmed(application, **changes):
    """Every condition passed with evidence, then ``changes`` {cid: passed}."""
    decisions = {cid: (True, f"已核对 {cid}") for cid in CONDITIONS_BY_GROUP[application.group]}
    decisions.update({cid: (passed, f"已核对 {cid}") for cid, passed in changes.items()})
    return decisions


def conclude(application, decisions, *, reason="", override_reasons=None):
    return reviews.conclude_substantive_review(
        actor=actor_for("approve_eligibility", application.group), application=application,
        expected_version=application.version, decisions=decisions, reason=reason, override_reasons=override_reasons)


def state(application) -> dict:
    app = reload(application)
    return {"stage": app.stage, "version": app.version,
            "history": ApplicationHistory.objects.filter(application=app).count(),
            "decisions": ConditionDecision.objects.filter(application=app).count()}


def last_history(application) -> ApplicationHistory:
    return ApplicationHistory.objects.filter(application=application).order_by("-seq").first()


# --- the service ------------------------------------------------------------------------------------

def test_confirming_the_engine_records_its_verdict_and_no_override(allocation_round):
    app = in_review(allocation_round, c3=True)
    app = conclude(app, confirmed(app))

    assert app.stage == Stage.ELIGIBLE
    rows = list(ConditionDecision.objects.filter(application=app))
    assert [r.condition_id for r in rows] == CONDITIONS_BY_GROUP[app.group]
    assert all(r.engine_passed is True and r.passed is True and not r.overridden for r in rows)
    assert {r.policy_version for r in rows} == {POLICY}
    r20_2 = next(r for r in rows if r.condition_id == "R-20.2")
    # Kept in both languages, Chinese first, whatever the reviewer's language.
    zh, en = r20_2.engine_message.split("\n")
    assert "72" in zh and "social insurance for 72 months" in en
    payload = last_history(app).payload
    assert payload["overrides"] == [] and payload["policy_version"] == POLICY and payload["engine_undecided"] == []


def test_an_override_without_its_reason_is_refused_and_changes_nothing(allocation_round):
    app = in_review(allocation_round, c3=True)
    before = state(app)
    # Evidence and a refusal reason are there; the reason for departing from the engine is not.
    with pytest.raises(InvalidInput) as refused:
        conclude(app, confirmed(app, **{"R-20.2": False}), reason="社保缴费年限不足",
                 override_reasons={"R-20.2": "   "})
    errors = refused.value.field_errors
    assert set(errors) == {"R-20.2.override_reason"}
    message = str(errors["R-20.2.override_reason"][0])  # in the language active when it was raised
    assert "第三十九条第（四）项" in message or "Art. 39(4)" in message
    assert state(app) == before


def test_an_override_with_its_reason_is_recorded_and_listed_in_the_history(allocation_round):
    app = in_review(allocation_round, c3=True)
    app = conclude(app, confirmed(app, **{"R-20.2": False}), reason="社保缴费年限不足",
                   override_reasons={"R-20.2": "社保记录含少儿医保，不计入", "R-20.3": "与引擎一致，不算改判"})

    assert app.stage == Stage.REFUSED
    overridden = ConditionDecision.objects.get(application=app, overridden=True)
    assert (overridden.condition_id, overridden.engine_passed, overridden.passed, overridden.override_reason) == (
        "R-20.2", True, False, "社保记录含少儿医保，不计入")
    # A reason given where the reviewer agreed with the engine is no override and is not kept.
    agreed = ConditionDecision.objects.get(application=app, condition_id="R-20.3")
    assert (agreed.overridden, agreed.override_reason) == (False, "")
    assert last_history(app).payload["overrides"] == [
        {"condition": "R-20.2", "engine_passed": True, "passed": False, "reason": "社保记录含少儿医保，不计入"}]


def test_passing_a_condition_the_engine_failed_is_an_override_too(allocation_round):
    app = talent_past_the_age_limit(allocation_round)  # 36 on 1 January, over the master's limit of 33
    with pytest.raises(InvalidInput) as refused:
        conclude(app, confirmed(app))
    assert set(refused.value.field_errors) == {"R-21.1.override_reason"}

    app = conclude(reload(app), confirmed(app), override_reasons={"R-21.1": "身份证号码有误，已核对户口簿"})
    assert app.stage == Stage.ELIGIBLE
    decision = ConditionDecision.objects.get(application=app, condition_id="R-21.1")
    assert (decision.engine_passed, decision.passed, decision.overridden) == (False, True, True)


def test_on_a_condition_the_engine_left_undecided_the_evidence_is_the_reason(allocation_round):
    app = in_review(allocation_round, c1=True)  # no income facts recorded: undecided
    decisions = confirmed(app)
    decisions["R-18.2"] = (True, "")
    with pytest.raises(InvalidInput) as refused:
        conclude(app, decisions)
    assert set(refused.value.field_errors) == {"R-18.2"}

    app = conclude(reload(app), confirmed(app, **{"R-18.3": False}), reason="家庭资产超过限额")
    assert app.stage == Stage.REFUSED
    undecided = ConditionDecision.objects.filter(application=app, engine_passed__isnull=True)
    assert sorted(undecided.values_list("condition_id", flat=True)) == ["R-18.2", "R-18.3"]
    assert not undecided.filter(overridden=True).exists()
    payload = last_history(app).payload
    assert payload["engine_undecided"] == ["R-18.2", "R-18.3"] and payload["overrides"] == []


# --- the review screen ------------------------------------------------------------------------------

def review_url(application) -> str:
    return reverse("housing:substantive_review", args=[application.number])


def test_the_screen_shows_each_pre_decision_selected_with_its_finding(portal, allocation_round):
    app = talent_past_the_age_limit(allocation_round)
    portal.login(actor_for("approve_eligibility", app.group))
    page = portal.get(review_url(app))
    assert page.status_code == 200
    form = portal.page_form(page)
    data = form.data()

    assert data["decision_R_21_1"] == ["failed"]
    assert all(data[f"decision_{cid.replace('-', '_').replace('.', '_')}"] == ["passed"]
               for cid in CONDITIONS_BY_GROUP[app.group] if cid != "R-21.1")
    assert data["evidence_R_21_1"][0].startswith("Neither a senior talent")
    assert "override_R_21_1" in form.names()
    assert not any("engine" in name for name in form.names())  # nothing the browser could forge
    rows = {" ".join(row[0].split(" ")[:2]): row for row in table_rows(section(page_text(page), "decisions-title"))}
    assert rows["Art. 21(1)"][1].startswith("Fails Neither a senior talent")
    assert rows["Art. 4"][1].startswith("Passes")
    assert "policy version 2014-48-defaults" in strip_tags(page_text(page))


def test_an_undecided_condition_starts_empty_and_offers_no_override(portal, allocation_round):
    app = in_review(allocation_round, c1=True)
    portal.login(actor_for("approve_eligibility", app.group))
    page = portal.get(review_url(app))
    form = portal.page_form(page)
    data = form.data()
    assert "decision_R_18_2" not in data and data["evidence_R_18_2"] == [""]
    assert "override_R_18_2" not in form.names() and "override_R_18_1" in form.names()
    rows = {" ".join(row[0].split(" ")[:2]): row for row in table_rows(section(page_text(page), "decisions-title"))}
    assert rows["Art. 18(2)"][1].startswith("Undecided") and "per-capita household income is not recorded" in rows["Art. 18(2)"][1]


def test_confirming_every_pre_decision_is_one_click(portal, allocation_round):
    app = in_review(allocation_round, c3=True)
    portal.login(actor_for("approve_eligibility", app.group))
    response = portal.submit(review_url(app))
    assert response.status_code == 302, strip_tags(page_text(response))[:1000]
    assert reload(app).stage == Stage.ELIGIBLE
    decisions = ConditionDecision.objects.filter(application=app)
    assert decisions.count() == len(CONDITIONS_BY_GROUP[app.group])
    assert not decisions.filter(overridden=True).exists()
    assert all(d.evidence for d in decisions)  # the engine's finding, confirmed as the evidence


def test_overriding_on_the_screen_without_a_reason_shows_the_error_and_saves_nothing(portal, allocation_round):
    app = in_review(allocation_round, c3=True)
    portal.login(actor_for("approve_eligibility", app.group))
    before = state(app)
    response = portal.submit(review_url(app), {"decision_R_20_2": "failed", "reason": "社保缴费年限不足"})

    assert response.status_code == 400
    assert "Art. 39(4)" in field_error(page_text(response), "id_override_R_20_2")
    assert state(app) == before

    response = portal.submit(review_url(app), {"decision_R_20_2": "failed", "reason": "社保缴费年限不足",
                                               "override_R_20_2": "少儿医保不计入缴费年限"})
    assert state(app) == before  # a refusal is stated first
    response = confirm(portal, response, review_url(app))
    assert response.status_code == 302
    decision = ConditionDecision.objects.get(application=app, overridden=True)
    assert (decision.condition_id, decision.override_reason) == ("R-20.2", "少儿医保不计入缴费年限")


def test_an_engine_verdict_posted_by_the_browser_is_ignored(portal, allocation_round):
    app = talent_past_the_age_limit(allocation_round)
    portal.login(actor_for("approve_eligibility", app.group))
    page = portal.get(review_url(app))
    data = portal.fill(portal.page_form(page), {"decision_R_21_1": "passed"})
    forged = {"engine_R_21_1": ["passed"], "engine_passed_R_21_1": ["true"], "suggested_R_21_1": ["passed"],
              "policy_version": ["forged"], "overridden_R_21_1": [""]}
    before = state(app)

    response = portal.post(review_url(app), {**data, **forged})
    assert response.status_code == 400  # still an override of the server's verdict, still without a reason
    assert state(app) == before

    data["override_R_21_1"] = ["学历证书经教育部认证，年龄按户籍证明核定"]
    response = portal.post(review_url(app), {**data, **forged})
    assert response.status_code == 302
    decision = ConditionDecision.objects.get(application=app, condition_id="R-21.1")
    assert (decision.engine_passed, decision.overridden, decision.policy_version) == (False, True, POLICY)
