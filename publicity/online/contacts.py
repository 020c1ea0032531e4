"""The contact a resident gives with an objection or inquiry (R-16.5, R-16.6): a telephone number or an email
address, kept in one canonical spelling so the lookup matches however it is typed again."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# Mainland mobile (11 digits, 13x-19x) or a landline with its area code (0755-12345678).
_PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}\d{7,8}")
_PHONE_NOISE = re.compile(r"[\s\-().]")


def normalise_contact(raw: str | None) -> str | None:
    """The canonical contact (digits only for a telephone, lower case for an email), or None when the text is
    neither a Chinese telephone number nor an email address."""
    value = (raw or "").strip()
    if not value:
        return None
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            return None
        return value.lower()
    digits = _PHONE_NOISE.sub("", value)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
    return digits if _PHONE.fullmatch(digits) else None


def same_contact(given: str | None, stored: str | None) -> bool:
    """Does the contact typed at the lookup match the one recorded (recorded by staff as typed, or online)?"""
    a = normalise_contact(given)
    b = normalise_contact(stored) or (stored or "").strip().lower()
    return a is not None and a == b


def mask_contact(contact: str) -> str:
    """A canonical contact as a page may echo it: 139****9000, z***@example.com."""
    if "@" in contact:
        name, _at, domain = contact.partition("@")
        return f"{name[:1]}***@{domain}"
    return f"{contact[:3]}****{contact[-4:]}" if len(contact) >= 8 else "****"
