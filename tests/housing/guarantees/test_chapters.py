"""R-3.2 (Art. 3): ranking, selection, the contract and the subsidy's start refuse a household whose person already
holds a guarantee, naming the other application; a ranking with an unresolved flagged set is refused, naming it."""

import datetime

import pytest
from django.utils import timezone

from housing.exceptions import InvalidInput
from housing.groups import Form, Group
from housing.guarantees import services
from housing.models import FlaggedSet, Ranking
from housing.ranking.services import rank_round
from housing.selection import contracts
from housing.stages import Stage
from housing.subsidies import start as subsidy_start
from tests.factories import ApplicationFactory, advance, make_id_number, reload, take
from tests.factories.staff import actor_for, staff
from tests.factories.workflow import home_for
from tests.housing.guarantees.conftest import HOLDERS, plant

pytestmark = pytest.mark.django_db


def person(n: int) -> str:
    return make_id_number(birth=datetime.date(1986, 6, 1) + datetime.timedelta(days=n), order=888)


def rank(round_, group=Group.NO_HOUSING):
    return rank_round(actor=actor_for("propose", group), round=round_, group=group, seed="20260101-公证",
                      rule_text="按轮候时间排序")


@pytest.mark.parametrize("relation", ["applicant", "spouse", "child"])
def test_a_ranking_with_two_places_of_one_person_is_refused_naming_the_set(round_with_homes, relation):
    """The same person twice on one list (old data): the ranking flags them and refuses until a head decides."""
    one = advance(ApplicationFactory(round=round_with_homes), Stage.ELIGIBLE)
    two = advance(ApplicationFactory(round=round_with_homes), Stage.ELIGIBLE)
    plant(two, relation, one.applicant_id_number)
    with pytest.raises(InvalidInput) as refused:
        rank(round_with_homes)
    message = str(refused.value.message)
    assert one.number in message and two.number in message and "Art. 3" in message
    assert not Ranking.objects.exists()
    flagged = FlaggedSet.objects.get()
    services.resolve_flagged_set(actor=staff("ccb", "head"), flagged_set=flagged, outcome="keep_one",
                                 kept=reload(one), reason="同一人两次申请，保留先申请者")
    assert reload(two).stage == Stage.WITHDRAWN
    assert rank(round_with_homes).entries.count() == 1


def test_a_resolved_set_where_both_stand_lets_the_ranking_run(round_with_homes):
    one = advance(ApplicationFactory(round=round_with_homes), Stage.ELIGIBLE)
    two = advance(ApplicationFactory(round=round_with_homes), Stage.ELIGIBLE)
    plant(two, "child", one.applicant_id_number)
    with pytest.raises(InvalidInput):
        rank(round_with_homes)
    services.resolve_flagged_set(actor=staff("ccb", "head"), flagged_set=FlaggedSet.objects.get(),
                                 outcome="both_stand", reason="子女已成年另立户，经核实")
    assert rank(round_with_homes).entries.count() == 2


@pytest.mark.parametrize("holder", ["home let", "home bought", "subsidy"])
def test_a_ranking_whose_candidate_holds_a_guarantee_elsewhere_is_refused(round_with_homes, holder):
    candidate = advance(ApplicationFactory(round=round_with_homes), Stage.ELIGIBLE)
    held = HOLDERS[holder]()
    plant(candidate, "spouse", held.applicant_id_number)
    with pytest.raises(InvalidInput) as refused:
        rank(round_with_homes)
    assert held.number in str(refused.value.message) and candidate.number in str(refused.value.message)


def test_a_ranking_without_duplicates_runs_and_flags_nothing(round_with_homes):
    advance(ApplicationFactory(round=round_with_homes), Stage.ELIGIBLE)
    advance(ApplicationFactory(round=round_with_homes), Stage.ELIGIBLE)
    assert rank(round_with_homes).entries.count() == 2
    assert not FlaggedSet.objects.exists()


@pytest.mark.parametrize("holder", ["home let", "home bought", "subsidy"])
def test_selection_is_refused_to_a_person_holding_a_guarantee(holder):
    app = advance(ApplicationFactory(), Stage.SELECTION)
    held = HOLDERS[holder]()
    plant(app, "spouse", held.applicant_id_number)
    with pytest.raises(InvalidInput) as refused:
        contracts.record_selection(actor=actor_for("record_selection", app.group), application=app,
                                   expected_version=app.version, unit=home_for(app))
    assert held.number in str(refused.value.message) and "Art. 3" in str(refused.value.message)
    assert reload(app).stage == Stage.SELECTION


def test_two_leases_for_one_person_the_second_contract_is_refused():
    """The walk's two filed leases: both chose a home before the duplicate was seen; the first signs, the second
    is refused naming the first."""
    first = advance(ApplicationFactory(), Stage.UNIT_SELECTED)
    second = advance(ApplicationFactory(), Stage.UNIT_SELECTED)
    plant(second, "applicant", first.applicant_id_number)
    first = take("sign_contract", first)
    assert first.stage == Stage.CONTRACTED
    with pytest.raises(InvalidInput) as refused:
        take("sign_contract", second)
    assert first.number in str(refused.value.message)
    assert reload(second).stage == Stage.UNIT_SELECTED


@pytest.mark.parametrize("holder", ["home let", "home bought", "subsidy"])
def test_a_subsidy_does_not_start_for_a_person_holding_a_guarantee(holder):
    app = advance(ApplicationFactory(group=Group.ENTERPRISE_TALENT, form=Form.SUBSIDY), Stage.ANNOUNCED)
    held = HOLDERS[holder]()
    plant(app, "spouse", held.applicant_id_number)
    with pytest.raises(InvalidInput) as refused:
        subsidy_start.start_subsidy(actor=actor_for("start_subsidy", app.group), application=app,
                                    expected_version=app.version, start_month=timezone.localdate().replace(day=1))
    assert held.number in str(refused.value.message)
    assert reload(app).stage == Stage.ANNOUNCED


def test_a_person_with_a_closed_application_elsewhere_may_sign():
    app = advance(ApplicationFactory(), Stage.UNIT_SELECTED)
    gone = ApplicationFactory()
    take("withdraw", gone)
    plant(reload(gone), "spouse", app.applicant_id_number)
    assert take("sign_contract", app).stage == Stage.CONTRACTED
