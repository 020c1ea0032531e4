from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignInError(Exception):
    message = _("Sign-in failed.")


class BadCredentials(SignInError):
    message = _("The user name or password is wrong.")


class AccountLocked(SignInError):
    def __init__(self, *, until):
        self.until = until
        super().__init__()

    @property
    def message(self):
        return _(
            "This account is locked after repeated failed logins until %(time)s. "
            "Ask the system administrator to unlock it sooner."
        ) % {"time": timezone.localtime(self.until).strftime("%Y-%m-%d %H:%M")}


class AccountAdminOnly(Exception):
    pass
