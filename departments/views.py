from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from departments.forms import CodeForm, SignInForm
from departments.second_factor import (
    base32_key, confirm_setup, confirmed_device, device_to_set_up, needs_second_factor, qr_svg, verify,
)


class SignInView(auth_views.LoginView):
    template_name = "departments/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    return target


@require_http_methods(["GET", "POST"])
def second_factor(request):
    """The code from the authenticator app, after the password (docs/decisions/0029)."""
    if not confirmed_device(request.user):
        return redirect("departments:second_factor_setup")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", _("This code is not the one your app shows now. Wait for the next one and try again."))
        status = 400
    return render(request, "departments/second_factor.html", {"form": form, "next": _next(request)}, status=status)


@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """Linking an authenticator app: the key as a QR code and as text, then its first code."""
    if not needs_second_factor(request.user):
        return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))
    if confirmed_device(request.user) and not request.user.is_verified():
        return redirect("departments:second_factor")  # a new app only once this sign-in is verified
    status = 200
    if request.method == "POST":
        form = CodeForm(request.POST)
        device_id = request.POST.get("device")
        if form.is_valid() and device_id and device_id.isdigit() \
                and confirm_setup(request, int(device_id), form.cleaned_data["code"]):
            messages.success(request, _("Your authenticator app is linked. It will ask for its code at every sign-in."))
            return redirect(_next(request))
        form.add_error("code", _("This code is not the one your app shows now. Scan the new key and try again."))
        status = 400
    else:
        form = CodeForm()
    device = device_to_set_up(request.user)
    return render(request, "departments/second_factor_setup.html", {
        "form": form, "device": device, "qr": qr_svg(device), "key": base32_key(device), "next": _next(request),
    }, status=status)
