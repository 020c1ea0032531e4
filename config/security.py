"""Headers and checks every answer of the portal gets, whatever view gave it (docs/decisions/0026).

- ``RefuseUnknownHostMiddleware``: a Host outside ALLOWED_HOSTS is a 400 before the public page cache
  (publicity/cache.py) can answer from the cache, which it does before CommonMiddleware validates the Host.
- ``ContentSecurityPolicyMiddleware``: scripts and styles only from the portal's own files; no inline script,
  no inline style, no framing.
- ``PrivateStaffPagesMiddleware``: staff pages, and anything a signed-in member of staff is answered, are never
  kept by a browser or a proxy (R-X.2). Public pages keep the validation rules of the page cache.
"""

from django.conf import settings

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PRIVATE = "private, no-store"
PUBLIC_PREFIX = "/public/"


class RefuseUnknownHostMiddleware:
    """Validates the Host header first: get_host() raises DisallowedHost, which Django answers with a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.get_host()
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Django's own debug pages (DEBUG only) are built from inline script and style.
        if not (settings.DEBUG and response.status_code in (404, 500)):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


def signed_in(request) -> bool:
    # Only staff sign in. The user is read only when a session cookie came: a public page stays free of the
    # session and the database.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES or not hasattr(request, "user"):
        return False
    return request.user.is_authenticated


class PrivateStaffPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        public = request.path.startswith((PUBLIC_PREFIX, settings.STATIC_URL))
        if not public or signed_in(request):
            response.headers["Cache-Control"] = PRIVATE
        return response
