import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from departments.second_factor import needs_second_factor


def signed_in_client(user, *, language="en", address="10.9.8.7") -> Client:
    """A browser signed in as ``user``; a head's or an administrator's sign-in verified by the app's code."""
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT="Chromium test")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    if needs_second_factor(user):
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def as_user():
    return signed_in_client
