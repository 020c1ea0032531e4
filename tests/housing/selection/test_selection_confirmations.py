"""Issuing the selection notices (R-16.8a), recording that the household called did not select (SPEC §13 弃选) and
closing the selection day (R-16.8c) are stated first and done only once exactly that is confirmed
(docs/decisions/0047)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.groups import Group
from housing.models import GiveUp, SelectionNotice, SelectionSession
from housing.selection import contracts
from housing.selection import services as selection_day
from housing.selection.not_offered import not_offered_in
from housing.stages import Stage
from housing.stock.services import send_unit_to_repair
from publicity.models import PublicNotice
from tests.factories import AllocationRoundFactory, reload, staff
from tests.factories.selection import announced, calling, homes, selection_clerk, set_policy, with_notices
from tests.support.confirmations import confirm, confirmation_text, is_confirmation

pytestmark = pytest.mark.django_db
PLACE = "龙华区住房保障服务大厅"
DAY = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
FORGED = [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "0" * 32}]


@pytest.fixture
def round_():
    return AllocationRoundFactory(groups=[Group.NO_HOUSING])


def notices_url(round_):
    return reverse("housing:selection_notices", args=[round_.pk, Group.NO_HOUSING])


def session_url(name, session):
    return reverse(f"housing:{name}", args=[session.pk])


def entries_of(text):
    """The confirmation's table of entries."""
    start = text.index('id="confirmation-entries"')
    return text[start:text.index("</table>", start)]


def rows_in_order(text, *numbers):
    return all(text.index(a) < text.index(b) for a, b in zip(numbers, numbers[1:]))


# --- issuing the selection notices (R-16.8a) ---------------------------------------------------------


def test_issuing_states_each_household_with_the_order_the_service_gives_and_issues_nothing(portal, round_):
    first, second, third = announced(round_, ranks=(1, 2, 3))
    # One notice went out from the application page already: the list continues from number 2.
    contracts.issue_selection_notice(actor=selection_clerk(), application=first, expected_version=first.version)
    portal.login(selection_clerk())
    response = portal.post(notices_url(round_), {"selection_date": DAY, "place": f"  {PLACE} "})
    text = confirmation_text(response)
    assert f"Issue the selection notices: {Group.NO_HOUSING.label}, {round_}" in text
    assert "2 households of this list receive their selection notices now" in text
    assert f"on {DAY} at {PLACE}, in the order below (Art. 16(8))" in text
    assert "Notices issued earlier for this list" in text and "2 to 3" in text
    entries = entries_of(text)
    assert first.number not in entries and rows_in_order(entries, second.number, third.number)
    assert second.applicant_name in entries and third.applicant_name in entries
    assert entries.count(PLACE) == 2 and entries.count(DAY) == 2
    assert "called in this order" in text and "sent a message" in text
    assert f'href="{notices_url(round_)}"' in response.content.decode()
    assert SelectionNotice.objects.count() == 1 and reload(second).stage == Stage.ANNOUNCED


def test_a_confirmed_issue_sends_the_notices_in_order(portal, round_):
    second, first = announced(round_, ranks=(2, 1))
    portal.login(selection_clerk())
    url = notices_url(round_)
    response = confirm(portal, portal.post(url, {"selection_date": DAY, "place": PLACE}), url)
    assert response.status_code == 302
    issued = [(n.application_id, n.order, n.selection_date.isoformat(), n.place)
              for n in SelectionNotice.objects.order_by("order")]
    assert issued == [(first.pk, 1, DAY, PLACE), (second.pk, 2, DAY, PLACE)]
    assert reload(first).stage == reload(second).stage == Stage.SELECTION


@pytest.mark.parametrize("forged", FORGED)
def test_issuing_without_a_true_confirmation_issues_nothing(portal, round_, forged):
    app, = announced(round_)
    portal.login(selection_clerk())
    response = portal.post(notices_url(round_), {"selection_date": DAY, "place": PLACE, **forged})
    assert is_confirmation(response)
    assert not SelectionNotice.objects.exists() and reload(app).stage == Stage.ANNOUNCED


