"""The second factor of heads and system administrators (docs/decisions/0029): a time-based one-time code from an
authenticator app (TOTP, RFC 6238), through django-otp.

A head decides what cannot be undone (terminations, the register, the plan's approval, payment batches) and the
system administrator manages accounts, so a stolen password alone must not act as them. Other roles sign in with
the password as before.
"""

import base64
import io

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from departments.sign_ins import Outcome, record_sign_in

DEVICE_NAME = "authenticator"


def needs_second_factor(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.has_role(*settings.SECOND_FACTOR_ROLES))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def device_to_set_up(user) -> TOTPDevice:
    """The unconfirmed device whose key the user enters into the app; a new key for each new setup page."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The key as a QR code the app scans (SVG, no image file)."""
    out = io.BytesIO()
    write_qrcode_image(device.config_url, out)
    return out.getvalue().decode()


def base32_key(device: TOTPDevice) -> str:
    """The key for typing into the app by hand, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def confirm_setup(request, device_id: int, token: str) -> bool:
    """The first code from the app confirms its device and verifies this sign-in."""
    device = TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()
    if device is None or not device.verify_token(_digits(token)):
        record_sign_in(request=request, outcome=Outcome.CODE_REFUSED, account=request.user)
        return False
    record_sign_in(request=request, outcome=Outcome.CODE_ACCEPTED, account=request.user)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True


def verify(request, token: str) -> bool:
    """A code from the user's app verifies this sign-in. django-otp slows repeated wrong codes down per device."""
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(_digits(token)):
        record_sign_in(request=request, outcome=Outcome.CODE_REFUSED, account=request.user)
        return False
    record_sign_in(request=request, outcome=Outcome.CODE_ACCEPTED, account=request.user)
    otp_login(request, device)
    return True


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())
