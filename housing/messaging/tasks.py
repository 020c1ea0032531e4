"""Delivering one message in the background (R-16.d): ids in, the delivery service called, retried with backoff."""

import random

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from housing.messaging.delivery import RETRY, deliver, max_attempts


def backoff_seconds(attempts: int) -> float:
    """Exponential with jitter: about base, 2·base, 4·base … after the 1st, 2nd, 3rd attempt, capped."""
    base = float(getattr(settings, "MESSAGE_RETRY_BACKOFF", 30))
    cap = float(getattr(settings, "MESSAGE_RETRY_BACKOFF_MAX", 3600))
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    return delay * (0.5 + random.random() / 2)


# The name is part of the queue's contract: never change it (tests/test_task_names.py).
@shared_task(name="housing.tasks.deliver_message", bind=True, autoretry_for=(OperationalError, InterfaceError),
             retry_backoff=True, max_retries=5)
def deliver_message(self, message_id: int) -> str:
    outcome = deliver(message_id=message_id)
    if outcome == RETRY:
        # The attempts are counted on the row, which ends the retries (failed with its reason) after the last one.
        attempts = self.request.retries + 1
        raise self.retry(countdown=backoff_seconds(attempts), max_retries=max_attempts() + 1)
    return outcome
