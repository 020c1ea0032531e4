"""The notice-day cache of the public pages (docs/decisions/0012).

Whole public pages are kept in Django's default cache (Redis in production), keyed by path, query,
language and day, and tagged with a generation number kept in the cache too. Whatever changes a
published list bumps the generation after its transaction commits (publicity.signals), so every
page cached before is ignored from then on: an entry removed on an upheld objection is gone from
the next page served (R-16.6). Only masked data is ever stored (R-16.4b): the views build their
pages from publicity.public.selectors, and the masked rows are cached here as well.

``PublicPageCacheMiddleware`` answers a cached page right after WhiteNoise, before sessions,
authentication or the database are touched, so a notice day's crowd costs one cache round trip
per page. That round trip carries only the page's entry (generation, status, headers, the digest of
its body); the body is stored once under its digest and each web process keeps the bodies it has
served in memory, so a 47 KB page or a 650 KB download is not read from Redis for every visitor
(bench/bench_notice_day.py). A body never changes under its digest, so the copy in memory cannot be
stale: whether a page is current is still decided by the entry read from the cache.
"""

import hashlib
import logging
import secrets
import threading
from collections import OrderedDict
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
# Page bodies each web process keeps in memory, by digest, least recently served dropped first.
LOCAL_BODIES_MAX_BYTES = 32 * 2**20


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
    """Masked rows (publicity.public.selectors) kept for the current generation and day.

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


def body_key(digest: str) -> str:
    return f"public:body:{digest}"


class LocalBodies:
    """Bodies of cached pages by their sha256, in this process, up to ``max_bytes``; thread-safe.

    Content-addressed, so never stale and never invalidated: only evicted, least recently used first.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, digest: str) -> bytes | None:
        with self._lock:
            body = self._bodies.get(digest)
            if body is not None:
                self._bodies.move_to_end(digest)
            return body

    def put(self, digest: str, body: bytes) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self._lock:
            if digest in self._bodies:
                self._bodies.move_to_end(digest)
                return
            self._bodies[digest] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                _digest, dropped = self._bodies.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._bodies.clear()
            self._size = 0


local_bodies = LocalBodies(LOCAL_BODIES_MAX_BYTES)


def _body(digest: str) -> bytes | None:
    """The body of a cached page: from this process's memory, else from the cache (kept here then)."""
    body = local_bodies.get(digest)
    if body is None:
        body = cache.get(body_key(digest))
        if body is not None and hashlib.sha256(body).hexdigest() == digest:
            local_bodies.put(digest, body)
        else:
            body = None
    return body


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
                # An entry of an older format, or whose body was evicted, is built again below.
                content = _body(entry[3]) if isinstance(entry[3], str) else None
                if content is not None:
                    return self._from_cache(request, entry, content)
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
            digest = hashlib.sha256(content).hexdigest()
            try:
                # The body first: an entry is never stored before the body it names.
                cache.set(body_key(digest), content, PAGE_TTL)
                cache.set(key, (current, response.status_code, list(response.items()), digest), PAGE_TTL)
                local_bodies.put(digest, content)
            except Exception:
                logger.exception("Public page cache unavailable")
            response.headers["X-Public-Cache"] = "miss"
        return response

    @staticmethod
    def _from_cache(request, entry, content: bytes) -> HttpResponse:
        _generation, status, headers, _digest = entry
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
