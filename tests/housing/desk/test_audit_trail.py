"""R-6, R-38, R-X.1: discipline inspection reads every staff action; nobody else outside the CCB does."""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from housing.cases.selectors import AUDIT_PAGE
from housing.desk.forms.steps import STEP_LABELS
from housing.events import Event
from housing.models import Reminder
from housing.office.reminders import mark_reminder_done
from housing.stages import Stage
from housing.tenancy.services import renewals
from tests.factories import ApplicationFactory, advance, staff
from tests.factories.tenancy_min import make_tenancy

pytestmark = pytest.mark.django_db

URL = reverse("housing:audit_trail")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_discipline_reads_every_units_actions(english, allocation_round):
    c6 = advance(ApplicationFactory(round=allocation_round, c6=True), Stage.ELIGIBLE)
    english.force_login(staff("discipline", "reviewer"))
    page = english.get(URL).content.decode()
    assert c6.number in page
    # the reviewer's decision and the clerk's steps, each with its unit
    assert "Economic Services Bureau" in page and "City Construction Bureau" in page
    only_econ = english.get(URL, {"unit": "econ_services"}).context["rows"]
    assert [(row.event, row.actor_unit) for row in only_econ] == [("approve_eligibility", "econ_services")]


@pytest.mark.parametrize("unit", ["org_personnel", "econ_services", "social_construction", "public_affairs",
                                  "finance", "joint_meeting", "verify_civil_affairs"])
def test_other_units_are_refused(client, unit):
    client.force_login(staff(unit, "head"))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_menu_offers_the_trail_only_to_those_who_may_read_it(english):
    english.force_login(staff("discipline", "reviewer"))
    assert URL in english.get(reverse("housing:application_list")).content.decode()
    english.force_login(staff("social_construction", "reviewer"))
    assert URL not in english.get(reverse("housing:application_list")).content.decode()


def test_pages_go_back_in_time_and_cost_the_same(english, allocation_round):
    english.force_login(staff("discipline", "reviewer"))
    for _ in range(12):  # 12 × 5 rows: more than one page
        advance(ApplicationFactory(round=allocation_round), Stage.RECHECKED)
    with CaptureQueriesContext(connection) as first_page:
        first = english.get(URL)
    older = first.context["next_before"]
    assert older and len(first.context["rows"]) == AUDIT_PAGE
    with CaptureQueriesContext(connection) as second_page:
        second = english.get(URL, {"before": older})
    assert all(row.id < older for row in second.context["rows"])
    assert len(first_page) == len(second_page)


# --- R-X.1, R-38: every event of housing.events can be filtered -------------------------------------------------

ACTIONS_URL = reverse("housing:office_actions")


def in_english(text):
    with translation.override("en"):
        return str(text)


def invalid_choice(value, lang):
    with translation.override(lang):
        return str(forms.ChoiceField.default_error_messages["invalid_choice"]) % {"value": value}


@pytest.fixture
def leases():
    """A renewal reminder and a lease taken back, written by the scheduled jobs' own services (R-31, R-34)."""
    today = timezone.localdate()
    reminded = make_tenancy(ends_on=today + datetime.timedelta(days=40))
    ended = make_tenancy(ends_on=today - datetime.timedelta(days=1))
    assert renewals.send_renewal_reminders(today=today) == 1
    assert renewals.end_unrenewed_leases(today=today) == 1
    return reminded, ended


@pytest.mark.parametrize("event, which", [("renewal_reminder", 0), ("lease_ended", 1)])
def test_discipline_filters_the_events_the_jobs_write_on_a_tenancy(english, leases, event, which):
    english.force_login(staff("discipline", "reviewer"))
    response = english.get(URL, {"event": event})
    assert response.status_code == 200 and response.context["form"].is_valid()
    rows = response.context["rows"]
    assert [(row.event, row.application.number) for row in rows] == [(event, leases[which].application.number)]
    label = in_english(STEP_LABELS[event])
    page = response.content.decode()
    assert f'<option value="{event}" selected>{label}</option>' in page
    assert f"<td>{label}</td>" in page and f"<td>{event}</td>" not in page


def test_the_trail_shows_the_events_in_chinese(client, leases):
    client.force_login(staff("discipline", "reviewer"))
    page = client.get(URL, {"event": "lease_ended"}).content.decode()
    with translation.override("zh-hans"):
        assert f"<td>{STEP_LABELS['lease_ended']}</td>" in page and "租期届满未续租" in page


def test_discipline_filters_one_staff_action_and_sees_it_by_its_label(english, leases):
    reminder = Reminder.objects.get(kind=Reminder.Kind.LEASE_END)
    mark_reminder_done(actor=staff("ccb", "clerk"), reminder_id=reminder.pk)
    english.force_login(staff("discipline", "reviewer"))
    everything = english.get(ACTIONS_URL).context["rows"]
    assert {"end_unrenewed_lease", "mark_reminder_done"} <= {row.action for row in everything}
    response = english.get(ACTIONS_URL, {"action": "end_unrenewed_lease"})
    assert response.status_code == 200 and response.context["form"].is_valid()
    rows = response.context["rows"]
    assert [(row.action, row.object_id, row.actor_name) for row in rows] == [
        ("end_unrenewed_lease", str(leases[1].pk), "scheduled-job")]
    page = response.content.decode()
    label = in_english(Event.END_UNRENEWED_LEASE.label)
    assert f'<option value="end_unrenewed_lease" selected>{label}</option>' in page
    assert f"<td>{label}</td>" in page and "<td>end_unrenewed_lease</td>" not in page
    done = english.get(ACTIONS_URL, {"action": "mark_reminder_done"}).context["rows"]
    assert [row.action for row in done] == ["mark_reminder_done"]


@pytest.mark.parametrize("url, field", [(URL, "event"), (ACTIONS_URL, "action")])
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_an_unknown_value_is_a_form_error_in_the_users_language_and_the_list_is_not_filtered(client, leases, url,
                                                                                              field, lang):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    client.force_login(staff("discipline", "reviewer"))
    everything = [row.pk for row in client.get(url).context["rows"]]
    response = client.get(url, {field: "no_such_event"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert escape(invalid_choice("no_such_event", lang)) in response.content.decode()
    assert [row.pk for row in response.context["rows"]] == everything and len(everything) > 1
