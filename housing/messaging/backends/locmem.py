"""Keeps each SMS in ``outbox`` (unit tests), like Django's locmem e-mail backend."""

from housing.messaging.backends import BaseSmsBackend

outbox: list[dict] = []


class LocmemBackend(BaseSmsBackend):
    def send(self, *, to: str, text: str, key: str) -> str:
        outbox.append({"to": to, "text": text, "key": key})
        return f"locmem-{len(outbox)}"
