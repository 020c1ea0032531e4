"""R-16.d: each SMS backend hands a message over or says why not; the HTTP one speaks the request of
docs/sms-gateway.md to a local stand-in of the government platform. No database needed."""

import hashlib
import hmac
import io
import json
import socket

import pytest

from housing.messaging.backends import get_sms_backend
from housing.messaging.backends import locmem
from housing.messaging.backends.console import ConsoleBackend
from housing.messaging.backends.file import FileBackend
from housing.messaging.backends.http import HttpGatewayBackend
from housing.messaging.errors import PermanentFailure, TransientFailure
from tests.housing.messaging.gateway import local_gateway

TEXT = "【龙华区住房保障】您的申请LH-2026-C3-000001已受理。"


def test_the_console_backend_writes_the_text_with_the_number_masked():
    out = io.StringIO()
    reference = ConsoleBackend(stream=out).send(to="13812345678", text=TEXT, key="k1")
    assert reference == "console-k1"
    assert TEXT in out.getvalue() and "138****5678" in out.getvalue() and "13812345678" not in out.getvalue()


def test_the_file_backend_appends_one_json_line_per_message(tmp_path):
    backend = FileBackend(path=tmp_path)
    backend.send(to="13812345678", text=TEXT, key="k1")
    backend.send(to="13900001111", text="第二条", key="k2")
    [outbox] = tmp_path.iterdir()
    lines = [json.loads(line) for line in outbox.read_text(encoding="utf-8").splitlines()]
    assert [(x["key"], x["to"], x["text"]) for x in lines] == [
        ("k1", "138****5678", TEXT), ("k2", "139****1111", "第二条")]


def test_the_file_backend_is_the_default(settings, tmp_path):
    settings.SMS_BACKEND = ""
    settings.SMS_FILE_PATH = str(tmp_path)
    assert isinstance(get_sms_backend(), FileBackend)


def test_the_locmem_backend_keeps_the_message(settings):
    settings.SMS_BACKEND = "housing.messaging.backends.locmem.LocmemBackend"
    locmem.outbox.clear()
    get_sms_backend().send(to="13812345678", text=TEXT, key="k1")
    assert locmem.outbox == [{"to": "13812345678", "text": TEXT, "key": "k1"}]


def test_the_http_backend_posts_the_documented_request_and_returns_the_reference():
    with local_gateway([(200, {"code": "0", "msg_id": "gw-42"})]) as gateway:
        backend = HttpGatewayBackend(url=gateway.url, account="longhua", secret="s3cret", token="t0ken")
        assert backend.send(to="13812345678", text=TEXT, key="k1") == "gw-42"
    [request] = gateway.requests
    assert request["body"] == {"account": "longhua", "mobile": "13812345678", "content": TEXT, "client_ref": "k1"}
    headers = request["headers"]
    assert headers["Authorization"] == "Bearer t0ken" and headers["Idempotency-Key"] == "k1"
    assert headers["Content-Type"] == "application/json; charset=utf-8" and headers["X-Account"] == "longhua"
    body = json.dumps(request["body"], ensure_ascii=False).encode()
    expected = hmac.new(b"s3cret", headers["X-Timestamp"].encode() + b"\n" + body, hashlib.sha256).hexdigest()
    assert headers["X-Signature"] == expected


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_a_busy_or_broken_gateway_is_a_transient_failure(status):
    with local_gateway([(status, {"message": "busy"})]) as gateway:
        with pytest.raises(TransientFailure, match=f"HTTP {status}"):
            HttpGatewayBackend(url=gateway.url).send(to="13812345678", text=TEXT, key="k1")


@pytest.mark.parametrize("status, answer", [(400, {"message": "bad mobile"}), (401, {}), (403, {}), (404, {}),
                                            (200, {"code": "E17", "message": "blocked content"})])
def test_a_refusal_is_a_permanent_failure(status, answer):
    with local_gateway([(status, answer)]) as gateway:
        with pytest.raises(PermanentFailure):
            HttpGatewayBackend(url=gateway.url).send(to="13812345678", text=TEXT, key="k1")


def test_a_gateway_that_does_not_answer_in_time_is_a_transient_failure():
    with local_gateway([(200, {"code": "0"})], delay=1.0) as gateway:
        with pytest.raises(TransientFailure, match="not reached"):
            HttpGatewayBackend(url=gateway.url, read_timeout=0.2).send(to="13812345678", text=TEXT, key="k1")


def test_a_refused_connection_is_a_transient_failure():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with pytest.raises(TransientFailure, match="not reached"):
        HttpGatewayBackend(url=f"http://127.0.0.1:{port}/sms").send(to="13812345678", text=TEXT, key="k1")


def test_no_gateway_address_is_a_permanent_failure():
    with pytest.raises(PermanentFailure, match="SMS_GATEWAY_URL"):
        HttpGatewayBackend(url="").send(to="13812345678", text=TEXT, key="k1")


def test_the_gateways_error_text_is_kept_without_phone_or_id_numbers():
    answer = {"message": "bad mobile 13812345678 for 440306199001011234"}
    with local_gateway([(400, answer)]) as gateway:
        with pytest.raises(PermanentFailure) as refused:
            HttpGatewayBackend(url=gateway.url).send(to="13812345678", text=TEXT, key="k1")
    assert "13812345678" not in str(refused.value) and "440306199001011234" not in str(refused.value)
    assert "138****5678" in str(refused.value)
