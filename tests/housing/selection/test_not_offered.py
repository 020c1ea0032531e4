"""Running out of quota or homes is not a give-up (R-16.8c, R-17, SPEC §13; docs/decisions/0040).

A household called when its employer's quota is used up, or when no home of its form and type is left, is recorded
as not offered, with its reason: no give-up, its stage and notice kept, the session moves on, and the give-up
limit of three is not reached by such turns.
"""

import pytest
from django.urls import reverse

from housing.exceptions import EmployerQuotaReached
from housing.groups import Group
from housing.models import GiveUp
from housing.review.services.intake import register_application
from housing.selection import services as selection_day
from housing.selection.not_offered import EMPLOYER_QUOTA, NO_HOME, not_offered_in
from housing.selection.selectors import give_up_count
from housing.stages import Stage
from tests.factories import (
    AllocationRoundFactory, EmployerDataFactory, IntakeDataFactory, make_credit_code, reload, take,
)
from tests.factories.selection import homes, household, selection_clerk, set_policy, with_notices
from tests.support.confirmations import through

pytestmark = pytest.mark.django_db
TALENTS = Group.INSTITUTION_TALENT


@pytest.fixture
def round_():
    return AllocationRoundFactory(groups=[Group.NO_HOUSING, TALENTS])


def session_of(round_, group):
    return selection_day.open_session(actor=selection_clerk(), round_id=round_.pk, group=group)


def call(session):
    called = selection_day.call_next(actor=selection_clerk(), session=session)
    session.refresh_from_db()
    return called


def choose(app, home, session):
    return selection_day.choose_home(actor=selection_clerk(), application=app, expected_version=reload(app).version,
                                     unit=home, session=session)


def not_present(app, session, note=""):
    return selection_day.record_no_show(actor=selection_clerk(), session=session, application=reload(app),
                                        expected_version=reload(app).version, note=note)


def test_no_home_of_its_type_left_is_not_offered_not_a_give_up(round_):
    first, second, third = with_notices(round_, ranks=(1, 2, 3))
    home, = homes(1)
    session = session_of(round_, Group.NO_HOUSING)
    assert call(session) == first
    choose(first, home, session)
    assert call(session) == second
    not_present(second, session)
    assert not GiveUp.objects.filter(application=second).exists()
    assert reload(second).stage == Stage.SELECTION
    row = reload(second).history.order_by("-seq").first()
    assert (row.event, row.payload["reason"]) == ("not_offered", NO_HOME)
    assert "No available home" in row.reason
    assert call(session) == third  # the session moves on; the household is not called again in it
    assert list(not_offered_in(session)) == [reload(second)]


def test_an_employers_quota_used_up_is_not_offered_not_a_give_up(round_):
    set_policy(employer_quota_cap=1)
    employer = EmployerDataFactory(credit_code=make_credit_code(700), kind="public_institution")
    first, second = with_notices(round_, TALENTS, ranks=(1, 2), employer=employer)
    home_a, home_b = homes(2)
    session = session_of(round_, TALENTS)
    assert call(session) == first
    choose(first, home_a, session)
    assert call(session) == second
    with pytest.raises(EmployerQuotaReached):
        choose(second, home_b, session)
    not_present(second, session)
    assert not GiveUp.objects.filter(application=second).exists()
    assert reload(second).history.order_by("-seq").first().payload["reason"] == EMPLOYER_QUOTA
    assert call(session) is None


def test_a_household_that_could_have_chosen_and_did_not_still_gives_up(round_):
    first, = with_notices(round_, ranks=(1,))
    homes(1)
    session = session_of(round_, Group.NO_HOUSING)
    call(session)
    not_present(first, session)
    assert reload(first).stage == Stage.GAVE_UP
    assert GiveUp.objects.get(application=first).kind == GiveUp.Kind.NO_SHOW


def test_rounds_without_a_home_to_offer_do_not_reach_the_give_up_limit(round_):
    """SPEC §13: three give-ups bar further rounds; three turns with nothing to offer count none."""
    person = household(1)[0]
    for _ in range(3):
        round_n = AllocationRoundFactory(groups=[Group.NO_HOUSING])
        app, = with_notices(round_n, ranks=(1,), members=[dict(person)])
        session = session_of(round_n, Group.NO_HOUSING)
        assert call(session) == app
        not_present(app, session)
        # The household keeps its place; it leaves this test's way by withdrawing, which is no give-up either.
        selection_day.close_session(actor=selection_clerk(), session=session)
        take("withdraw", reload(app))
    assert give_up_count(person["id_number"]) == 0
    data = IntakeDataFactory(members=[dict(person)])
    assert register_application(actor=selection_clerk(), data=data).stage == Stage.SUBMITTED


def test_the_session_page_says_not_offered(round_, portal):
    first, second = with_notices(round_, ranks=(1, 2))
    portal.login(selection_clerk())
    session = session_of(round_, Group.NO_HOUSING)
    call(session)
    url = reverse("housing:selection_no_show", args=[session.pk])
    response = through(portal, portal.post(url, {"application": first.number, "version": reload(first).version,
                                                 "note": ""}), url)
    assert response.status_code == 302
    page = portal.get(response.url).content.decode()
    assert "recorded as not offered, not as a give-up" in page
    assert reload(first).stage == Stage.SELECTION


def test_calling_again_after_not_offered_is_not_refused(round_):
    first, second = with_notices(round_, ranks=(1, 2))
    session = session_of(round_, Group.NO_HOUSING)
    call(session)
    not_present(first, session)
    assert call(session) == second
