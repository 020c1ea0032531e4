"""Checks a serving process makes before it accepts work (docs/operations.md)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING_KEY = "SECRET_KEY must be set when DJANGO_DEBUG is not 1."


def require_secret_key(**_signal_kwargs) -> None:
    """Sessions, CSRF tokens and signed receipt links need a key that outlives the process."""
    if settings.SECRET_KEY_MISSING:
        raise ImproperlyConfigured(MISSING_KEY)
