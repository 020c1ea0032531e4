"""A stand-in for the government SMS platform on 127.0.0.1 (a free port), recording every request it receives.

    with local_gateway(answers=[(503, {}), (200, {"code": "0", "msg_id": "m1"})]) as gateway:
        ...  # settings.SMS_GATEWAY_URL = gateway.url
        gateway.requests  # [{"headers": {...}, "body": {...}}]

``answers`` are given in order, the last one repeated; ``delay`` seconds before each answer.
"""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Gateway:
    def __init__(self, answers, delay: float):
        self.answers = list(answers)
        self.delay = delay
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.url = ""

    def record(self, headers: dict, body: bytes) -> tuple[int, dict]:
        with self.lock:
            self.requests.append({"headers": headers, "body": json.loads(body.decode("utf-8"))})
            index = min(len(self.requests), len(self.answers)) - 1
            return self.answers[index]

    def count(self) -> int:
        with self.lock:
            return len(self.requests)


def handler_for(gateway: Gateway):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the name http.server calls)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status, answer = gateway.record(dict(self.headers), body)
            if gateway.delay:
                time.sleep(gateway.delay)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):  # keep the test output quiet
            pass

    return Handler


@contextlib.contextmanager
def local_gateway(answers=((200, {"code": "0", "msg_id": "gw-1"}),), *, delay: float = 0.0, path: str = "/sms/send"):
    gateway = Gateway(answers, delay)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(gateway))
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    thread = threading.Thread(target=server.serve_forever, name="test-sms-gateway", daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
