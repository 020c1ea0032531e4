"""Public notice, objections and announcement (R-16.4 – R-16.7): what the services accept and refuse.

The lifecycle through notice, objection and announcement is in tests/housing/cases/test_workflow.py;
who may act, in tests/housing/cases/test_transition_permissions.py.
"""

import datetime
import re

import pytest
from django.utils import timezone

from housing.exceptions import InvalidInput
from housing.groups import Group
from housing.models import ApplicationHistory
from housing.stages import Stage
from publicity import services as publicity
from publicity.exceptions import OutsideNoticePeriod
from publicity.models import Objection, PublicNotice
from tests.factories import AllocationRoundFactory, ApplicationFactory, actor_for, advance, reload, staff, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


def test_a_notice_needs_at_least_one_rechecked_application(clerk, allocation_round):
    advance(ApplicationFactory(round=allocation_round, c3=True), Stage.PROPOSED)
    with pytest.raises(InvalidInput):
        publicity.publish_public_notice(actor=clerk, round=allocation_round, group=Group.NO_HOUSING)
    assert not PublicNotice.objects.exists()


def test_a_notice_takes_only_its_round_and_group(clerk, allocation_round):
    mine = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.RECHECKED)
    other_group = advance(ApplicationFactory(round=allocation_round, c1=True), Stage.RECHECKED)
    other_round = advance(ApplicationFactory(round=AllocationRoundFactory(), c3=True), Stage.RECHECKED)
    not_yet = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.PROPOSED)

    notice = publicity.publish_public_notice(actor=clerk, round=allocation_round, group=Group.NO_HOUSING)

    assert list(notice.entries.all()) == [mine]
    assert notice.published_by == clerk
    assert [reload(a).stage for a in (mine, other_group, other_round, not_yet)] == [
        Stage.PUBLIC_NOTICE, Stage.RECHECKED, Stage.RECHECKED, Stage.PROPOSED]


def test_a_notice_starting_today_runs_seven_days_from_today(clerk, allocation_round):
    """SPEC §13, docs/decisions/0040: the period runs from the start date, 7 days inclusive."""
    app = advance(ApplicationFactory(round=allocation_round), Stage.RECHECKED)
    today = timezone.localdate()
    notice = publicity.publish_public_notice(actor=clerk, round=allocation_round, group=app.group, starts_on=today)
    assert (notice.starts_on, notice.ends_on) == (today, today + datetime.timedelta(days=6))
    assert reload(app).notice_ends_on == notice.ends_on


@pytest.fixture
def in_notice(allocation_round):
    return advance(ApplicationFactory(round=allocation_round, c6=True), Stage.PUBLIC_NOTICE)


def test_an_objection_gets_a_receipt_number_to_follow_it(in_notice):
    first = take("freeze_for_objection", in_notice).objections.get()
    assert re.fullmatch(rf"YY-{timezone.localdate():%Y%m%d}-[0-9A-F]{{8}}", first.receipt_number)
    assert first.notice == in_notice.public_notices.get()
    assert first.received_by == staff("ccb", "clerk")


@pytest.mark.parametrize("blank", ["objector_name", "objector_contact", "reasons"])
def test_an_objection_without_name_contact_or_reasons_is_not_recorded(clerk, in_notice, blank):
    fields = {"objector_name": "李四", "objector_contact": "13900139000", "reasons": "名下有房"}
    fields[blank] = "   "
    with pytest.raises(InvalidInput) as refused:
        publicity.record_objection(actor=clerk, application=in_notice, expected_version=in_notice.version, **fields)
    assert list(refused.value.field_errors) == [blank]
    assert not Objection.objects.exists()
    assert reload(in_notice).stage == Stage.PUBLIC_NOTICE


def test_an_objection_before_the_notice_starts_is_refused(clerk, allocation_round):
    app = advance(ApplicationFactory(round=allocation_round), Stage.RECHECKED)
    publicity.publish_public_notice(actor=clerk, round=allocation_round, group=app.group,
                                    starts_on=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(OutsideNoticePeriod):
        take("freeze_for_objection", reload(app))
    assert not Objection.objects.exists()


def test_an_objection_on_the_last_day_of_the_period_is_accepted(clerk, in_notice, clock):
    clock.travel_to(in_notice.notice_ends_on)
    assert take("freeze_for_objection", in_notice).stage == Stage.FROZEN


@pytest.mark.parametrize("missing", ["reason", "answer"])
def test_a_decision_needs_its_reason_and_the_answer_to_the_objector(in_notice, missing):
    frozen = take("freeze_for_objection", in_notice)
    objection = frozen.objections.get()
    texts = {"reason": "经查属实", "answer": "异议成立"}
    texts[missing] = ""
    with pytest.raises(InvalidInput) as refused:
        publicity.decide_objection(actor=actor_for("uphold_objection", frozen.group), objection=objection,
                                   expected_version=frozen.version, upheld=True, **texts)
    assert missing in refused.value.field_errors
    objection.refresh_from_db()
    assert objection.status == Objection.Status.OPEN and objection.decided_at is None
    assert reload(frozen).stage == Stage.FROZEN


def test_an_objection_is_decided_once(in_notice):
    frozen = take("freeze_for_objection", in_notice)
    objection = frozen.objections.get()
    after = take("dismiss_objection", frozen, objection=objection)
    objection.refresh_from_db()
    with pytest.raises(InvalidInput) as refused:
        publicity.decide_objection(actor=actor_for("uphold_objection", after.group), objection=objection,
                                   expected_version=after.version, upheld=True, reason="改判", answer="改判")
    assert "status" in refused.value.field_errors
    objection.refresh_from_db()
    assert objection.status == Objection.Status.NOT_UPHELD
    assert reload(after).stage == Stage.PUBLIC_NOTICE


def test_a_list_is_announced_once_and_records_who_announced_it(clerk, allocation_round):
    app = advance(ApplicationFactory(round=allocation_round), Stage.PUBLIC_NOTICE, notice_over=True)
    notice = app.public_notices.get()
    assert publicity.announce_notice(actor=clerk, notice=notice) == 1
    notice.refresh_from_db()
    assert notice.announced_by == clerk and notice.announced_at is not None
    rows = ApplicationHistory.objects.filter(application=app).count()
    with pytest.raises(InvalidInput):
        publicity.announce_notice(actor=clerk, notice=notice)
    assert ApplicationHistory.objects.filter(application=app).count() == rows
