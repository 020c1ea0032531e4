from django import forms
from django.utils.translation import gettext_lazy as _

from departments.exceptions import SignInError
from departments.services import sign_in
from departments.sign_ins import Outcome, record_sign_in


def refused(request, user) -> None:
    """R-38: the right password, but this account may not sign in here (disabled; not an administrator)."""
    record_sign_in(request=request, outcome=Outcome.REFUSED, account=user)


class SignInForm(forms.Form):
    """The staff login form; also used by the admin site, so lockout holds there too."""

    username = forms.CharField(label=_("User name"), max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.user_cache = sign_in(request=self.request, username=cleaned["username"], password=cleaned["password"])
        except SignInError as exc:
            raise forms.ValidationError(exc.message, code="sign_in")
        if not self.user_cache.is_active:
            refused(self.request, self.user_cache)
            raise forms.ValidationError(_("This account is disabled."), code="inactive")
        return cleaned

    def get_user(self):
        return self.user_cache


class AdminSignInForm(SignInForm):
    def clean(self):
        cleaned = super().clean()
        if self.user_cache is not None and not self.user_cache.is_staff:
            refused(self.request, self.user_cache)
            raise forms.ValidationError(_("Only system administrators use the administration site."), code="not_staff")
        return cleaned


class CodeForm(forms.Form):
    """The six digits an authenticator app shows (docs/decisions/0029)."""

    code = forms.CharField(label=_("Code from your authenticator app"), max_length=12,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "autofocus": True}))