def test_a_confirmation_of_notices_that_changed_meanwhile_is_refused(portal, round_):
    first, second = announced(round_, ranks=(1, 2))
    portal.login(selection_clerk())
    url = notices_url(round_)
    shown = portal.post(url, {"selection_date": DAY, "place": PLACE})
    assert "2 households" in confirmation_text(shown)
    # Meanwhile another clerk issues the first household's notice from its application page.
    contracts.issue_selection_notice(actor=selection_clerk(), application=first, expected_version=first.version)
    response = confirm(portal, shown, url)
    assert response.status_code == 409
    text = confirmation_text(response)
    assert "has changed in the meantime" in text and "1 household of this list receives" in text
    assert list(SelectionNotice.objects.values_list("application_id", flat=True)) == [first.pk]
    assert confirm(portal, response, url).status_code == 302
    assert SelectionNotice.objects.get(application=second).order == 2


def test_a_refused_issue_is_refused_before_any_confirmation(portal, round_):
    app, = announced(round_)
    # The announcement period (7 days) still runs: notices are refused as before, with the reason.
    PublicNotice.objects.filter(entries=app).update(announced_at=timezone.now() - datetime.timedelta(days=6))
    portal.login(selection_clerk())
    response = portal.post(notices_url(round_), {"selection_date": DAY, "place": PLACE})
    assert not is_confirmation(response) and "announcement period" in response.content.decode()
    for user, status in ((staff("ccb", "reviewer"), 403), (staff("finance", "clerk"), 404)):
        portal.login(user)
        assert portal.post(notices_url(round_), {"selection_date": DAY, "place": PLACE}).status_code == status
    assert not SelectionNotice.objects.exists()


# --- the household called did not select (SPEC §13 弃选) ---------------------------------------------


def no_show(portal, session, application, note="未按通知时间到场"):
    return portal.post(session_url("selection_no_show", session),
                       {"application": application.number, "version": reload(application).version, "note": note})


def test_a_no_show_states_the_give_up_and_who_comes_next_and_records_nothing(portal, round_):
    first, second = with_notices(round_, ranks=(1, 2))
    homes(1)
    session = calling(round_)
    portal.login(selection_clerk())
    response = no_show(portal, session, first)
    text = confirmation_text(response)
    assert f"Record that {first.applicant_name} did not select in its turn (弃选)" in text
    assert f"application {first.number}, number 1 in the order of selection" in text
    assert "gives up its turn in this round (弃选)" in text and "stays on record" in text
    assert "未按通知时间到场" in text
    assert "after 3 give-ups no further application" in text
    assert f"<dt>Next to be called</dt><dd>2 · {second.number} · {second.applicant_name}</dd>" in text
    assert f'href="{session_url("selection_session", session)}"' in response.content.decode()
    assert reload(first).stage == Stage.SELECTION and not GiveUp.objects.exists()
    session.refresh_from_db()
    assert session.current_id == first.pk


def test_a_confirmed_no_show_is_a_give_up(portal, round_):
    first, = with_notices(round_, ranks=(1,))
    homes(1)
    session = calling(round_)
    portal.login(selection_clerk())
    url = session_url("selection_no_show", session)
    shown = no_show(portal, session, first)
    assert "No other household of this list is left to call" in confirmation_text(shown)
    assert confirm(portal, shown, url).status_code == 302
    assert reload(first).stage == Stage.GAVE_UP
    assert GiveUp.objects.get(application=first).note == "未按通知时间到场"


def test_the_last_give_up_before_the_limit_says_so(portal, round_):
    set_policy(give_up_limit=1)
    first, = with_notices(round_, ranks=(1,))
    homes(1)
    session = calling(round_)
    portal.login(selection_clerk())
    text = confirmation_text(no_show(portal, session, first))
    assert "reaches the limit of 1 give-ups: no further application of the applicant is accepted" in text


