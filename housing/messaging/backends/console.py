"""Writes each SMS to standard output (development); the number is masked as in a log line."""

import sys

from housing.messaging.backends import BaseSmsBackend
from housing.models import mask_recipient


class ConsoleBackend(BaseSmsBackend):
    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, *, to: str, text: str, key: str) -> str:
        self.stream.write(f"SMS to {mask_recipient('sms', to)} [{key}]: {text}\n")
        self.stream.flush()
        return f"console-{key}"
