"""What staff and residents read names people, actions and articles in their own words (decision 0048): the
staff-action log shows labels and names, a printed confirmation names the clerk family name first and is signed
with the bureau's official name, and a finding names the fact it lacks."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from departments.permissions import SCHEDULED_JOB
from housing.events import Event
from housing.groups import Group
from housing.models import SelectionSession
from housing.office.log import record_action
from tests.factories import AllocationRoundFactory, reload, staff
from tests.factories.selection import homes, selection_clerk, with_notices
from tests.housing.conftest import Portal
from tests.support.confirmations import through

pytestmark = pytest.mark.django_db


def client_for(user, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def chosen():
    """陈晓燕 of the CCB records a household's choice of a home on selection day."""
    round_ = AllocationRoundFactory(groups=[Group.NO_HOUSING])
    application, = with_notices(round_, ranks=(1,))
    home, = homes(1)
    clerk = selection_clerk()
    clerk.last_name, clerk.first_name = "陈", "晓燕"
    clerk.save()
    portal = Portal().login(clerk)
    portal.client.cookies["django_language"] = "zh-hans"
    pages = portal.client
    pages.post(reverse("housing:selection_open_session", args=[round_.pk, Group.NO_HOUSING]))
    session = SelectionSession.objects.get()
    pages.post(reverse("housing:selection_call_next", args=[session.pk]))
    choose = reverse("housing:selection_choose", args=[session.pk])
    response = through(portal, pages.post(choose, {"application": application.number,
                                                   "version": reload(application).version, "unit": home.pk}), choose)
    assert response.status_code == 302
    return {"clerk": clerk, "pages": pages, "application": application, "home": home}


def test_the_printed_confirmation_names_the_clerk_family_name_first_and_the_bureau_in_full(chosen):
    printed = chosen["pages"].get(reverse("housing:selection_confirmation",
                                          args=[chosen["application"].number])).content.decode()
    assert "深圳市龙华新区城市建设局（陈晓燕）" in printed and "晓燕 陈" not in printed


def test_the_printed_confirmation_in_english_signs_with_the_same_bureau(chosen):
    chosen["pages"].cookies["django_language"] = "en"
    printed = chosen["pages"].get(reverse("housing:selection_confirmation",
                                          args=[chosen["application"].number])).content.decode()
    assert "City Construction Bureau, Longhua New District, Shenzhen (陈晓燕)" in printed


@pytest.mark.parametrize("language, job, reserved", [
    ("zh-hans", "系统定时任务", str(Event.RESERVE_HOME.label)),
    ("en", "Scheduled job", "Home reserved for the household that chose it"),
])
def test_the_staff_action_log_shows_labels_and_names_never_codes(chosen, language, job, reserved):
    record_action(actor=SCHEDULED_JOB, action=Event.RESERVE_HOME.value, obj=chosen["home"],
                  summary="held for the household", article="R-16.8c")
    page = client_for(staff("discipline", "reviewer"), language).get(reverse("housing:office_actions"))
    text = re.sub(r"<[^>]*>", " ", page.content.decode())  # what the page shows, not its option values
    assert page.status_code == 200
    assert "陈晓燕" in text and job in text and reserved in text
    assert str(chosen["home"]) in text  # the home by its address, not by the row it is kept in
    assert "reserve_home" not in text and "scheduled-job" not in text and "housingunit" not in text
    assert not re.search(r"#\d+", text)
    assert ("第十六条第（八）项" if language == "zh-hans" else "Art. 16(8)") in text and "R-16.8" not in text


def test_the_filter_for_the_scheduled_jobs_keeps_only_their_actions(chosen):
    record_action(actor=SCHEDULED_JOB, action=Event.RESERVE_HOME.value, obj=chosen["home"], summary="by the job")
    text = client_for(staff("discipline", "reviewer"), "en").get(
        reverse("housing:office_actions"), {"scheduled": "on"}).content.decode()
    assert "by the job" in text and "陈晓燕" not in text


def test_the_timeline_of_an_application_names_who_acted_and_cites_articles(chosen):
    text = client_for(staff("discipline", "reviewer"), "zh-hans").get(
        reverse("housing:application_detail", args=[chosen["application"].number])).content.decode()
    assert "陈晓燕" in text and "第十六条第（八）项" in text
    assert not re.search(r"R-\d", re.sub(r"<[^>]*>", " ", text))
