"""A staff session ends after ``STAFF_IDLE_MINUTES`` without a request (docs/decisions/0025).

The time of the last request is kept in the session, written at most once a minute so a busy clerk's pages do not
each save the session; a request after the idle time signs the user out and sends them to the login page with the
page they asked for, where a message says why."""

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from departments.second_factor import confirmed_device, needs_second_factor

LAST_SEEN = "last_seen"


def start_idle_clock(sender, request, user, **kwargs):
    """On signing in (django.contrib.auth's user_logged_in), so the first page after it writes nothing more."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = time.time()


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.STAFF_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, _("You were signed out after %(minutes)s minutes without activity; sign in "
                                         "again.") % {"minutes": settings.STAFF_IDLE_MINUTES})
                return redirect_to_login(request.get_full_path())
            if last is None or now - last > 60:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """A head or a system administrator signed in with the password only reaches nothing but the second-factor
    pages, the sign-out and the language switch until a code from their app verifies the sign-in
    (departments.second_factor, docs/decisions/0029). After django_otp's OTPMiddleware, which gives
    ``request.user.is_verified``."""

    OPEN = ("departments:second_factor", "departments:second_factor_setup", "departments:logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if needs_second_factor(user) and not user.is_verified():
            open_paths = {reverse(name) for name in self.OPEN}
            if request.path not in open_paths and not request.path.startswith((settings.STATIC_URL, "/public/")):
                target = "departments:second_factor" if confirmed_device(user) else "departments:second_factor_setup"
                return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)
