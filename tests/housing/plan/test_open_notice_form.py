"""R-16.4–R-16.6: the page that publishes a public notice refuses a first day before today, saying why, and
publishes from today on (docs/decisions/0040)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.stages import Stage
from publicity.models import PublicNotice
from tests.factories import ApplicationFactory, advance, reload, staff
from tests.support.confirmations import confirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def rechecked(allocation_round):
    return advance(ApplicationFactory(round=allocation_round, c3=True), Stage.RECHECKED)


def test_a_first_day_before_today_is_refused_on_the_page_with_the_reason(portal, rechecked):
    portal.login(staff("ccb", "clerk"))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    url = reverse("housing:publish_notice", args=[rechecked.round_id])
    response = portal.submit(url, {"group": rechecked.group, "starts_on": yesterday.isoformat()},
                             query={"group": rechecked.group})
    assert response.status_code == 400
    assert yesterday.isoformat() in response.content.decode()
    assert not PublicNotice.objects.exists()
    assert reload(rechecked).stage == Stage.RECHECKED


def test_today_is_the_first_day_offered_and_it_publishes(portal, rechecked):
    portal.login(staff("ccb", "clerk"))
    url = reverse("housing:publish_notice", args=[rechecked.round_id])
    response = portal.submit(url, {"group": rechecked.group}, query={"group": rechecked.group})
    assert not PublicNotice.objects.exists()  # stated first, published once confirmed (decision 0047)
    response = confirm(portal, response, url)
    assert response.status_code == 302
    notice = PublicNotice.objects.get()
    assert notice.starts_on == timezone.localdate()
