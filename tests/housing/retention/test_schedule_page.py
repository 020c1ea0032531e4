"""R-X.2, R-6, R-38: the schedule and the record of purges are read by discipline inspection and the CCB's head;
only the head changes a period, with a reason, and the change is a recorded staff action; every other visitor is
refused on the server."""

import datetime

import pytest
from django.urls import reverse

from housing.exceptions import InvalidInput, NotPermitted
from housing.models import OfficeAction, PurgeRecord, RetentionRule
from housing.retention import services
from housing.retention.purge import purge_past_retention
from housing.retention.selectors import months_in_force
from housing.stages import Stage
from publicity.models import Objection
from tests.factories import ApplicationFactory, advance, staff
from tests.housing.conftest import forms_of
from tests.housing.retention.conftest import TODAY, objection, shanghai
from tests.support.language import english  # noqa: F401 - autouse: these tests read messages in English

pytestmark = pytest.mark.django_db
RETENTION = reverse("housing:retention")


@pytest.fixture
def url(client):
    client.cookies["django_language"] = "en"  # the page in English, as the assertions read it
    return reverse("housing:retention")


@pytest.fixture
def head(db):
    return staff("ccb", "head")


def test_the_head_changes_a_period_and_the_change_is_recorded(head):
    assert months_in_force()["objector_contacts"] == 6
    services.change_rule(actor=head, category="objector_contacts", months=9, reason="复议期满后再保留三个月")
    assert months_in_force()["objector_contacts"] == 9
    action = OfficeAction.objects.get(action="change_retention_rule")
    assert action.actor == head and action.data["from_months"] == 6 and action.data["to_months"] == 9
    purge_past_retention()
    assert PurgeRecord.objects.get(category="objector_contacts").months == 9


@pytest.mark.parametrize("months", [0, 361, "6"])
def test_a_period_out_of_range_is_refused_and_nothing_saved(head, months):
    with pytest.raises(InvalidInput):
        services.change_rule(actor=head, category="objector_contacts", months=months, reason="x")
    assert not RetentionRule.objects.exists() and not OfficeAction.objects.exists()


def test_a_change_without_reason_or_of_no_category_is_refused(head):
    with pytest.raises(InvalidInput):
        services.change_rule(actor=head, category="objector_contacts", months=6, reason="  ")
    with pytest.raises(InvalidInput):
        services.change_rule(actor=head, category="everything", months=6, reason="x")


@pytest.mark.parametrize("unit, role", [("ccb", "clerk"), ("ccb", "reviewer"), ("discipline", "head"),
                                        ("finance", "head"), ("org_personnel", "head")])
def test_no_one_but_the_ccbs_head_changes_a_period(unit, role):
    with pytest.raises(NotPermitted):
        services.change_rule(actor=staff(unit, role), category="objector_contacts", months=9, reason="x")


@pytest.mark.parametrize("unit, role", [("discipline", "clerk"), ("discipline", "head"), ("ccb", "head")])
def test_discipline_inspection_and_the_ccbs_head_read_the_page(client, url, unit, role):
    purge_past_retention()
    client.force_login(staff(unit, role))
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Objectors&#x27; contacts" in text and "Records purged" in text
    assert ("Change the period" in text) == (unit == "ccb")


@pytest.mark.parametrize("unit, role", [("ccb", "clerk"), ("ccb", "reviewer"), ("finance", "head"),
                                        ("org_personnel", "head"), ("verify_public_security", "clerk")])
def test_other_staff_are_refused_the_page(client, url, unit, role):
    client.force_login(staff(unit, role))
    assert client.get(url).status_code == 403
    assert client.post(url, {"category": "objector_contacts", "months": 9, "reason": "x"}).status_code == 403
    assert not RetentionRule.objects.exists()


def test_an_anonymous_visitor_is_refused(client, url):
    answer = client.get(url)
    assert answer.status_code in (302, 403) and "Objectors" not in answer.content.decode()


def test_discipline_inspection_reads_but_cannot_change(client, url):
    client.force_login(staff("discipline", "head"))
    assert client.post(url, {"category": "objector_contacts", "months": 9, "reason": "x"}).status_code == 403
    assert not RetentionRule.objects.exists()


def test_the_head_changes_a_period_on_the_page(client, url, head):
    client.force_login(head)
    bad = client.post(url, {"category": "objector_contacts", "months": 0, "reason": "x"})
    assert bad.status_code == 400 and not RetentionRule.objects.exists()
    shown = client.post(url, {"category": "objector_contacts", "months": 9, "reason": "复议期满"})
    assert 'id="confirm-act"' in shown.content.decode() and not RetentionRule.objects.exists()
    done = client.post(url, confirmation_fields(shown), follow=True)
    assert done.status_code == 200 and "The retention period was changed" in done.content.decode()
    assert RetentionRule.objects.get().months == 9


def confirmation_fields(response) -> dict:
    """The hidden fields of a confirmation page, as its confirm button posts them."""
    form = next(f for f in forms_of(response.content.decode()) if f.method == "post" and f.action == RETENTION)
    return form.data()


def test_a_shorter_period_states_what_the_next_purge_takes_and_nothing_before_it_is_confirmed(
        client, url, head, clock, clerk):
    """Objectors' contacts, 6 months in force: one decided 8 months ago (purged tonight anyway), one 4 months ago
    (purged only if the period becomes 3 months), one last week (kept either way)."""
    application = advance(ApplicationFactory(), Stage.PUBLIC_NOTICE)
    for days in (240, 120, 7):
        objection(application, shanghai(TODAY - datetime.timedelta(days=days)))
    client.force_login(head)
    shown = client.post(url, {"category": "objector_contacts", "months": 3, "reason": "缩短保存期限"})
    text = shown.content.decode()
    assert 'id="confirm-act"' in text
    assert "takes 2 records closed before 2027-12-02, 1 of them only because of this change" in text
    assert not RetentionRule.objects.exists()
    assert client.post(url, confirmation_fields(shown)).status_code == 302
    assert RetentionRule.objects.get().months == 3
    purge_past_retention()
    assert Objection.objects.exclude(objector_contact="").count() == 1


def test_a_period_confirmed_after_more_became_due_is_stated_again(client, url, head, clock, clerk):
    application = advance(ApplicationFactory(), Stage.PUBLIC_NOTICE)
    client.force_login(head)
    shown = client.post(url, {"category": "objector_contacts", "months": 3, "reason": "缩短保存期限"})
    objection(application, shanghai(TODAY - datetime.timedelta(days=120)))  # another one is now due
    stale = client.post(url, confirmation_fields(shown))
    assert stale.status_code == 409 and "takes 1 records" in stale.content.decode()
    assert not RetentionRule.objects.exists()


@pytest.mark.parametrize("forged", [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "a" * 32}])
def test_a_period_posted_without_a_true_confirmation_changes_nothing(client, url, head, forged):
    client.force_login(head)
    response = client.post(url, {"category": "objector_contacts", "months": 3, "reason": "x", **forged})
    assert 'id="confirm-act"' in response.content.decode() and not RetentionRule.objects.exists()


def test_a_longer_period_says_nothing_more_is_purged(client, url, head):
    client.force_login(head)
    text = client.post(url, {"category": "message_recipients", "months": 24, "reason": "延长"}).content.decode()
    assert "Nothing more is purged" in text and not RetentionRule.objects.exists()
