"""The application lifecycle of SPEC §5 through the services (R-16.*, R-16.a–e)."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from departments.permissions import DUTIES, acting_unit
from housing.exceptions import InvalidInput, StageNotAllowed
from housing.cases.checklists import REQUIRED
from housing.groups import SHORT_CODE, TALENT_GROUPS, Form, Group
from housing.models import (
    ApplicantNotice, Application, ApplicationHistory, ConditionDecision, Contract, FormalReview, HouseholdMember,
    StageCount, Subsidy,
)
from housing.rules.catalogue import CONDITIONS_BY_GROUP
from housing.review.services import reviews
from housing.cases import steps as case_steps
from housing.cases.history import verify_chain
from housing.cases.notices import write_applicant_notice
from housing.cases.workflow import take_step
from housing.stages import WITHDRAWABLE, Stage
from publicity import services as publicity
from publicity.exceptions import NoticeNotOver, ObjectionsOpen, OutsideNoticePeriod
from publicity.models import Objection
from tests.factories import ApplicationFactory, actor_for, advance, reload, staff, take
from tests.factories.workflow import past_notice_start
from tests.support.materials import hand_in

pytestmark = pytest.mark.django_db

HOUSING_STEPS = [
    "pass_formal_review", "approve_eligibility", "propose", "pass_recheck", "publish_in_notice", "announce",
    "issue_selection_notice", "record_selection", "sign_contract", "file_contract",
]
SUBSIDY_STEPS = HOUSING_STEPS[: HOUSING_STEPS.index("announce") + 1] + ["start_subsidy"]
# The articles each service cites; the others cite their duty's articles (departments.permissions.DUTIES).
CITED = {
    "pass_formal_review": ["R-16.2", "R-39.3"],
    "return_for_supplement": ["R-16.2", "R-39.3"],
    "approve_eligibility": ["R-16.3", "R-39.4"],
    "pass_recheck": ["R-16.4", "R-39.5"],
    "remove_at_recheck": ["R-16.4", "R-39.5"],
    "dismiss_objection": ["R-16.6"],
    "uphold_objection": ["R-16.6"],
}
TRANSITIONS = {t.name: t for t in Application._meta.get_field("stage").get_all_transitions(Application)}
SUBSIDY_GROUPS = [Group.MINIMUM_ALLOWANCE, Group.INSTITUTION_TALENT, Group.ECW_TALENT, Group.ENTERPRISE_TALENT]


def cited(step: str) -> list[str]:
    return CITED.get(step) or [a.strip() for a in DUTIES[step][2].split(",")]


def assert_counts_match_reality():
    """docs/decisions/0004: the kept counts equal a COUNT(*) of the applications themselves."""
    real = Counter(Application.objects.values_list("round_id", "group", "form", "stage"))
    kept = {(r, g, f, s): n for r, g, f, s, n
            in StageCount.objects.values_list("round_id", "group", "form", "stage", "count") if n}
    assert kept == dict(real)
    assert not StageCount.objects.filter(count__lt=0).exists()


def history(app) -> list[ApplicationHistory]:
    return list(ApplicationHistory.objects.filter(application=app).order_by("seq"))


def step_through(app, names, django_capture_on_commit_callbacks):
    """Take each step; check its history row, the counts and the notice queued for the applicant."""
    for name in names:
        before = reload(app)
        actor = actor_for(name, app.group)
        options = {"starts_on": past_notice_start()} if name == "publish_in_notice" else {}
        with django_capture_on_commit_callbacks() as queued:
            app = take(name, before, actor=actor, **options)
        assert app.stage == TRANSITIONS[name].target, name
        assert app.version == before.version + 1
        rows = history(app)
        assert len(rows) == before.version + 1  # intake + one row per step
        row = rows[-1]
        assert row.event == name
        assert (row.actor_id, row.actor_name, row.actor_unit) == (actor.pk, actor.username, acting_unit(name, app.group))
        assert (row.from_stage, row.to_stage) == (before.stage, app.stage)
        assert row.articles == cited(name)
        assert len(queued) == 1, f"{name} must queue exactly one applicant notice on commit"
        assert_counts_match_reality()
    return app


@pytest.mark.parametrize("group", Group.values, ids=lambda g: SHORT_CODE[g])
def test_a_housing_application_goes_from_intake_to_filed_contract(group, allocation_round,
                                                                    django_capture_on_commit_callbacks):
    clerk = staff("ccb", "clerk")
    with django_capture_on_commit_callbacks() as queued:
        app = ApplicationFactory(round=allocation_round, group=group, actor=clerk)
    assert len(queued) == 1
    assert app.stage == Stage.SUBMITTED and app.form != Form.SUBSIDY and app.version == 1
    [intake] = history(app)
    assert (intake.seq, intake.event, intake.actor_id, intake.actor_unit) == (1, "intake", clerk.pk, "ccb")
    assert (intake.from_stage, intake.to_stage, intake.articles) == ("", Stage.SUBMITTED, ["R-12.2", "R-16.2"])
    assert_counts_match_reality()

    app = step_through(app, HOUSING_STEPS, django_capture_on_commit_callbacks)

    assert app.stage == Stage.FILED
    assert [r.event for r in history(app)] == ["intake", *HOUSING_STEPS]
    contract = Contract.objects.get(application=app)
    assert contract.filing_number == f"BA-{app.number}" and contract.filed_on == timezone.localdate()
    assert verify_chain(app) == []


@pytest.mark.parametrize("group", SUBSIDY_GROUPS, ids=lambda g: SHORT_CODE[g])
def test_a_subsidy_application_goes_from_intake_to_running_subsidy(group, allocation_round,
                                                                     django_capture_on_commit_callbacks):
    app = ApplicationFactory(round=allocation_round, group=group, subsidy=True)
    app = step_through(app, SUBSIDY_STEPS, django_capture_on_commit_callbacks)

    assert app.stage == Stage.SUBSIDY_RUNNING
    subsidy = Subsidy.objects.get(application=app)
    # a master's graduate gets 1,000 a month whatever Finance types; C2 gets the entered standard.
    assert subsidy.monthly_amount == (Decimal("1000.00") if group in TALENT_GROUPS else Decimal("800.00"))
    assert subsidy.start_month == timezone.localdate().replace(day=1)
    assert verify_chain(app) == []


def test_a_housing_application_gets_no_subsidy_and_a_subsidy_application_no_home(allocation_round):
    home = advance(ApplicationFactory(round=allocation_round, c4=True), Stage.ANNOUNCED)
    cash = advance(ApplicationFactory(round=allocation_round, c4=True, subsidy=True), Stage.ANNOUNCED)
    with pytest.raises(StageNotAllowed):
        take("start_subsidy", home)
    with pytest.raises(StageNotAllowed):
        take("issue_selection_notice", cash)
    assert (reload(home).stage, reload(cash).stage) == (Stage.ANNOUNCED, Stage.ANNOUNCED)
    assert not Subsidy.objects.exists()


# --- R-16.c: no stage can be skipped ------------------------------------------------------------------
REACHABLE = [s for s in Stage.values if s != Stage.WITHDRAWN]


@pytest.mark.parametrize("stage", REACHABLE)
def test_no_stage_can_be_skipped(stage, allocation_round):
    """From each stage, every step that does not start there is refused, even to the unit that holds it."""
    form = Form.SUBSIDY if stage == Stage.SUBSIDY_RUNNING else Form.PUBLIC_RENTAL
    app = advance(ApplicationFactory(round=allocation_round, c4=True, form=form), stage)
    # A transition with several sources (give_up, SPEC §13) is listed once per source.
    allowed_here = {t.name for t in Application._meta.get_field("stage").get_all_transitions(Application)
                    if t.source == stage} | {"withdraw"} & ({"withdraw"} if stage in WITHDRAWABLE else set())
    for name in DUTIES:
        if name in allowed_here:
            continue
        before = reload(app)
        with pytest.raises(StageNotAllowed):
            take_step(actor=actor_for(name, app.group), application=before, step=name,
                      expected_version=before.version)
        after = reload(app)
        assert (after.stage, after.version, len(history(after))) == (before.stage, before.version, len(history(before)))
    assert_counts_match_reality()


def test_a_review_cannot_be_concluded_before_its_stage_and_records_nothing(application):
    with pytest.raises(StageNotAllowed):
        take("approve_eligibility", application)
    with pytest.raises(StageNotAllowed):
        take("pass_recheck", application)
    assert not ConditionDecision.objects.exists()
    assert reload(application).stage == Stage.SUBMITTED


def test_an_unknown_step_is_refused(application):
    with pytest.raises(StageNotAllowed):
        take_step(actor=staff("ccb", "clerk"), application=application, step="delete", expected_version=1)


# --- return for supplement and resubmit -------------------------------------------------------
def test_incomplete_materials_return_the_application_and_resubmission_brings_it_back(application):
    app = take("return_for_supplement", application, missing=("id_cards", "social_insurance"))
    assert app.stage == Stage.RETURNED
    review = FormalReview.objects.get(application=app)
    assert review.complete is False
    assert review.items["id_cards"] is False and review.items["application_form"] is True
    row = history(app)[-1]
    assert row.event == "return_for_supplement" and row.payload["missing"] == ["id_cards", "social_insurance"]
    assert "Resident ID cards" in row.reason or "身份证" in row.reason

    with pytest.raises(StageNotAllowed):  # the returned case waits for the applicant, not the reviewer
        take("pass_formal_review", app)

    app = take("resubmit", app)
    assert app.stage == Stage.SUBMITTED
    app = take("pass_formal_review", app)
    assert app.stage == Stage.SUBSTANTIVE_REVIEW
    assert [r.event for r in history(app)] == ["intake", "return_for_supplement", "resubmit", "pass_formal_review"]
    assert [r.complete for r in FormalReview.objects.filter(application=app).order_by("reviewed_at")] == [False, True]
    assert_counts_match_reality()


def test_a_material_not_ticked_at_all_counts_as_missing(application):
    clerk = staff("ccb", "clerk")
    ticked = {"application_form": True, "id_cards": True}  # the clerk ticked two boxes and left the rest
    hand_in(application, list(ticked), actor=clerk)
    app = reviews.conclude_formal_review(actor=clerk, application=application, expected_version=1, items=ticked)
    assert app.stage == Stage.RETURNED
    assert set(history(app)[-1].payload["missing"]) == set(REQUIRED[app.group]) - set(ticked)


# --- .d: a refusal cites the failed conditions --------------------------------------------
def test_a_refusal_cites_the_failed_conditions(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)
    app = take("refuse", app, failed=("R-HH.2", "R-20.2"), reason="社保缴费不足三年，配偶未列为共同申请人")

    assert app.stage == Stage.REFUSED
    row = history(app)[-1]
    assert row.event == "refuse"
    assert row.articles == ["R-20.2", "R-HH.2"]  # in the order the conditions are decided
    assert "R-20.2" in row.reason and "R-HH.2" in row.reason and "社保缴费不足三年" in row.reason
    assert row.payload["failed"] == ["R-20.2", "R-HH.2"]
    decided = dict(ConditionDecision.objects.filter(application=app).values_list("condition_id", "passed"))
    assert set(decided) == set(CONDITIONS_BY_GROUP[Group.NO_HOUSING])
    assert [cid for cid, passed in decided.items() if not passed] == ["R-20.2", "R-HH.2"]
    write_applicant_notice(history_id=row.pk)
    notice = ApplicantNotice.objects.get(history=row)
    # The applicant reads the articles as people cite them (the household conditions are Art. 20(6) for C3).
    assert "Art. 20(2), Art. 20(6)" in notice.message_en
    assert "第二十条第（二）项、第二十条第（六）项" in notice.message_zh
    assert "R-" not in notice.message_en + notice.message_zh
    assert_counts_match_reality()


def test_a_refusal_without_reason_or_with_an_undecided_condition_changes_nothing(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)
    reviewer = actor_for("refuse", app.group)
    decisions = {cid: (True, "核查") for cid in CONDITIONS_BY_GROUP[app.group]}
    decisions["R-20.2"] = (False, "社保不足")
    with pytest.raises(InvalidInput) as refused:
        reviews.conclude_substantive_review(actor=reviewer, application=app, expected_version=app.version,
                                            decisions=decisions, reason="")
    assert "reason" in refused.value.field_errors
    decisions["R-20.2"] = (None, "")
    with pytest.raises(InvalidInput) as undecided:
        reviews.conclude_substantive_review(actor=reviewer, application=app, expected_version=app.version,
                                            decisions=decisions, reason="x")
    assert "R-20.2" in undecided.value.field_errors
    assert reload(app).stage == Stage.SUBSTANTIVE_REVIEW
    assert not ConditionDecision.objects.filter(application=app).exists()


# --- R-16.b: withdrawal before the contract, not after ------------------------------------------------
@pytest.mark.parametrize("stage", WITHDRAWABLE)
def test_an_application_can_be_withdrawn_at_any_stage_before_the_contract(stage, allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c5=True, with_spouse=True), stage)
    rows_before = len(history(app))
    app = take("withdraw", app, reason="申请人书面申请撤回")
    assert app.stage == Stage.WITHDRAWN
    row = history(app)[-1]
    assert (row.event, row.from_stage, row.reason, row.actor_unit) == ("withdraw", stage, "申请人书面申请撤回", "ccb")
    # The record stays: household and the whole history are kept.
    assert len(history(app)) == rows_before + 1
    assert HouseholdMember.objects.filter(application=app).count() == 2
    assert verify_chain(app) == []
    assert_counts_match_reality()


@pytest.mark.parametrize("stage", [Stage.CONTRACTED, Stage.FILED])
def test_an_application_cannot_be_withdrawn_after_the_contract(stage, allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c3=True), stage)
    with pytest.raises(StageNotAllowed):
        take("withdraw", app)
    assert reload(app).stage == stage


def test_a_withdrawal_needs_the_applicants_reason(application):
    with pytest.raises(InvalidInput):
        case_steps.withdraw_application(actor=staff("ccb", "clerk"), application=application, expected_version=1, reason=" ")
    assert reload(application).stage == Stage.SUBMITTED


# --- notice, objections, announcement ------------------------------------------------
def _two_in_notice(round_, group=Group.NO_HOUSING):
    a = advance(ApplicationFactory(round=round_, group=group), Stage.RECHECKED)
    b = advance(ApplicationFactory(round=round_, group=group), Stage.RECHECKED)
    notice = publicity.publish_public_notice(actor=staff("ccb", "clerk"), round=round_, group=group)
    return reload(a), reload(b), notice


def test_the_notice_publishes_every_rechecked_application_of_the_group(allocation_round):
    a, b, notice = _two_in_notice(allocation_round)
    assert set(notice.entries.all()) == {a, b}
    assert notice.starts_on == timezone.localdate()
    assert notice.ends_on == notice.starts_on + datetime.timedelta(days=7 - 1)  # the shipped version: 7 days
    assert a.stage == b.stage == Stage.PUBLIC_NOTICE and a.notice_ends_on == notice.ends_on
    assert history(a)[-1].payload["notice_ends_on"] == notice.ends_on.isoformat()


def test_the_list_cannot_be_announced_before_the_notice_period_ends(allocation_round, clock):
    a, b, notice = _two_in_notice(allocation_round)
    clerk = staff("ccb", "clerk")
    for day in (notice.starts_on, notice.ends_on):  # the last day still belongs to the period
        clock.travel_to(day)
        with pytest.raises(NoticeNotOver):
            publicity.announce_notice(actor=clerk, notice=notice)
        with pytest.raises(StageNotAllowed):  # the FSM condition holds even without the notice service
            take_step(actor=clerk, application=reload(a), step="announce", expected_version=reload(a).version)
        assert {reload(a).stage, reload(b).stage} == {Stage.PUBLIC_NOTICE}

    clock.travel_to(notice.ends_on + datetime.timedelta(days=1))
    assert publicity.announce_notice(actor=clerk, notice=notice) == 2
    assert {reload(a).stage, reload(b).stage} == {Stage.ANNOUNCED}
    assert_counts_match_reality()


def test_the_list_cannot_be_announced_while_an_objection_is_open(allocation_round, clock):
    a, b, notice = _two_in_notice(allocation_round)
    a = take("freeze_for_objection", a)
    assert a.stage == Stage.FROZEN
    clerk = staff("ccb", "clerk")
    clock.travel_to(notice.ends_on + datetime.timedelta(days=1))

    with pytest.raises(ObjectionsOpen):
        publicity.announce_notice(actor=clerk, notice=notice)
    assert (reload(a).stage, reload(b).stage) == (Stage.FROZEN, Stage.PUBLIC_NOTICE)

    a = take("dismiss_objection", a)
    assert publicity.announce_notice(actor=clerk, notice=notice) == 2
    assert {reload(a).stage, reload(b).stage} == {Stage.ANNOUNCED}


def test_an_upheld_objection_removes_the_entry_from_the_list(allocation_round, clock):
    a, b, notice = _two_in_notice(allocation_round, group=Group.ENTERPRISE_TALENT)
    a = take("freeze_for_objection", a)
    objection = Objection.objects.get(application=a)
    assert objection.receipt_number.startswith("YY-") and objection.status == Objection.Status.OPEN
    reviewer = staff("econ_services", "reviewer")  # the responsible unit investigates
    publicity.decide_objection(actor=reviewer, objection=objection, expected_version=a.version, upheld=True,
                               reason="经查申请人名下有房产", answer="异议成立，已取消其资格")

    a = reload(a)
    assert a.stage == Stage.REMOVED_ON_OBJECTION
    objection.refresh_from_db()
    assert (objection.status, objection.decided_by, objection.decision_reason) == (
        Objection.Status.UPHELD, reviewer, "经查申请人名下有房产")
    row = history(a)[-1]
    assert (row.event, row.actor_unit, row.articles, row.reason) == (
        "uphold_objection", "econ_services", ["R-16.6"], "经查申请人名下有房产")

    clock.travel_to(notice.ends_on + datetime.timedelta(days=1))
    assert publicity.announce_notice(actor=staff("ccb", "clerk"), notice=notice) == 1
    assert (reload(a).stage, reload(b).stage) == (Stage.REMOVED_ON_OBJECTION, Stage.ANNOUNCED)
    assert_counts_match_reality()


def test_an_objection_not_upheld_returns_the_entry_to_the_list(allocation_round):
    a, _b, _notice = _two_in_notice(allocation_round)
    a = take("freeze_for_objection", a)
    a = take("dismiss_objection", a, reason="经查不属实")
    assert a.stage == Stage.PUBLIC_NOTICE
    assert Objection.objects.get(application=a).status == Objection.Status.NOT_UPHELD
    assert [r.event for r in history(a)][-2:] == ["freeze_for_objection", "dismiss_objection"]


def _object(app, name="王五"):
    return publicity.record_objection(actor=staff("ccb", "clerk"), application=app, expected_version=app.version,
                                      objector_name=name, objector_contact="13700137000", reasons="收入不实")


def test_a_second_objection_joins_the_first_and_the_entry_stays_frozen_until_both_are_decided(allocation_round):
    a, _b, _notice = _two_in_notice(allocation_round)
    first = _object(a, "李四")
    a = reload(a)
    second = _object(a, "王五")  # anyone may object, also to an entry already under investigation
    a = reload(a)
    assert a.stage == Stage.FROZEN
    assert [r.event for r in history(a)][-2:] == ["freeze_for_objection", "objection_recorded"]
    assert history(a)[-1].payload == {"objection": second.receipt_number}

    a = take("dismiss_objection", a, objection=first)
    assert a.stage == Stage.FROZEN  # the second objection is still open
    assert history(a)[-1].event == "objection_decided"
    a = take("dismiss_objection", a, objection=second)
    assert a.stage == Stage.PUBLIC_NOTICE
    assert verify_chain(a) == []
    assert_counts_match_reality()


@pytest.mark.parametrize("end", ["uphold_objection", "withdraw"])
def test_an_open_objection_to_an_entry_that_left_the_list_can_still_be_decided(end, allocation_round, clock):
    """Otherwise the open objection would block the announcement of the whole list for ever (R-16.7)."""
    a, b, notice = _two_in_notice(allocation_round)
    first = _object(a, "李四")
    second = _object(reload(a), "王五")
    a = take(end, reload(a), objection=first)
    assert a.stage in (Stage.REMOVED_ON_OBJECTION, Stage.WITHDRAWN)
    clerk = staff("ccb", "clerk")
    clock.travel_to(notice.ends_on + datetime.timedelta(days=1))
    with pytest.raises(ObjectionsOpen):
        publicity.announce_notice(actor=clerk, notice=notice)

    still_open = list(Objection.objects.filter(application=a, status=Objection.Status.OPEN).order_by("id"))
    assert still_open == ([second] if end == "uphold_objection" else [first, second])
    for objection in still_open:
        version = reload(a).version
        decided = publicity.decide_objection(actor=actor_for("dismiss_objection", a.group), objection=objection,
                                             expected_version=version, upheld=False, reason="经查不属实",
                                             answer="异议不成立")
        assert decided.status == Objection.Status.NOT_UPHELD
        assert reload(a).stage == a.stage and reload(a).version == version + 1
        assert history(a)[-1].event == "objection_decided"
    assert publicity.announce_notice(actor=clerk, notice=notice) == 1
    assert reload(b).stage == Stage.ANNOUNCED


def test_an_objection_after_the_notice_period_is_refused(allocation_round, clock):
    a, _b, notice = _two_in_notice(allocation_round)
    clock.travel_to(notice.ends_on + datetime.timedelta(days=1))
    with pytest.raises(OutsideNoticePeriod):
        take("freeze_for_objection", a)
    assert reload(a).stage == Stage.PUBLIC_NOTICE and not Objection.objects.exists()


# --- R-16.d: notices to the applicant -----------------------------------------------------------------
def test_every_step_writes_one_notice_to_the_applicant_and_writing_it_again_writes_nothing(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round, c2=True), Stage.FILED)
    rows = history(app)
    assert len(rows) == 1 + len(HOUSING_STEPS)
    assert all(write_applicant_notice(history_id=row.pk) for row in rows)
    assert not any(write_applicant_notice(history_id=row.pk) for row in rows)
    assert ApplicantNotice.objects.filter(application=app).count() == len(rows)
    for notice in ApplicantNotice.objects.filter(application=app):
        assert app.number in notice.message_zh and app.number in notice.message_en
    assert write_applicant_notice(history_id=10**9) is False
