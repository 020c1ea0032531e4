"""The statistics' monthly counters kept with each step equal a recount from the history (docs/decisions/0036)."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from housing.cases.workflow import take_step
from housing.models import StageMonthCount, StageStayCount
from housing.review.services.intake import enter_applications
from housing.stages import Stage
from housing.statistics.counters_check import differences, recount
from tests.factories import AllocationRoundFactory, ApplicationFactory, actor_for, reload, staff
from tests.factories.applications import IntakeDataFactory
from tests.factories.workflow import advance

pytestmark = pytest.mark.django_db


class RolledBack(Exception):
    pass


@pytest.fixture
def steps_taken():
    """Steps over two months (a notice begun forty days ago), an employer's roster of three, a step rolled back."""
    round_ = AllocationRoundFactory()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=40), tick=True):
        early = advance(ApplicationFactory(round=round_), Stage.RECHECKED)
    apps = [advance(early, Stage.UNIT_SELECTED)]
    apps += [advance(ApplicationFactory(round=round_), Stage.SUBSTANTIVE_REVIEW),
             ApplicationFactory(round=round_, c4=True)]
    apps += [advance(ApplicationFactory(round=round_, c2=True), Stage.REFUSED)]
    apps += enter_applications(actor=staff("ccb", "clerk"), datas=IntakeDataFactory.build_batch(3, round=round_))
    before = reload(apps[1])
    with pytest.raises(RolledBack), transaction.atomic():
        take_step(actor=actor_for("approve_eligibility", before.group), application=before,
                  step="approve_eligibility", expected_version=before.version, record=lambda a: None)
        raise RolledBack()
    return apps


def test_the_counters_equal_a_recount_from_the_history(steps_taken):
    assert differences() == []
    entered = StageMonthCount.objects.aggregate(n=Sum("entered"))["n"]
    # intake of 4 + 3, then: 8 steps to a chosen home, 1 to substantive review, 2 to a refusal
    assert entered == 7 + 8 + 1 + 2
    stays = {s: n for s, n in StageStayCount.objects.values_list("stage").annotate(n=Sum("stays"))}
    assert stays == {Stage.PUBLIC_NOTICE: 1, Stage.ANNOUNCED: 1}
    notice = StageStayCount.objects.get(stage=Stage.PUBLIC_NOTICE)
    assert notice.days_begun >= 1 and notice.longest_days == notice.total_days


def test_the_check_reports_a_counter_changed_behind_the_steps_and_the_fix_mends_it(steps_taken, capsys):
    StageMonthCount.objects.filter(stage=Stage.SUBMITTED).update(entered=F("entered") + 1)
    with pytest.raises(SystemExit):
        call_command("check_statistics_counters")
    assert "kept" in capsys.readouterr().out
    assert len(differences()) == StageMonthCount.objects.filter(stage=Stage.SUBMITTED).count()
    call_command("check_statistics_counters", "--fix")
    assert differences() == []
    call_command("check_statistics_counters")
    assert "match" in capsys.readouterr().out


def test_a_recount_rewrites_the_same_counters(steps_taken):
    kept = sorted(StageMonthCount.objects.values_list("round_id", "group", "form", "stage", "month", "entered"))
    recount()
    assert sorted(StageMonthCount.objects.values_list("round_id", "group", "form", "stage", "month", "entered")) == kept


def test_an_application_carried_into_the_next_round_takes_its_entries_with_it():
    """Art. 16(3): the round's ranking proposed one of two; the other is ranked with the next round."""
    from housing.ranking.services import propose_ranked, rank_round
    from tests.factories import MemberFactory
    from tests.factories.plan import approved_plan_with_homes

    approved_plan_with_homes(timezone.localdate().year)
    round_1 = AllocationRoundFactory()
    for year in (2005, 2006):
        member = MemberFactory(hukou_since=datetime.date(year, 1, 1),
                               first_social_insurance_date=datetime.date(year, 1, 1))
        advance(ApplicationFactory(round=round_1, members=[member]), Stage.ELIGIBLE)
    reviewer = staff("ccb", "reviewer")
    ranking = rank_round(actor=reviewer, round=round_1, group="no_housing", seed="S", rule_text="rule", unit_quota=1)
    propose_ranked(actor=reviewer, ranking=ranking)
    round_2 = AllocationRoundFactory()
    rank_round(actor=reviewer, round=round_2, group="no_housing", seed="S", rule_text="rule")
    assert differences() == []
    assert StageMonthCount.objects.filter(round=round_2, stage=Stage.ELIGIBLE).aggregate(n=Sum("entered"))["n"] == 1


def test_the_subsidy_counts_follow_a_batch_and_a_stop_that_takes_a_payment_out():
    from housing.rules.dates import first_of_month, next_month
    from housing.statistics.counters_check import payment_differences
    from housing.subsidies.services import prepare_batch, stop_subsidy
    from housing.models import SubsidyMonthCount
    from tests.factories.subsidies import running_subsidy

    month = first_of_month(timezone.localdate())
    subsidies = [running_subsidy(start_month=month) for _ in range(2)]
    prepare_batch(actor=staff("finance", "clerk"), month=month)
    prepare_batch(actor=staff("finance", "clerk"), month=next_month(month))
    stop_subsidy(actor=staff("finance", "reviewer"), subsidy=subsidies[0], from_month=next_month(month),
                 reason="持有人书面申请终止补贴")
    assert payment_differences() == []
    kept = dict(SubsidyMonthCount.objects.values_list("month").annotate(n=Sum("payees")))
    assert (kept[month], kept[next_month(month)]) == (2, 1)
