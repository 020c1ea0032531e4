"""The government SMS platform over HTTPS (R-16.d). The request and what each answer means: docs/sms-gateway.md.

    POST SMS_GATEWAY_URL
    Content-Type: application/json; charset=utf-8
    Authorization: Bearer SMS_GATEWAY_TOKEN                     (when a token is set)
    X-Account, X-Timestamp, X-Signature: HMAC-SHA256(secret)   (when a secret is set)
    Idempotency-Key: the message's key
    {"account": …, "mobile": "13812345678", "content": "【…】…", "client_ref": the message's key}

A 2xx answer whose JSON ``code`` is absent, 0 or "0" is accepted (``msg_id`` is the reference); HTTP 408, 425, 429,
any 5xx, a timeout or a refused connection may pass later; anything else is refused for good.
"""

import hashlib
import hmac
import http.client
import json
import time
from urllib.parse import urlsplit

from django.conf import settings

from housing.messaging.backends import BaseSmsBackend
from housing.messaging.errors import PermanentFailure, TransientFailure
from housing.messaging.logs import redact_for_log

TRANSIENT_STATUSES = frozenset({408, 425, 429})
MAX_ANSWER_BYTES = 64 * 1024


def _setting(name: str, default=""):
    return getattr(settings, name, default)


class HttpGatewayBackend(BaseSmsBackend):
    def __init__(self, *, url: str | None = None, account: str | None = None, secret: str | None = None,
                 token: str | None = None, connect_timeout: float | None = None, read_timeout: float | None = None):
        self.url = url if url is not None else _setting("SMS_GATEWAY_URL")
        self.account = account if account is not None else _setting("SMS_GATEWAY_ACCOUNT")
        self.secret = secret if secret is not None else _setting("SMS_GATEWAY_SECRET")
        self.token = token if token is not None else _setting("SMS_GATEWAY_TOKEN")
        self.connect_timeout = float(connect_timeout or _setting("SMS_GATEWAY_CONNECT_TIMEOUT", 3))
        self.read_timeout = float(read_timeout or _setting("SMS_GATEWAY_READ_TIMEOUT", 10))

    def headers(self, body: bytes, key: str) -> dict[str, str]:
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json",
                   "Idempotency-Key": key, "User-Agent": "longhua-housing-portal"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.secret:
            stamp = str(int(time.time()))
            signed = stamp.encode() + b"\n" + body
            headers.update({"X-Account": self.account, "X-Timestamp": stamp,
                            "X-Signature": hmac.new(self.secret.encode(), signed, hashlib.sha256).hexdigest()})
        return headers

    def send(self, *, to: str, text: str, key: str) -> str:
        parts = urlsplit(self.url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PermanentFailure("SMS_GATEWAY_URL is not set to an http(s) address")
        body = json.dumps({"account": self.account, "mobile": to, "content": text, "client_ref": key},
                          ensure_ascii=False).encode("utf-8")
        status, answer = self.post(parts, body, self.headers(body, key))
        return self.reference(status, answer)

    def post(self, parts, body: bytes, headers: dict) -> tuple[int, bytes]:
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.hostname, parts.port, timeout=self.connect_timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.connect()
            connection.sock.settimeout(self.read_timeout)
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read(MAX_ANSWER_BYTES)
        except (OSError, http.client.HTTPException) as exc:  # timeouts, refused or reset connections, bad answers
            raise TransientFailure(f"SMS gateway not reached: {type(exc).__name__}") from exc
        finally:
            connection.close()

    def reference(self, status: int, answer: bytes) -> str:
        said = redact_for_log(answer[:200].decode("utf-8", "replace")).strip()
        if status in TRANSIENT_STATUSES or status >= 500:
            raise TransientFailure(f"HTTP {status} from the SMS gateway: {said}"[:300])
        if not 200 <= status < 300:
            raise PermanentFailure(f"HTTP {status} from the SMS gateway: {said}"[:300])
        try:
            data = json.loads(answer or b"{}")
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        code = data.get("code", 0)
        if str(code) not in ("0", "OK", "ok"):
            said = redact_for_log(f"code {code} {data.get('message', '')}")
            raise PermanentFailure(f"SMS gateway refused the message: {said}"[:300])
        return str(data.get("msg_id") or data.get("id") or "")[:100]
