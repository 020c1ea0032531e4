"""R-3.2: a head of the CCB resolves a flagged set with a reason; every resolution is in each application's history
and in the staff actions; the pages refuse other units, other roles and anonymous visitors; the case page shows a
person's other applications within the viewer's scope."""

import pytest
from django.urls import reverse

from housing.exceptions import InvalidInput, NotPermitted, StageNotAllowed
from housing.groups import Group
from housing.guarantees import services
from housing.guarantees.flagging import find_flagged_sets
from housing.models import ApplicationHistory, FlaggedSet, OfficeAction
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance, reload, staff
from tests.housing.guarantees.conftest import HOLDERS, plant

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """The pages in English, as the assertions read them."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def duplicate():
    one = ApplicationFactory()
    two = ApplicationFactory(group=Group.INSTITUTION_TALENT, round=one.round)
    plant(two, "spouse", one.applicant_id_number)
    find_flagged_sets()
    return one, two, FlaggedSet.objects.get()


def test_keeping_one_withdraws_the_other_and_records_it_everywhere(duplicate, head):
    one, two, flagged = duplicate
    services.resolve_flagged_set(actor=head, flagged_set=flagged, outcome="keep_one", kept=one,
                                 reason="同一人，保留 C3 申请")
    flagged.refresh_from_db()
    assert (flagged.status, flagged.outcome, flagged.kept, flagged.resolved_by) == ("resolved", "keep_one", one, head)
    assert reload(one).stage == Stage.SUBMITTED and reload(two).stage == Stage.WITHDRAWN
    for app in (one, two):
        row = ApplicationHistory.objects.get(application=app, event="flagged_set_resolved")
        assert row.reason == "同一人，保留 C3 申请" and "R-3.2" in row.articles and row.actor == head
    assert ApplicationHistory.objects.get(application=two, event="withdraw").payload["flagged_set"] == flagged.pk
    action = OfficeAction.objects.get(action="resolve_flagged_set")
    assert action.object_id == str(flagged.pk) and action.data["withdrawn"] == [two.number]


def test_both_stand_changes_no_application(duplicate, head):
    one, two, flagged = duplicate
    services.resolve_flagged_set(actor=head, flagged_set=flagged, outcome="both_stand", reason="经核实为同名不同人")
    assert reload(one).stage == reload(two).stage == Stage.SUBMITTED
    assert FlaggedSet.objects.get().outcome == "both_stand"
    assert find_flagged_sets() == 0  # the same claims are not flagged again


@pytest.mark.parametrize("outcome, kept, reason, field", [
    ("both_stand", False, "  ", "reason"),
    ("keep_one", False, "理由", "kept"),
    ("", False, "理由", "outcome"),
])
def test_a_resolution_without_its_reason_or_choice_is_refused(duplicate, head, outcome, kept, reason, field):
    one, _two, flagged = duplicate
    with pytest.raises(InvalidInput) as refused:
        services.resolve_flagged_set(actor=head, flagged_set=flagged, outcome=outcome, reason=reason,
                                     kept=one if kept else None)
    assert field in refused.value.field_errors
    assert FlaggedSet.objects.get().status == "open"


def test_a_set_is_resolved_once(duplicate, head):
    one, _two, flagged = duplicate
    services.resolve_flagged_set(actor=head, flagged_set=flagged, outcome="both_stand", reason="核实")
    with pytest.raises(StageNotAllowed):
        services.resolve_flagged_set(actor=head, flagged_set=flagged, outcome="both_stand", reason="再次")


def test_a_home_is_not_withdrawn_here(head):
    home = HOLDERS["home let"]()
    fresh = ApplicationFactory()
    plant(fresh, "spouse", home.applicant_id_number)
    find_flagged_sets()
    flagged = FlaggedSet.objects.get()
    with pytest.raises(InvalidInput) as refused:
        services.resolve_flagged_set(actor=head, flagged_set=flagged, outcome="keep_one", kept=fresh, reason="x")
    assert home.number in str(refused.value.message)
    services.resolve_flagged_set(actor=head, flagged_set=flagged, outcome="keep_one", kept=home, reason="保留住房")
    assert reload(fresh).stage == Stage.WITHDRAWN


@pytest.mark.parametrize("unit, role", [("ccb", "clerk"), ("ccb", "reviewer"), ("org_personnel", "head"),
                                        ("discipline", "head")])
def test_only_a_ccb_head_resolves(duplicate, unit, role):
    _one, _two, flagged = duplicate
    with pytest.raises(NotPermitted):
        services.resolve_flagged_set(actor=staff(unit, role), flagged_set=flagged, outcome="both_stand", reason="x")


# --- pages ---------------------------------------------------------------------------------------------------

def test_the_list_and_the_resolve_page_for_the_ccb(client, duplicate, head):
    one, two, flagged = duplicate
    client.force_login(staff("ccb", "clerk"))
    page = client.get(reverse("housing:flagged_set_list")).content.decode()
    assert one.number in page and two.number in page
    detail = client.get(reverse("housing:flagged_set_resolve", args=[flagged.pk]))
    assert detail.status_code == 200 and 'name="reason"' not in detail.content.decode()  # a clerk only reads
    assert client.post(reverse("housing:flagged_set_resolve", args=[flagged.pk]),
                       {"outcome": "both_stand", "reason": "x"}).status_code == 403
    client.force_login(head)
    empty = client.post(reverse("housing:flagged_set_resolve", args=[flagged.pk]), {"outcome": "both_stand"})
    assert empty.status_code == 400 and "Give the reason" in empty.content.decode()
    done = client.post(reverse("housing:flagged_set_resolve", args=[flagged.pk]),
                       {"outcome": "keep_one", "kept": one.number, "reason": "保留先申请者"})
    assert done.status_code == 302 and reload(two).stage == Stage.WITHDRAWN
    assert one.number in client.get(reverse("housing:flagged_set_list") + "?status=resolved").content.decode()


@pytest.mark.parametrize("unit", ["org_personnel", "finance", "verify_civil_affairs"])
def test_other_units_and_anonymous_visitors_are_refused(client, duplicate, unit):
    _one, _two, flagged = duplicate
    for url in (reverse("housing:flagged_set_list"), reverse("housing:flagged_set_resolve", args=[flagged.pk])):
        assert client.get(url).status_code in (302, 403)  # anonymous: to the sign-in page
        assert "login" in client.get(url).get("Location", "login")
    client.force_login(staff(unit, "head"))
    for url in (reverse("housing:flagged_set_list"), reverse("housing:flagged_set_resolve", args=[flagged.pk])):
        assert client.get(url).status_code == 403


def test_the_case_page_shows_the_other_application_within_the_viewers_scope(client, duplicate):
    one, two, _flagged = duplicate  # one is C3 (the CCB's), two is C4 (organisation and personnel's)
    client.force_login(staff("ccb", "clerk"))
    page = client.get(reverse("housing:application_detail", args=[two.number])).content.decode()
    assert one.number in page and "flagged set" in page
    client.force_login(staff("org_personnel", "reviewer"))
    page = client.get(reverse("housing:application_detail", args=[two.number])).content.decode()
    assert "an application in another group" in page and one.number not in page


def test_the_case_page_names_a_guarantee(client):
    held = HOLDERS["subsidy"]()
    fresh = ApplicationFactory()
    plant(fresh, "child", held.applicant_id_number)
    client.force_login(staff("ccb", "clerk"))
    page = client.get(reverse("housing:application_detail", args=[fresh.number])).content.decode()
    assert held.number in page and "housing subsidy running" in page
