"""The address a request came from, as the sign-in throttle and the public rate limits count it."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, unless ``TRUSTED_PROXY_COUNT`` proxies of ours stand in front: then the address the
    outermost of them saw, counted from the right of X-Forwarded-For (entries to its left are the client's own
    say and can be forged)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not chain:
        return remote
    candidate = chain[-proxies] if len(chain) >= proxies else chain[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
