"""Throttling of staff sign-ins (docs/decisions/0025): counted per user name and address, and per address.

Failures are counted in the default cache (Redis in production, shared by every web process) in fixed windows of
``LOGIN_LOCK_MINUTES``:
- per user name *and* address: after ``LOGIN_MAX_FAILURES`` failures that user name is refused from that address,
  the right password included, until the window ends. Someone at another address is not affected, so an outsider
  cannot keep a member of staff out of their account;
- per address: after ``LOGIN_ADDRESS_MAX_FAILURES`` failures, whatever the user names, every sign-in from that
  address waits for the window to end (guessing one password for many accounts).
The user name is counted as typed, whether an account has it or not, so the answers tell no one which names exist.
Keys are hashed: the cache holds no user name or address in clear.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _window() -> tuple[int, int]:
    seconds = settings.LOGIN_LOCK_MINUTES * 60
    return seconds, int(time.time() // seconds)


def _generation(username: str) -> str:
    """Raised by ``release``: an administrator forgets a user name's failures at every address at once."""
    return str(cache.get(f"signin:generation:{_digest(username)}", 0))


def _keys(username: str, address: str) -> tuple[str, str, int, int]:
    seconds, window = _window()
    pair = f"signin:pair:{_digest(_generation(username), username, address)}:{window}"
    everyone = f"signin:address:{_digest(address)}:{window}"
    return pair, everyone, seconds, window


def blocked_until(username: str, address: str) -> float | None:
    """The epoch second from which this user name may try again from this address; None if it may now."""
    pair, everyone, seconds, window = _keys(username, address)
    counts = cache.get_many([pair, everyone])
    if (counts.get(pair, 0) >= settings.LOGIN_MAX_FAILURES
            or counts.get(everyone, 0) >= settings.LOGIN_ADDRESS_MAX_FAILURES):
        return float((window + 1) * seconds)
    return None


def record_failure(username: str, address: str) -> None:
    pair, everyone, seconds, _window_no = _keys(username, address)
    for key in (pair, everyone):
        cache.add(key, 0, timeout=seconds + 5)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=seconds + 5)


def clear(username: str, address: str) -> None:
    """A successful sign-in forgets the failures of its user name at its address (not the address's count)."""
    pair, _everyone, _seconds, _window_no = _keys(username, address)
    cache.delete(pair)


def release(username: str) -> None:
    key = f"signin:generation:{_digest(username)}"
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=None)
