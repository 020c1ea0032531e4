"""Staff sign-in, throttled per user name and address (docs/decisions/0025)."""

from django.contrib.auth import authenticate

from departments import throttle
from departments.exceptions import AccountAdminOnly, BadCredentials, SignInThrottled
from departments.network import client_ip
from departments.sign_ins import Outcome, known_account, record_sign_in


def sign_in(*, request, username: str, password: str):
    """Return the user, or raise SignInThrottled / BadCredentials. While throttled, even the right password is
    refused from that address; the answers are the same whether an account has the user name or not."""
    address = client_ip(request) if request is not None else ""
    until = throttle.blocked_until(username, address)
    if until is not None:
        record_sign_in(request=request, outcome=Outcome.THROTTLED, username=username, account=known_account(username))
        raise SignInThrottled(until=until)
    user = authenticate(request, username=username, password=password)
    if user is None:
        throttle.record_failure(username, address)
        record_sign_in(request=request, outcome=Outcome.FAILED, username=username, account=known_account(username))
        until = throttle.blocked_until(username, address)
        if until is not None:
            raise SignInThrottled(until=until)
        raise BadCredentials()
    throttle.clear(username, address)
    return user


def unlock_account(*, actor, account) -> None:
    """A system administrator forgets an account's failed sign-ins at every address (from the admin)."""
    if not (actor.has_role("sysadmin") or actor.is_superuser):
        raise AccountAdminOnly()
    throttle.release(account.get_username())
