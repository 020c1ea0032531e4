"""R-16.d: the one door for messages. A row per channel, delivery queued on commit, sent once, retried while the
failure may pass, failed with its reason; no ID number ever written; e-mail through Django's backend."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from housing.cases.notices import write_applicant_notice
from housing.messaging.backends import locmem
from housing.messaging.delivery import RETRY, deliver
from housing.messaging.services import requeue_stale_messages, send_message, send_to_applicant
from housing.models import ApplicationHistory, OutgoingMessage
from tests.factories import ApplicationFactory
from tests.housing.messaging.gateway import local_gateway

pytestmark = pytest.mark.django_db

State, Failure = OutgoingMessage.State, OutgoingMessage.Failure
ID = "44030619900101123X"


@pytest.fixture
def outbox(settings):
    settings.SMS_BACKEND = "housing.messaging.backends.locmem.LocmemBackend"
    locmem.outbox.clear()
    return locmem.outbox


@pytest.fixture
def gateway_503(settings):
    with local_gateway([(503, {"message": "busy"})]) as gateway:
        settings.SMS_BACKEND = "housing.messaging.backends.http.HttpGatewayBackend"
        settings.SMS_GATEWAY_URL = gateway.url
        yield gateway


def test_a_message_is_written_queued_and_its_delivery_queued_on_commit(allocation_round, outbox,
                                                                       django_capture_on_commit_callbacks):
    app = ApplicationFactory(round=allocation_round)
    with django_capture_on_commit_callbacks() as queued:
        message = send_message(channel="sms", recipient=app.contact_phone, text="您的申请已受理。", purpose="test",
                               application=app)
    assert message.state == State.QUEUED and len(queued) == 1
    assert message.text.startswith("【") and app.number in message.text
    assert deliver(message_id=message.pk) == State.SENT
    message.refresh_from_db()
    assert message.state == State.SENT and message.attempts == 1 and message.sent_at and message.gateway_reference
    assert [m["to"] for m in outbox] == ["13800138000"]


def test_a_sent_message_is_never_sent_again(allocation_round, outbox):
    app = ApplicationFactory(round=allocation_round)
    message = send_message(channel="sms", recipient="13812345678", text="x", purpose="test", application=app)
    assert [deliver(message_id=message.pk) for _ in range(3)] == [State.SENT, State.SENT, State.SENT]
    assert len(outbox) == 1 and OutgoingMessage.objects.get().attempts == 1


def test_a_transient_failure_is_retried_then_failed_with_its_reason(allocation_round, gateway_503, settings):
    settings.MESSAGE_MAX_ATTEMPTS = 3
    app = ApplicationFactory(round=allocation_round)
    message = send_message(channel="sms", recipient="13812345678", text="x", purpose="test", application=app)
    assert [deliver(message_id=message.pk) for _ in range(4)] == [RETRY, RETRY, State.FAILED, State.FAILED]
    message.refresh_from_db()
    assert message.failure == Failure.UNREACHABLE and message.attempts == 3 and "HTTP 503" in message.last_error
    assert gateway_503.count() == 3


def test_a_permanent_failure_fails_at_once(allocation_round, settings):
    app = ApplicationFactory(round=allocation_round)
    with local_gateway([(400, {"message": "bad request"})]) as gateway:
        settings.SMS_BACKEND = "housing.messaging.backends.http.HttpGatewayBackend"
        settings.SMS_GATEWAY_URL = gateway.url
        message = send_message(channel="sms", recipient="13812345678", text="x", purpose="test", application=app)
        assert deliver(message_id=message.pk) == State.FAILED
        assert deliver(message_id=message.pk) == State.FAILED
    message.refresh_from_db()
    assert message.failure == Failure.REJECTED and "HTTP 400" in message.last_error and gateway.count() == 1


@pytest.mark.parametrize("phone, failure", [("", Failure.NO_RECIPIENT), ("0755-12345678", Failure.NOT_MOBILE)])
def test_no_mobile_number_is_recorded_as_not_sent(allocation_round, outbox, phone, failure,
                                                  django_capture_on_commit_callbacks):
    app = ApplicationFactory(round=allocation_round, facts={"contact_phone": phone})
    with django_capture_on_commit_callbacks() as queued:
        [message] = send_to_applicant(application=app, text="x", purpose="test")
    assert (message.state, message.failure, len(queued)) == (State.FAILED, failure, 0)
    assert deliver(message_id=message.pk) == State.FAILED and outbox == []


def test_an_email_goes_through_djangos_backend_when_an_address_is_on_file(allocation_round, outbox):
    app = ApplicationFactory(round=allocation_round, facts={"contact_phone": "13812345678",
                                                           "contact_email": "zhang@example.cn"})
    sms, email = send_to_applicant(application=app, text="您的申请已受理。", purpose="test")
    assert (sms.channel, email.channel) == ("sms", "email")
    assert deliver(message_id=email.pk) == State.SENT
    [sent] = mail.outbox
    assert sent.to == ["zhang@example.cn"] and app.number in sent.subject and "您的申请已受理。" in sent.body
    email.refresh_from_db()
    assert email.gateway_reference == sent.extra_headers["Message-ID"]


def test_an_id_number_is_never_written_into_a_message(allocation_round, outbox):
    app = ApplicationFactory(round=allocation_round, facts={"contact_phone": "13812345678",
                                                           "contact_email": "zhang@example.cn"})
    for message in send_to_applicant(application=app, text=f"申请人{ID}的申请", purpose="test"):
        assert ID not in message.text
        deliver(message_id=message.pk)
    assert ID not in outbox[0]["text"] and ID not in mail.outbox[0].body


def test_a_row_carrying_an_id_number_is_held_back(allocation_round, outbox):
    app = ApplicationFactory(round=allocation_round)
    message = send_message(channel="sms", recipient="13812345678", text="x", purpose="test", application=app)
    OutgoingMessage.objects.filter(pk=message.pk).update(text=f"x {ID}")  # as a careless writer might
    assert deliver(message_id=message.pk) == State.FAILED
    assert OutgoingMessage.objects.get().failure == Failure.ID_NUMBER and outbox == []


def test_a_notice_is_sent_once_per_channel_however_often_it_is_asked(allocation_round, outbox):
    app = ApplicationFactory(round=allocation_round)
    row = ApplicationHistory.objects.get(application=app)
    assert write_applicant_notice(history_id=row.pk) is True
    assert write_applicant_notice(history_id=row.pk) is False
    [message] = OutgoingMessage.objects.all()
    assert message.notice.history == row and message.application == app and message.purpose == "notice:intake"
    assert message.text == f"【龙华区住房保障】{row.application.notices.get().message_zh}"
    assert send_to_applicant(application=app, text="again", purpose="x", notice=message.notice) == [message]


def test_only_messages_silent_for_long_are_queued_again(allocation_round, outbox, settings,
                                                        django_capture_on_commit_callbacks):
    settings.MESSAGE_RETRY_BACKOFF_MAX = 3600
    app = ApplicationFactory(round=allocation_round)
    now = timezone.now()

    def message(**fields):
        m = send_message(channel="sms", recipient="13812345678", text="x", purpose="test", application=app)
        OutgoingMessage.objects.filter(pk=m.pk).update(**fields)
        return m.pk

    lost = message(created_at=now - datetime.timedelta(minutes=16))
    fresh = message(created_at=now - datetime.timedelta(minutes=14))
    retrying = message(created_at=now - datetime.timedelta(hours=2),
                       last_attempt_at=now - datetime.timedelta(minutes=30))
    stalled = message(created_at=now - datetime.timedelta(hours=3), last_attempt_at=now - datetime.timedelta(hours=2))
    message(created_at=now - datetime.timedelta(hours=3), state=State.SENT)
    with django_capture_on_commit_callbacks() as queued:
        assert requeue_stale_messages(now=now) == [lost, stalled]
    assert len(queued) == 2 and fresh and retrying
