"""R-16.d through a real Celery worker on Redis and a stand-in of the government SMS platform on 127.0.0.1: every
kind of applicant notice reaches the applicant once; a gateway that keeps failing is retried and then shown as
failed with its reason; a refusal is not retried; no ID number leaves the portal and no log line carries a whole
phone number. Runs when REDIS_URL is set (CI), skipped otherwise."""

import datetime
import logging
import re
import threading
from collections import Counter

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection, transaction
from django.urls import reverse

from config.celery import app as celery_app
from housing.cases.history import append_history
from housing.cases.plain_words import PLAIN_WORDS
from housing.cases.tasks import send_applicant_notice
from housing.messaging.delivery import deliver
from housing.messaging.tasks import deliver_message
from housing.models import ApplicantNotice, Application, OutgoingMessage
from tests.factories import ApplicationFactory, staff, take
from tests.housing.messaging.gateway import local_gateway
from tests.markers import redis_only
from tests.support.beat import wait_until

pytestmark = [redis_only, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ID = "44030619900101123X"
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
PHONE = "13800138000"  # the factory's contact phone
State, Failure = OutgoingMessage.State, OutgoingMessage.Failure


@pytest.fixture
def worker():
    celery_app.control.purge()  # nothing left over from earlier runs or earlier tests
    with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30) as w:
        yield w
    connection.close()


@pytest.fixture
def gateway_answering(settings):
    """Point the HTTP backend at a local gateway giving these answers (the last one repeated)."""
    stack = []

    def start(answers):
        context = local_gateway(answers)
        gateway = context.__enter__()
        stack.append(context)
        settings.SMS_BACKEND = "housing.messaging.backends.http.HttpGatewayBackend"
        settings.SMS_GATEWAY_URL = gateway.url
        settings.SMS_GATEWAY_TOKEN = "test-token"
        settings.MESSAGE_RETRY_BACKOFF = 0.05
        return gateway

    yield start
    for context in stack:
        context.__exit__(None, None, None)