def test_with_no_home_left_the_statement_says_not_offered(portal, round_):
    first, second = with_notices(round_, ranks=(1, 2))
    session = calling(round_)  # no home in the stock
    portal.login(selection_clerk())
    url = session_url("selection_no_show", session)
    shown = no_show(portal, session, first)
    text = confirmation_text(shown)
    assert f"No home can be offered to {first.applicant_name}" in text
    assert "No available home of the household's form" in text
    assert "not as having given up its turn" in text and "Nothing is counted against the applicant" in text
    assert "gives up its turn in this round" not in text
    assert second.number in text
    assert confirm(portal, shown, url).status_code == 302
    assert list(not_offered_in(session)) == [reload(first)] and not GiveUp.objects.exists()
    assert reload(first).stage == Stage.SELECTION


@pytest.mark.parametrize("forged", FORGED)
def test_a_no_show_without_a_true_confirmation_records_nothing(portal, round_, forged):
    first, = with_notices(round_, ranks=(1,))
    homes(1)
    session = calling(round_)
    portal.login(selection_clerk())
    response = portal.post(session_url("selection_no_show", session),
                           {"application": first.number, "version": first.version, "note": "", **forged})
    assert is_confirmation(response)
    assert reload(first).stage == Stage.SELECTION and not GiveUp.objects.exists()


def test_a_no_show_confirmed_after_the_last_home_went_is_refused(portal, round_):
    first, = with_notices(round_, ranks=(1,))
    home, = homes(1)
    session = calling(round_)
    portal.login(selection_clerk())
    url = session_url("selection_no_show", session)
    shown = no_show(portal, session, first)
    assert "gives up its turn" in confirmation_text(shown)
    # Meanwhile the last home is sent to repair: no home could be offered, so it is no give-up any more.
    send_unit_to_repair(actor=selection_clerk(), unit_id=home.pk, expected_version=home.version, reason="漏水")
    response = confirm(portal, shown, url)
    assert response.status_code == 409
    text = confirmation_text(response)
    assert "has changed in the meantime" in text and f"No home can be offered to {first.applicant_name}" in text
    assert reload(first).stage == Stage.SELECTION and not GiveUp.objects.exists()
    assert not not_offered_in(session).exists()


def test_a_refused_no_show_is_refused_before_any_confirmation(portal, round_):
    first, = with_notices(round_, ranks=(1,))
    homes(1)
    session = calling(round_)
    for user, status in ((staff("ccb", "reviewer"), 403), (staff("finance", "clerk"), 404)):
        portal.login(user)
        assert no_show(portal, session, first).status_code == status
    # A stale version is refused as before, with no statement.
    portal.login(selection_clerk())
    response = portal.post(session_url("selection_no_show", session),
                           {"application": first.number, "version": first.version - 1, "note": ""})
    assert not is_confirmation(response) and response.status_code == 409
    assert reload(first).stage == Stage.SELECTION and not GiveUp.objects.exists()


# --- closing the selection day (R-16.8c) -------------------------------------------------------------


@pytest.fixture
def day_half_done(round_):
    """Six households, two homes: 1 and 3 chose, 2 did not come (弃选), 4 could not be offered a home, 5 is called
    now with nothing recorded, 6 is not yet called."""
    apps = with_notices(round_, ranks=(1, 2, 3, 4, 5, 6))
    home_a, home_b = homes(2)
    clerk = selection_clerk()
    session = calling(round_)

    def turn(application, home=None):
        if home is not None:
            selection_day.choose_home(actor=clerk, application=application, unit=home, session=session,
                                      expected_version=reload(application).version)
        else:
            selection_day.record_no_show(actor=clerk, session=session, application=reload(application),
                                         expected_version=reload(application).version)
        selection_day.call_next(actor=clerk, session=session)

    turn(apps[0], home_a)
    turn(apps[1])
    turn(apps[2], home_b)
    turn(apps[3])
    session.refresh_from_db()
    assert session.current_id == apps[4].pk
    return session, apps


