"""The messaging log (R-X.2): phone numbers masked (138****5678) and ID numbers hidden in every line it writes."""

import logging

from housing.messaging.text import ID_NUMBER, PHONE_LIKE, REDACTED
from housing.models import mask_recipient


def redact_for_log(text: str) -> str:
    text = ID_NUMBER.sub(REDACTED, text)
    return PHONE_LIKE.sub(lambda m: mask_recipient("sms", m.group(0)), text)


class RedactingFilter(logging.Filter):
    """Applied to the formatted line, so no argument can bring a number in."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_for_log(record.getMessage())
        record.args = ()
        return True


log = logging.getLogger("housing.messaging")
log.addFilter(RedactingFilter())
