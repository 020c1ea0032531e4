"""R-16.d, R-X.2: the application's page shows how each notice reached the applicant (channel, masked recipient,
state, reason, time) to the staff who may read the case, discipline inspection included, and to nobody else."""

import pytest
from django.urls import reverse

from housing.cases.notices import write_applicant_notice
from housing.messaging.backends import locmem
from housing.messaging.delivery import deliver
from housing.models import ApplicationHistory, OutgoingMessage
from tests.factories import ApplicationFactory, staff
from tests.housing.conftest import section, strip_tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(allocation_round, settings):
    """A C3 application whose intake notice went out by SMS and e-mail, and one without a contact phone."""
    settings.SMS_BACKEND = "housing.messaging.backends.locmem.LocmemBackend"
    locmem.outbox.clear()
    sent = ApplicationFactory(round=allocation_round, facts={"contact_phone": "13812345678",
                                                            "contact_email": "zhang@example.cn"})
    silent = ApplicationFactory(round=allocation_round, facts={"contact_phone": ""})
    for app in (sent, silent):
        write_applicant_notice(history_id=ApplicationHistory.objects.get(application=app).pk)
    for message in OutgoingMessage.objects.filter(state=OutgoingMessage.State.QUEUED):
        deliver(message_id=message.pk)
    return sent, silent


def notices_section(client, app, language="zh-hans"):
    client.cookies["django_language"] = language
    response = client.get(reverse("housing:application_detail", args=[app.number]))
    return response, strip_tags(section(response.content.decode(), "notices-h"))


@pytest.mark.parametrize("user", [("ccb", "clerk"), ("discipline", "reviewer")])
def test_staff_who_read_the_case_see_each_delivery_masked(client, delivered, user):
    sent, silent = delivered
    client.force_login(staff(*user))
    response, text = notices_section(client, sent, "en")
    assert response.status_code == 200
    assert "SMS · 138****5678 · Sent" in text and "E-mail · z***@example.cn · Sent" in text
    assert "13812345678" not in text and "zhang@example.cn" not in text
    _response, text = notices_section(client, silent, "en")
    assert "SMS · — · Not delivered : No contact on file" in text


def test_the_page_speaks_chinese(client, delivered):
    sent, _silent = delivered
    client.force_login(staff("ccb", "clerk"))
    _response, text = notices_section(client, sent)
    assert "短信 · 138****5678 · 已发送" in text


@pytest.mark.parametrize("user", [("org_personnel", "reviewer"), ("verify_public_security", "clerk")])
def test_units_outside_the_case_see_nothing(client, delivered, user):
    sent, _silent = delivered
    client.force_login(staff(*user))
    response = client.get(reverse("housing:application_detail", args=[sent.number]))
    assert response.status_code == 404 and b"138****5678" not in response.content


def test_anonymous_visitors_are_sent_to_sign_in(client, delivered):
    sent, _silent = delivered
    response = client.get(reverse("housing:application_detail", args=[sent.number]))
    assert response.status_code == 302 and "138****5678" not in response.content.decode()
