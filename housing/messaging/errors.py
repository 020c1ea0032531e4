"""What a backend raises when a message did not go out (docs/sms-gateway.md)."""


class DeliveryFailure(Exception):
    """The message was not accepted; ``str(exc)`` is the reason, without the recipient."""


class TransientFailure(DeliveryFailure):
    """May pass later (timeout, connection refused, HTTP 5xx, 429): the delivery is retried with backoff."""


class PermanentFailure(DeliveryFailure):
    """Will not pass by retrying (HTTP 4xx, a refused recipient): the message fails at once."""
