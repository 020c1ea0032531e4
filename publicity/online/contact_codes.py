"""R-16.6, R-X.5: an objection filed online names a contact that reaches its objector, proved by a one-time code.

An objection freezes an entry (R-16.6) and its answer goes back to the contact given with it, so the portal
checks that the contact is real before it takes the objection: a six-digit code is sent to the mobile number by
SMS, or to the e-mail address, and the form is accepted only with that code (docs/decisions/0035). A landline
cannot receive a code; its holder files at the counter, where staff see the objector.

The code lives in the cache, never in clear (an HMAC of it), for ``CODE_MINUTES`` minutes; it is used once, and
``MAX_TRIES`` wrong codes void it. How many codes a contact and an address may ask for is limited in
``settings.PUBLIC_RATE_LIMITS`` (``contact_code``, ``contact_code_ip``).
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from housing.exceptions import InvalidInput
from housing.messaging.services import send_message
from publicity.online.contacts import normalise_contact

CODE_MINUTES = 10
MAX_TRIES = 5
_MOBILE = re.compile(r"1[3-9]\d{9}")


def _key(contact: str) -> str:
    return "contact-code:" + hashlib.sha256(contact.encode()).hexdigest()[:32]


def _digest(contact: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{contact}:{code}".encode(), hashlib.sha256).hexdigest()


def codable_contact(raw: str | None, *, field: str) -> str:
    """The canonical contact a code can be sent to (a mainland mobile number or an e-mail address)."""
    contact = normalise_contact(raw)
    if contact is None:
        raise InvalidInput(_("Nothing was sent; correct the marked field."), field_errors={field: [
            _("Enter a mobile number (11 digits) or an email address.")]})
    if "@" not in contact and not _MOBILE.fullmatch(contact):
        raise InvalidInput(_("Nothing was sent; correct the marked field."), field_errors={field: [
            _("A landline cannot receive a code. Give a mobile number or an email address, or file the objection "
              "at the counter of the City Construction Bureau.")]})
    return contact


def send_contact_code(*, contact: str, field: str) -> str:
    """Send a new code to the contact (the one before it stops working); the canonical contact it went to."""
    contact = codable_contact(contact, field=field)
    code = f"{secrets.randbelow(10 ** 6):06d}"
    cache.set(_key(contact), {"digest": _digest(contact, code), "tries": 0}, timeout=CODE_MINUTES * 60)
    # Plain Chinese, as every message the portal sends; the code and what it is for, nothing about the entry.
    with translation.override("zh-hans"):
        text = _("Your verification code is %(code)s. It is valid for %(minutes)s minutes and confirms the contact of "
                 "an objection to a public notice. If you did not ask for it, ignore this message.") % {
            "code": code, "minutes": CODE_MINUTES}
    send_message(channel="email" if "@" in contact else "sms", recipient=contact, text=text,
                 purpose="contact_code")
    return contact


def code_matches(*, contact: str, code: str | None) -> bool:
    """Does ``code`` match the live code of ``contact``? A match uses the code up; each miss counts."""
    key = _key(contact)
    entry = cache.get(key)
    typed = re.sub(r"\s", "", code or "")
    if not entry or not typed:
        return False
    if hmac.compare_digest(entry["digest"], _digest(contact, typed)):
        return bool(cache.delete(key))  # of two requests with the same code, only the one that deletes it passes
    if entry["tries"] + 1 >= MAX_TRIES:
        cache.delete(key)
    else:
        cache.set(key, {**entry, "tries": entry["tries"] + 1}, timeout=CODE_MINUTES * 60)
    return False
