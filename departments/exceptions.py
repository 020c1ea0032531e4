import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignInError(Exception):
    message = _("Sign-in failed.")


class BadCredentials(SignInError):
    message = _("The user name or password is wrong.")


class SignInThrottled(SignInError):
    """Too many failures with this user name from this address, or from this address at all (decision 0025). The
    same words whether or not an account has the name."""

    def __init__(self, *, until: float):
        self.until = until
        super().__init__()

    @property
    def message(self):
        moment = timezone.localtime(datetime.datetime.fromtimestamp(self.until, tz=datetime.timezone.utc))
        return _("Too many failed sign-ins from this computer. Try again after %(time)s, or ask the system "
                 "administrator.") % {"time": moment.strftime("%Y-%m-%d %H:%M")}


class AccountAdminOnly(Exception):
    pass