def add_event(application: Application, event: str) -> None:
    """A history row of ``event`` on the case and its notice task, as the step's service queues it on commit."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        row = append_history(application=locked, event=event, actor=None, from_stage=locked.stage,
                             to_stage=locked.stage, reason=f"申请人{ID}的住房情况不符", articles=["R-18.1"],
                             payload={"notice_ends_on": "2026-12-31"})
        transaction.on_commit(lambda: send_applicant_notice.delay(row.pk))


def all_settled():
    return OutgoingMessage.objects.exists() and not OutgoingMessage.objects.filter(state=State.QUEUED).exists()


def test_every_kind_of_notice_reaches_the_applicant_once(allocation_round, gateway_answering, worker, caplog):
    caplog.set_level(logging.INFO)
    gateway = gateway_answering([(200, {"code": "0", "msg_id": "gw"})])
    app = ApplicationFactory(round=allocation_round)  # intake: the first notice
    app = take("return_for_supplement", app, missing=("hukou_booklet",))  # a real step through take_step
    for event in sorted(set(PLAIN_WORDS) - {"intake", "return_for_supplement"}):
        add_event(app, event)
    wait_until(lambda: OutgoingMessage.objects.filter(state=State.SENT).count() == len(PLAIN_WORDS),
               what="every notice sent")

    notices = ApplicantNotice.objects.filter(application=app).select_related("history")
    assert sorted(n.history.event for n in notices) == sorted(PLAIN_WORDS)
    for notice in notices:
        [message] = notice.deliveries.all()
        assert (message.channel, message.state, message.recipient) == ("sms", State.SENT, PHONE)
    requests = gateway.requests
    assert len(requests) == len(PLAIN_WORDS)
    assert set(Counter(r["body"]["client_ref"] for r in requests).values()) == {1}
    for request in requests:
        content = request["body"]["content"]
        assert content.startswith("【龙华区住房保障】") and app.number in content, content
        assert not ID_PATTERN.search(content), content
        assert request["headers"]["Authorization"] == "Bearer test-token"

    # A notice task or a delivery run again sends nothing more.
    row = notices[0].history
    send_applicant_notice.delay(row.pk)
    for message in OutgoingMessage.objects.all()[:3]:
        deliver_message.delay(message.pk)
    marker = ApplicationFactory(round=allocation_round)  # queued after them: its SMS arrives last
    wait_until(lambda: OutgoingMessage.objects.filter(application=marker, state=State.SENT).exists())
    assert gateway.count() == len(PLAIN_WORDS) + 1

    lines = "\n".join(r.getMessage() for r in caplog.records)
    assert "138****8000" in lines
    assert PHONE not in lines and not ID_PATTERN.search(lines)


def test_a_failing_gateway_is_retried_then_the_page_shows_the_failure(allocation_round, gateway_answering, worker,
                                                                      settings, client):
    settings.MESSAGE_MAX_ATTEMPTS = 3
    gateway = gateway_answering([(503, {"message": "service unavailable"})])
    app = ApplicationFactory(round=allocation_round)
    wait_until(all_settled, what="the intake notice's SMS settled")
    message = OutgoingMessage.objects.get(application=app)
    assert (message.state, message.failure, message.attempts) == (State.FAILED, Failure.UNREACHABLE, 3)
    assert "HTTP 503" in message.last_error and gateway.count() == 3

    client.force_login(staff("ccb", "clerk"))
    client.cookies["django_language"] = "en"
    page = client.get(reverse("housing:application_detail", args=[app.number])).content.decode()
    assert "Not delivered" in page and "Gateway unreachable after every retry" in page and "HTTP 503" in page
    assert "138****8000" in page


def test_a_refusing_gateway_is_asked_once(allocation_round, gateway_answering, worker, settings):
    settings.MESSAGE_MAX_ATTEMPTS = 5
    gateway = gateway_answering([(400, {"message": "invalid mobile"})])
    app = ApplicationFactory(round=allocation_round)
    wait_until(all_settled, what="the intake notice's SMS settled")
    message = OutgoingMessage.objects.get(application=app)
    assert (message.state, message.failure, message.attempts) == (State.FAILED, Failure.REJECTED, 1)
    assert "HTTP 400" in message.last_error and gateway.count() == 1


def test_two_deliveries_at_once_send_once(allocation_round, settings):
    """The row lock: a second run waits for the first and then finds the message sent."""
    with local_gateway([(200, {"code": "0", "msg_id": "gw"})], delay=0.5) as gateway:
        settings.SMS_BACKEND = "housing.messaging.backends.http.HttpGatewayBackend"
        settings.SMS_GATEWAY_URL = gateway.url
        app = ApplicationFactory(round=allocation_round)
        message = OutgoingMessage.objects.create(channel="sms", recipient=PHONE, text="【龙华区住房保障】x",
                                                 purpose="test", application=app)
        outcomes = []

        def run():
            outcomes.append(deliver(message_id=message.pk))
            connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
    assert outcomes == [State.SENT, State.SENT] and gateway.count() == 1


def test_a_message_whose_task_was_lost_is_sent_by_the_periodic_job(allocation_round, beat_and_worker, settings,
                                                                   gateway_answering):
    gateway = gateway_answering([(200, {"code": "0", "msg_id": "gw"})])
    app = ApplicationFactory(round=allocation_round, facts={"contact_phone": ""})  # its notice sends no SMS
    lost = OutgoingMessage.objects.create(channel="sms", recipient=PHONE, text="【龙华区住房保障】x", purpose="test",
                                          application=app)  # written without its task, as if the broker lost it
    OutgoingMessage.objects.filter(pk=lost.pk).update(created_at=lost.created_at - datetime.timedelta(minutes=20))
    with beat_and_worker(["messages-requeue"], every_seconds=1) as finished:
        wait_until(lambda: OutgoingMessage.objects.get(pk=lost.pk).state == State.SENT, what="the lost message sent")
        wait_until(lambda: finished.count("housing.jobs.messaging.requeue_stale_messages") >= 2)
    assert [r["body"]["client_ref"] for r in gateway.requests] == [str(lost.key)]