def test_closing_states_the_counts_and_records_nothing(portal, day_half_done, round_):
    session, apps = day_half_done
    portal.login(selection_clerk())
    url = session_url("selection_close", session)
    response = portal.post(url)
    text = confirmation_text(response)
    assert f"Close the selection session: {Group.NO_HOUSING.label}, {round_}" in text
    opened = timezone.localdate(session.opened_at).isoformat()
    assert f"The selection session opened on {opened} is closed, with 2 homes chosen in it." in text
    facts = text[text.index('id="confirmation-facts"'):text.index('id="confirmation-entries"')]
    for label, count in (("Homes chosen in this session", 2), ("Did not select in their turn (弃选)", 1),
                         ("Not offered a home (not a give-up)", 1), ("Not yet called", 1)):
        assert f"<dt>{label}</dt><dd>{count}</dd>" in facts
    assert f"{apps[4].applicant_name}, called now, has neither chosen nor been recorded" in text
    assert "Nothing is recorded for the 3 households still to select" in text
    entries = entries_of(text)
    assert rows_in_order(entries, apps[3].number, apps[4].number, apps[5].number)
    assert apps[0].number not in entries and apps[1].number not in entries
    assert f'href="{session_url("selection_session", session)}"' in response.content.decode()
    session.refresh_from_db()
    assert session.closed_at is None and session.current_id == apps[4].pk


def test_a_confirmed_close_leaves_the_households_still_to_select_as_they_were(portal, day_half_done):
    session, apps = day_half_done
    portal.login(selection_clerk())
    url = session_url("selection_close", session)
    response = confirm(portal, portal.post(url), url)
    assert response.status_code == 302 and response.url == reverse("housing:selection_home")
    session.refresh_from_db()
    assert session.closed_at is not None and session.current is None
    assert [reload(a).stage for a in apps[3:]] == [Stage.SELECTION] * 3
    assert list(GiveUp.objects.values_list("application_id", flat=True)) == [apps[1].pk]
    # A later session calls them again, the one not offered first.
    later = calling(session.round)
    assert later.current_id == apps[3].pk


@pytest.mark.parametrize("forged", FORGED)
def test_closing_without_a_true_confirmation_closes_nothing(portal, day_half_done, forged):
    session, _apps = day_half_done
    portal.login(selection_clerk())
    response = portal.post(session_url("selection_close", session), forged)
    assert is_confirmation(response)
    assert SelectionSession.objects.get(pk=session.pk).closed_at is None


def test_a_close_confirmed_after_the_session_moved_on_is_refused(portal, day_half_done):
    session, apps = day_half_done
    portal.login(selection_clerk())
    url = session_url("selection_close", session)
    shown = portal.post(url)
    confirmation_text(shown)
    # Meanwhile the household called is recorded: no home is left, so it is not offered.
    selection_day.record_no_show(actor=selection_clerk(), session=session, application=reload(apps[4]),
                                 expected_version=reload(apps[4]).version)
    response = confirm(portal, shown, url)
    assert response.status_code == 409
    text = confirmation_text(response)
    assert "has changed in the meantime" in text and "<dt>Not offered a home (not a give-up)</dt><dd>2</dd>" in text
    assert SelectionSession.objects.get(pk=session.pk).closed_at is None
    assert confirm(portal, response, url).status_code == 302
    assert SelectionSession.objects.get(pk=session.pk).closed_at is not None


def test_a_refused_close_is_refused_before_any_confirmation(portal, round_):
    with_notices(round_, ranks=(1,))
    session = calling(round_)
    for user, status in ((staff("ccb", "reviewer"), 403), (staff("finance", "clerk"), 404)):
        portal.login(user)
        assert portal.post(session_url("selection_close", session)).status_code == status
    assert SelectionSession.objects.get(pk=session.pk).closed_at is None


def test_a_closed_session_is_not_closed_again(portal, round_):
    with_notices(round_, ranks=(1,))
    session = calling(round_)
    closed_at = selection_day.close_session(actor=selection_clerk(), session=session).closed_at
    portal.login(selection_clerk())
    response = portal.post(session_url("selection_close", session))
    assert response.status_code == 302 and not is_confirmation(response)
    assert SelectionSession.objects.get(pk=session.pk).closed_at == closed_at
