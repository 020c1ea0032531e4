"""Rate limits of the public forms and lookups, per client IP, in fixed windows (docs/decisions/0013).

The counters live in the default cache (Redis in production, shared by every web process), one key per
scope, client and window; ``cache.add`` then ``cache.incr`` are atomic there. A request over the limit is
answered 429 before the view runs, so nothing is saved (R-X.5). Limits: ``settings.PUBLIC_RATE_LIMITS``.
"""

import datetime
import functools
import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from departments.network import client_ip


def _key(scope: str, subject: str, window: int) -> str:
    # Hashed: the cache holds no address or application number in clear.
    digest = hashlib.sha256(f"{scope}:{subject}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{window}"


def blocked(scope: str, subject: str) -> int | None:
    """Without counting: the seconds until the window ends if ``subject`` already used up its limit, else None.
    A lookup asks this first, so a limit reached by wrong guesses also refuses the right answer (decision 0028)."""
    limit, seconds = settings.PUBLIC_RATE_LIMITS[scope]
    now = time.time()
    window = int(now // seconds)
    if (cache.get(_key(scope, subject, window)) or 0) >= limit:
        return max(1, math.ceil((window + 1) * seconds - now))
    return None


def hit(scope: str, subject: str, *, default: tuple[int, int] | None = None) -> int | None:
    """Count one request of ``subject`` (an IP, an application number) in ``scope``.

    None while within the limit; otherwise the seconds until the window ends. ``default``: the (requests,
    seconds) of a scope that ``settings.PUBLIC_RATE_LIMITS`` does not name (the public API's).
    """
    limit, seconds = settings.PUBLIC_RATE_LIMITS[scope] if default is None else \
        settings.PUBLIC_RATE_LIMITS.get(scope, default)
    now = time.time()
    window = int(now // seconds)
    key = _key(scope, subject, window)
    cache.add(key, 0, timeout=seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=seconds + 5)
        count = 1
    if count > limit:
        return max(1, math.ceil((window + 1) * seconds - now))
    return None


def too_many(request, retry_after: int):
    """The 429 page: what happened and when to try again."""
    retry_at = timezone.localtime() + datetime.timedelta(seconds=retry_after)
    response = render(request, "429.html", {
        "layout": "publicity/base_public.html", "public": True,
        "minutes": max(1, math.ceil(retry_after / 60)), "retry_at": retry_at,
    }, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "private, no-store"
    return response


def is_post(request) -> bool:
    return request.method == "POST"


def rate_limited(scope: str, *, when=is_post):
    """Count the requests of a view for which ``when(request)`` holds (the submissions, not the blank form)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if when(request):
                retry_after = hit(scope, client_ip(request))
                if retry_after is not None:
                    return too_many(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
