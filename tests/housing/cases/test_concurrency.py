"""R-16.e, docs/decisions/0006: two staff acting on one application at once; exactly one succeeds.

Real threads, each with its own PostgreSQL connection, both holding the
application as they loaded it at version v, released together by a barrier.
"""

import threading

import pytest
from django.db import connection
from django.utils import translation

from housing.exceptions import StaleApplication
from housing.models import Application, ApplicationHistory, FormalReview, StageCount
from housing.review.services import reviews
from housing.cases import steps as case_steps
from housing.stages import Stage
from publicity import services as publicity
from tests.factories import ApplicationFactory, actor_for, advance, staff
from tests.markers import postgres_only
from tests.support.materials import hand_in

pytestmark = [postgres_only, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls):
    """Run each call in its own thread at the same moment; returns each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = exc
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a transition hung"
    return outcomes


def test_formal_review_pass_and_return_at_once(allocation_round):
    app = ApplicationFactory(round=allocation_round)
    clerk_a, clerk_b = staff("ccb", "clerk"), staff("ccb", "head")
    seen_a = Application.objects.get(pk=app.pk)  # both clerks opened the page at version 1
    seen_b = Application.objects.get(pk=app.pk)
    items = {code: True for code in reviews.REQUIRED[app.group]}
    hand_in(app, list(items), actor=clerk_a)  # an item passes only with its file

    outcomes = race(
        lambda: reviews.conclude_formal_review(actor=clerk_a, application=seen_a, expected_version=seen_a.version,
                                               items=items),
        lambda: reviews.conclude_formal_review(actor=clerk_b, application=seen_b, expected_version=seen_b.version,
                                               items={**items, "id_cards": False}),
    )

    stale = [o for o in outcomes if isinstance(o, StaleApplication)]
    done = [o for o in outcomes if isinstance(o, Application)]
    assert len(done) == 1 and len(stale) == 1, outcomes
    with translation.override("en"):
        assert "Reload the page" in str(stale[0].message)  # R-16.e: the second is told the record changed
    winner = done[0]
    stored = Application.objects.get(pk=app.pk)
    assert stored.version == 2
    assert stored.stage == winner.stage and stored.stage in (Stage.SUBSTANTIVE_REVIEW, Stage.RETURNED)
    history = list(ApplicationHistory.objects.filter(application=app).order_by("seq"))
    assert [r.seq for r in history] == [1, 2]  # exactly one new row
    assert history[1].to_stage == stored.stage
    assert FormalReview.objects.filter(application=app).count() == 1  # the loser recorded nothing
    counts = dict(StageCount.objects.filter(round=allocation_round, group=app.group).values_list("stage", "count"))
    assert counts[Stage.SUBMITTED] == 0 and counts[stored.stage] == 1


def test_a_decision_on_an_objection_races_a_withdrawal(allocation_round):
    """Two units at once: the responsible reviewer dismisses, the CCB clerk records a withdrawal."""
    app = advance(ApplicationFactory(round=allocation_round, c5=True), Stage.FROZEN)
    objection = app.objections.get()
    reviewer, clerk = actor_for("dismiss_objection", app.group), staff("ccb", "clerk")
    seen = Application.objects.get(pk=app.pk)

    outcomes = race(
        lambda: publicity.decide_objection(actor=reviewer, objection=objection, expected_version=seen.version,
                                           upheld=False, reason="不属实", answer="异议不成立"),
        lambda: case_steps.withdraw_application(actor=clerk, application=seen, expected_version=seen.version,
                                           reason="申请人撤回"),
    )

    assert sum(isinstance(o, StaleApplication) for o in outcomes) == 1, outcomes
    stored = Application.objects.get(pk=app.pk)
    assert stored.version == seen.version + 1
    assert ApplicationHistory.objects.filter(application=app).count() == seen.version + 1
    objection.refresh_from_db()
    # The objection's decision and the stage move commit together or not at all.
    assert (objection.status == "not_upheld") == (stored.stage == Stage.PUBLIC_NOTICE)
