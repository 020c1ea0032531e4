"""The notice-day cache of the public pages (docs/decisions/0012).

Whole public pages are kept in Django's default cache (Redis in production), keyed by path, query,
language and day, and tagged with a generation number kept in the cache too. Whatever changes a
published list bumps the generation after its transaction commits (publicity.signals), so every
page cached before is ignored from then on: an entry removed on an upheld objection is gone from
the next page served (R-16.6). Only masked data is ever stored (R-16.4b): the views build their
pages from publicity.selectors_public, and the masked rows are cached here as well.

``PublicPageCacheMiddleware`` answers a cached page right after WhiteNoise, before sessions,
authentication or the database are touched, so a notice day's crowd costs one cache round trip
per page.
"""

import hashlib
import logging
import secrets
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_supported_language_variant
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PUBLIC_PREFIX = "/public/"
GENERATION_KEY = "public:generation"
# Entries also expire on their own, so a cache without eviction does not keep old generations for long.
PAGE_TTL = 6 * 3600
# Headers that would make a cached page per-visitor; a response carrying one is never stored.
PER_VISITOR = ("Set-Cookie",)


# --- generation --------------------------------------------------------------------------------------


def _fresh_generation() -> int:
    # Random rather than 1: after an eviction or a flush the old numbers must not come back.
    return secrets.randbits(62)


def generation() -> int:
    """The current generation, started if the cache has none."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        current = cache.get(GENERATION_KEY)
    return current


def invalidate_public_pages() -> None:
    """Every public page and every cached row built so far is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): start a new one
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def invalidate_on_commit(using: str | None = None) -> None:
    """Bump the generation once the current transaction commits; at once outside a transaction.

    One bump per transaction: publishing a notice saves every entry, and each save calls this. A bump
    still queued is reused: whatever rollback would drop it (it sits in the current savepoints or
    their ancestors) drops this change as well; a bump dropped by a rolled-back savepoint is no longer
    queued, and a new one is.
    """
    connection = connections[using or DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:  # autocommit: at once, and a cache outage is only logged
        transaction.on_commit(invalidate_public_pages, using=using, robust=True)
        return
    queued = getattr(connection, "_public_pages_bump", None)
    if queued is not None and not queued.done and any(item[1] is queued for item in connection.run_on_commit):
        return

    def bump():
        if not bump.done:
            bump.done = True
            invalidate_public_pages()

    bump.done = False
    connection._public_pages_bump = bump
    transaction.on_commit(bump, using=using, robust=True)


def cached_rows(name: str, build):
    """Masked rows (publicity.selectors_public) kept for the current generation and day.

    The generation is read before the rows, so rows read before a change committed are filed under a
    generation that is already stale and never served.
    """
    key = f"public:rows:{generation()}:{timezone.localdate().isoformat()}:{name}"
    rows = cache.get(key)
    if rows is None:
        rows = build()
        cache.set(key, rows, PAGE_TTL)
    return rows


# --- pages -------------------------------------------------------------------------------------------


def public_page(*, cache_params: tuple[str, ...] = ()):
    """A public view: no login, GET and HEAD only, and its 200 answers cached whole when the query
    string holds only ``cache_params`` (other queries, such as a search, are answered afresh)."""
    allowed = frozenset(cache_params)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.public_cache_params = allowed
            return response

        return login_not_required(require_safe(wrapped))

    return decorator


def page_language(request) -> str:
    """The language config.middleware.ChosenLanguageMiddleware will activate for this request."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    try:
        return get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
    except LookupError:
        return settings.LANGUAGE_CODE


def page_key(request, language: str) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    # The day is part of the key: pages say whether a notice period is running today.
    return f"public:page:{language}:{timezone.localdate().isoformat()}:{digest}"


def _storable(request, response) -> bool:
    allowed = getattr(response, "public_cache_params", None)
    return (
        allowed is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(h in response.headers for h in PER_VISITOR)
        and set(request.GET) <= allowed
    )


def _etag(content: bytes) -> str:
    return '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'


class PublicPageCacheMiddleware:
    """Answers anonymous GET and HEAD requests for /public/ pages from the cache (docs/decisions/0012).

    Placed right after WhiteNoise: a hit touches neither the session, nor the user, nor the database.
    The key holds the language the visitor chose, so the Chinese and English pages never mix. A
    cache that does not answer is skipped, never an error for the visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not request.path.startswith(PUBLIC_PREFIX):
            return self.get_response(request)
        key = page_key(request, page_language(request))
        try:
            found = cache.get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY)
            entry = found.get(key)
            if current is not None and entry is not None and entry[0] == current:
                return self._from_cache(request, entry)
            if current is None:
                current = generation()
        except Exception:  # the cache is down: serve the page, uncached
            logger.exception("Public page cache unavailable")
            return self.get_response(request)
        response = self.get_response(request)
        if _storable(request, response):
            content = response.content
            response.headers["ETag"] = _etag(content)
            response.headers["Cache-Control"] = "no-cache"
            try:
                cache.set(key, (current, response.status_code, list(response.items()), content), PAGE_TTL)
            except Exception:
                logger.exception("Public page cache unavailable")
            response.headers["X-Public-Cache"] = "miss"
        return response

    @staticmethod
    def _from_cache(request, entry) -> HttpResponse:
        _generation, status, headers, content = entry
        headers = dict(headers)
        if request.headers.get("If-None-Match") == headers.get("ETag"):
            response = HttpResponseNotModified()
            for name in ("ETag", "Cache-Control", "Vary", "Content-Language"):
                if name in headers:
                    response.headers[name] = headers[name]
        else:
            response = HttpResponse(content, status=status, headers=headers)
        response.headers["X-Public-Cache"] = "hit"
        return response
