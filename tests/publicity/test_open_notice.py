"""R-16.4–R-16.7 (Art. 16(4)–(7)): a public notice is open for objections on the public site for every day of its
period, and its list is announced only after its last day (docs/decisions/0040).

A notice starts on the day it is published or later, never earlier; its length is the notice_days of the policy
version in force (SPEC §13).
"""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from housing.exceptions import InvalidInput
from housing.models import PolicyVersion
from housing.stages import Stage
from publicity import services as publicity
from publicity.exceptions import NoticeNotOver, ObjectionsOpen, OutsideNoticePeriod
from publicity.models import PublicNotice
from publicity.public.selectors import current_notices, get_notice
from tests.factories import ApplicationFactory, advance, reload, staff, take

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"}
DAY = datetime.timedelta(days=1)


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture
def rechecked(allocation_round):
    return advance(ApplicationFactory(round=allocation_round, c3=True), Stage.RECHECKED)


def publish(clerk, application, starts_on=None) -> PublicNotice:
    return publicity.publish_public_notice(actor=clerk, round=application.round, group=application.group,
                                           starts_on=starts_on)


@pytest.mark.parametrize("days_back", [1, 8, 14])
def test_a_notice_cannot_start_before_the_day_it_is_published(clerk, rechecked, days_back):
    today = timezone.localdate()
    with pytest.raises(InvalidInput) as refused:
        publish(clerk, rechecked, today - days_back * DAY)
    assert (today - days_back * DAY).isoformat() in str(refused.value.message)
    assert "starts_on" in refused.value.field_errors
    assert not PublicNotice.objects.exists()
    assert reload(rechecked).stage == Stage.RECHECKED


def test_a_notice_published_today_and_started_eight_days_back_cannot_be_announced_today(clerk, rechecked):
    """What the portal allowed before: the list announced the day it was first shown."""
    with pytest.raises(InvalidInput):
        publish(clerk, rechecked, timezone.localdate() - 8 * DAY)
    notice = publish(clerk, rechecked)
    with pytest.raises(NoticeNotOver):
        publicity.announce_notice(actor=clerk, notice=notice)
    assert reload(rechecked).stage == Stage.PUBLIC_NOTICE


@pytest.mark.parametrize("notice_days", [7, 10])
def test_the_length_is_the_notice_days_of_the_policy_in_force(clerk, rechecked, notice_days):
    PolicyVersion.objects.update(notice_days=notice_days)
    today = timezone.localdate()
    notice = publish(clerk, rechecked)
    assert (notice.starts_on, notice.ends_on) == (today, today + (notice_days - 1) * DAY)
    assert reload(rechecked).notice_ends_on == notice.ends_on


def test_every_day_of_the_period_the_notice_is_on_the_public_site_open_for_objections(clerk, rechecked, clock):
    notice = publish(clerk, rechecked)
    day = notice.starts_on
    while day <= notice.ends_on:
        clock.travel_to(day)
        assert notice.pk in [n.pk for n in current_notices()], day
        assert get_notice(notice.pk).accepts_objections(day), day
        publicity.check_notice_period(notice)  # an objection of that day is taken
        day += DAY
    clock.travel_to(notice.ends_on + DAY)
    assert not get_notice(notice.pk).accepts_objections(notice.ends_on + DAY)
    with pytest.raises(OutsideNoticePeriod):
        publicity.check_notice_period(notice)


def test_a_notice_starting_tomorrow_is_shown_with_its_days_and_takes_objections_from_then(clerk, rechecked, clock):
    tomorrow = timezone.localdate() + DAY
    notice = publish(clerk, rechecked, tomorrow)
    assert (notice.starts_on, notice.ends_on) == (tomorrow, tomorrow + 6 * DAY)
    page = Client().get(f"/public/notices/{notice.pk}/", **ENGLISH).content.decode()
    assert (f"Objections and questions can be made from {tomorrow.isoformat()} to "
            f"{(tomorrow + 6 * DAY).isoformat()}") in page
    with pytest.raises(OutsideNoticePeriod):
        take("freeze_for_objection", reload(rechecked))
    clock.travel_to(tomorrow)
    assert take("freeze_for_objection", reload(rechecked)).stage == Stage.FROZEN


def test_the_public_notice_page_says_from_when_to_when_objections_can_be_made(clerk, rechecked):
    notice = publish(clerk, rechecked)
    page = Client().get(f"/public/notices/{notice.pk}/", **ENGLISH).content.decode()
    assert (f"Objections can be made from {notice.starts_on.isoformat()} to {notice.ends_on.isoformat()}, "
            "every day of the notice.") in page


def test_the_list_is_announced_only_after_the_last_day(clerk, rechecked, clock):
    notice = publish(clerk, rechecked)
    clock.travel_to(notice.ends_on)
    with pytest.raises(NoticeNotOver):
        publicity.announce_notice(actor=clerk, notice=notice)
    assert reload(rechecked).stage == Stage.PUBLIC_NOTICE
    clock.travel_to(notice.ends_on + DAY)
    assert publicity.announce_notice(actor=clerk, notice=notice) == 1
    assert reload(rechecked).stage == Stage.ANNOUNCED


def test_after_the_last_day_an_open_objection_still_holds_the_announcement(clerk, rechecked, clock):
    notice = publish(clerk, rechecked)
    take("freeze_for_objection", reload(rechecked))
    clock.travel_to(notice.ends_on + DAY)
    with pytest.raises(ObjectionsOpen):
        publicity.announce_notice(actor=clerk, notice=notice)
    take("dismiss_objection", reload(rechecked))
    assert publicity.announce_notice(actor=clerk, notice=notice) == 1

