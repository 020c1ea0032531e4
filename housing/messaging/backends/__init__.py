"""SMS backends, chosen by the dotted path in ``settings.SMS_BACKEND`` the way Django chooses its e-mail backend.

A backend's ``send(to=…, text=…, key=…)`` hands one SMS over and returns the gateway's reference, or raises
``TransientFailure`` / ``PermanentFailure`` (housing.messaging.errors). ``key`` is the message's own unique key, sent
along so the gateway can drop a repeat of a message it already took.
"""

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT = "housing.messaging.backends.file.FileBackend"


class BaseSmsBackend:
    def send(self, *, to: str, text: str, key: str) -> str:
        raise NotImplementedError


def get_sms_backend(path: str | None = None) -> BaseSmsBackend:
    return import_string(path or getattr(settings, "SMS_BACKEND", "") or DEFAULT)()
