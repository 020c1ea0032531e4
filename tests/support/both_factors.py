"""``Client.force_login`` stands for a complete sign-in: for a head or a system administrator that is the password
and the authenticator app's code (docs/decisions/0029). Tests that are about the second factor itself sign in
through the pages instead (tests/departments/test_second_factor.py)."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from departments.second_factor import DEVICE_NAME, confirmed_device, needs_second_factor

_force_login = Client.force_login


def force_login_with_both_factors(self, user, backend=None):
    _force_login(self, user, backend)
    if needs_second_factor(user):
        device = confirmed_device(user) or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def pytest_configure(config):
    Client.force_login = force_login_with_both_factors
