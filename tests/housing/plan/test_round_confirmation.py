"""R-16.1: opening a round publishes its supply notice on the public site at once and cannot be taken back, so
the notice is stated (its text, the groups invited, the deadline, the plan it opens under) and published only
once exactly that is confirmed (docs/decisions/0047)."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from housing.groups import Group
from housing.models import AllocationRound, SupplyNotice
from tests.factories import staff
from tests.factories.plan import approved_plan
from tests.support.confirmations import confirm, confirmation_text

pytestmark = pytest.mark.django_db
URL = reverse("housing:round_create")


@pytest.fixture
def year():
    year = timezone.localdate().year + 3
    approved_plan(year)
    return year


def _data(year, **changes):
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    return {"year": year, "name": "", "title": "龙华区第一批公共租赁住房供应公告",
            "body": "面向无房户家庭。\n请于截止日前到区住房和建设局窗口申请。",
            "groups": [Group.NO_HOUSING, Group.ECW_TALENT], "application_deadline": deadline.isoformat(), **changes}


def test_the_first_post_states_the_notice_and_publishes_nothing(portal, year):
    portal.login(staff("ccb", "clerk"))
    response = portal.submit(URL, _data(year))
    text = confirmation_text(response)
    deadline = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    assert "龙华区第一批公共租赁住房供应公告" in text and deadline in text
    assert timezone.localdate().isoformat() in text  # published today
    assert f"{Group.NO_HOUSING.label}, {Group.ECW_TALENT.label}" in text  # a list as English writes it
    assert "请于截止日前到区住房和建设局窗口申请。" in text  # the text residents will read
    assert 'href="%s"' % reverse("housing:round_list") in response.content.decode()  # cancel goes back
    assert not SupplyNotice.objects.exists() and not AllocationRound.objects.exists()


def test_in_chinese_the_groups_are_listed_with_the_dunhao(portal, year):
    portal.login(staff("ccb", "clerk"))
    portal.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    text = confirmation_text(portal.submit(URL, _data(year)))
    with translation.override("zh-hans"):
        assert f"{Group.NO_HOUSING.label}、{Group.ECW_TALENT.label}" in text
    assert "租售信息通告" in text  # the measures' name of a supply notice (Art. 16(1))


def test_the_confirmation_opens_the_round_with_what_was_stated(portal, year):
    portal.login(staff("ccb", "clerk"))
    response = confirm(portal, portal.submit(URL, _data(year)), URL)
    round_ = AllocationRound.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("housing:round_detail", args=[round_.pk])
    assert round_.supply_notice.title == "龙华区第一批公共租赁住房供应公告"
    assert set(round_.supply_notice.groups) == {Group.NO_HOUSING, Group.ECW_TALENT}


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "0" * 32}])
def test_a_post_without_a_true_confirmation_opens_nothing(portal, year, forged):
    portal.login(staff("ccb", "clerk"))
    response = portal.post(URL, {**_data(year), **forged})
    assert 'id="confirm-act"' in response.content.decode()
    assert not AllocationRound.objects.exists()


def test_a_notice_changed_after_it_was_stated_is_stated_again(portal, year):
    """The confirmation carries the fields as posted; a changed deadline is not what was confirmed."""
    portal.login(staff("ccb", "clerk"))
    shown = portal.submit(URL, _data(year))
    later = (timezone.localdate() + datetime.timedelta(days=45)).isoformat()
    response = confirm(portal, shown, URL, {"application_deadline": later})
    assert response.status_code == 409 and later in confirmation_text(response)
    assert not AllocationRound.objects.exists()


def test_a_refused_notice_is_refused_before_any_confirmation(portal, year):
    portal.login(staff("ccb", "clerk"))
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = portal.submit(URL, _data(year, application_deadline=past))
    assert response.status_code == 400 and 'id="confirm-act"' not in response.content.decode()
    no_plan = portal.submit(URL, _data(year + 1))
    assert no_plan.status_code == 400 and 'id="confirm-act"' not in no_plan.content.decode()
    assert not AllocationRound.objects.exists()


def test_a_unit_that_does_not_publish_supply_notices_is_refused(portal, year):
    portal.login(staff("org_personnel", "head"))
    assert portal.post(URL, {**_data(year), "confirmed": "yes"}).status_code == 403
    assert not AllocationRound.objects.exists()
