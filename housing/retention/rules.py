"""R-X.2: the retention schedule's defaults and its date arithmetic (pure functions, no database).

A record closed on day D under a period of N months is kept through D + N months and purged from the day after,
by the portal's date (Asia/Shanghai). The defaults and their reasons are those of docs/decisions/0043-retention.md.
"""

import datetime
from dataclasses import dataclass

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from housing.models.retention import RetentionCategory as C
from housing.rules.dates import add_months
from housing.stages import Stage

# R-X.2: only applications ended for good are purged; never one still open, filed or with a guarantee.
PURGED_STAGES = (Stage.REFUSED, Stage.WITHDRAWN, Stage.REMOVED_AT_RECHECK, Stage.REMOVED_ON_OBJECTION)

MAX_MONTHS = 360  # 30 years: the schedule keeps data, it never makes it eternal by mistake
MIN_MONTHS = 1


@dataclass(frozen=True)
class Default:
    months: int
    reason: object  # a lazy translation


DEFAULTS: dict[str, Default] = {
    # Five years after the final decision: an administrative case file of a refusal is kept for the time within
    # which it may still be examined (Art. 38) or a false application found later sanctioned (Arts. 35-37).
    C.CLOSED_CASE_FILES: Default(60, _(
        "Five years after the final decision, the time within which a refusal or a withdrawal may still be "
        "examined (Art. 38) or a false application sanctioned (Arts. 35-37).")),
    # Six months after the decision on the objection: the objector is answered and may still ask about it.
    C.OBJECTOR_CONTACTS: Default(6, _(
        "Six months after the objection was decided: the objector was answered and may still ask about the "
        "answer (Art. 16(6)).")),
    C.INQUIRY_CONTACTS: Default(6, _(
        "Six months after the question was answered (Art. 16(5)).")),
    # One year after sending: the delivery of a notice may be disputed within the year (Art. 16).
    C.MESSAGE_RECIPIENTS: Default(12, _(
        "One year after sending, while the delivery of a notice may still be disputed.")),
}

ORDER = tuple(DEFAULTS)


def closed_before(today: datetime.date, months: int) -> datetime.date:
    """Records closed before this day are past their period on ``today``; one closed on it is kept today."""
    return add_months(today, -months)


def keyed_id_number(id_number: str) -> str:
    """The replacement of a full ID number: 18 characters, the same for the same person (a keyed hash, so a
    later check can still tell two purged records of one person apart from two persons), never a valid ID."""
    normalised = "".join((id_number or "").split()).upper()
    return "~" + salted_hmac("housing.retention.id_number", normalised).hexdigest()[:17]


def is_keyed(id_number: str) -> bool:
    return (id_number or "").startswith("~")
