"""The whole test session at one instant, when PORTAL_FROZEN_AT names it (docs/decisions/0023-frozen-clock.md).

    PORTAL_FROZEN_AT=2026-12-31T16:30:00+00:00 .venv/bin/pytest tests/

The instant must carry its offset: the portal's date is Asia/Shanghai's, and the instants worth running are
the ones where Shanghai and UTC disagree on the date. The clock starts there and keeps moving
(``tick=True``), so timeouts, waits and the beat's intervals behave as in a normal run. Without the
variable nothing is changed.

time-machine moves the clock of this process: every thread of it, so also the Celery worker and beat of
tests/support/beat.py and the live server the browser tests talk to. It does not move the clock of other
processes: PostgreSQL (the portal never asks it for the time: no ``Now()``, no ``auto_now`` default in SQL),
Redis (only relative expiries), and Chromium (no page script reads the clock). Tests stay in the frozen run
unless one of those clocks turns out to matter; ``pytest.mark.unfrozen(reason)`` then skips that test under a
frozen instant with the reason, and it still runs in the normal run.
"""

import datetime
import os
import zoneinfo

import pytest

ENVIRONMENT_VARIABLE = "PORTAL_FROZEN_AT"

_traveller = None


def frozen_at() -> datetime.datetime | None:
    """The instant of PORTAL_FROZEN_AT, or None when it is unset or empty."""
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return None
    try:
        instant = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(f"{ENVIRONMENT_VARIABLE}={value!r} is not an ISO instant "
                                "(e.g. 2026-12-31T16:30:00+00:00)") from None
    if instant.tzinfo is None:
        raise pytest.UsageError(f"{ENVIRONMENT_VARIABLE}={value!r} has no offset: write +00:00 (UTC) or +08:00")
    return instant


def pytest_configure(config):
    global _traveller
    config.addinivalue_line(
        "markers", "unfrozen(reason): skipped when PORTAL_FROZEN_AT is set, because it relies on a clock the "
                   "frozen instant cannot move (tests/support/frozen_clock.py)")
    instant = frozen_at()
    if instant is None:
        return
    import time_machine

    _traveller = time_machine.travel(instant, tick=True)
    _traveller.start()


def pytest_unconfigure(config):
    global _traveller
    if _traveller is not None:
        _traveller.stop()
        _traveller = None


def pytest_report_header(config):
    instant = frozen_at()
    if instant is not None:
        shanghai = instant.astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
        return (f"frozen clock: {instant.isoformat()} (in Asia/Shanghai {shanghai.date().isoformat()} "
                f"{shanghai.time().isoformat('minutes')}), ticking from there")
    return None


def pytest_collection_modifyitems(config, items):
    if frozen_at() is None:
        return
    for item in items:
        marker = item.get_closest_marker("unfrozen")
        if marker is not None:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
            item.add_marker(pytest.mark.skip(reason=f"not run at a frozen instant: {reason}"))
