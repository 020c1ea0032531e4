"""What a message may say (R-16.d, R-X.2): never an ID number; an SMS is short, signed and names the application."""

import re

from django.conf import settings

# R-X.2: an 18-character resident ID number (17 digits and a digit or X) anywhere in a text, not part of a longer
# run of digits or letters. Broader than a valid number on purpose: a mistyped one is just as personal.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
REDACTED = "[证件号码已隐去]"
# A mainland mobile number after spaces, hyphens and the country code are dropped.
MOBILE = re.compile(r"1[3-9]\d{9}")
# Any run of 7 or more digits (with spaces or hyphens between) that may be a phone number, for log lines.
PHONE_LIKE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![0-9])")


def contains_id_number(text: str) -> bool:
    return bool(ID_NUMBER.search(text or ""))


def redact_id_numbers(text: str) -> str:
    return ID_NUMBER.sub(REDACTED, text or "")


def normalize_mobile(raw: str) -> str | None:
    """The 11 digits of a mainland mobile number, or None when ``raw`` is none (a landline cannot take an SMS)."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix):]
            break
    return digits if MOBILE.fullmatch(digits) else None


def signature() -> str:
    """The SMS signature in the brackets the platforms require: 【龙华区住房保障】."""
    name = (getattr(settings, "SMS_SIGNATURE", "") or "龙华区住房保障").strip()
    return name if name.startswith("【") else f"【{name}】"


def sms_text(text: str, *, number: str = "") -> str:
    """The signature, then the text on one line, trimmed to ``SMS_MAX_CHARS`` with the application number kept."""
    limit = int(getattr(settings, "SMS_MAX_CHARS", 200))
    body = " ".join(redact_id_numbers(text).split())
    if number and number not in body:
        body = f"申请{number}：{body}"
    room = limit - len(signature())
    if len(body) > room:
        body = body[: room - 1] + "…"
        if number and number not in body:  # the number was cut: put it first and trim the rest
            rest = body.replace("…", "")
            body = f"申请{number}：{rest}"[: room - 1] + "…"
    return signature() + body
