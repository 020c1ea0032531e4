"""Staff sign-in with lockout after repeated failures (docs/decisions/0003)."""

import datetime

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from departments.exceptions import AccountAdminOnly, AccountLocked, BadCredentials


def sign_in(*, request, username: str, password: str):
    """Return the user, or raise AccountLocked / BadCredentials. A locked account stays locked even with the right password."""
    User = get_user_model()
    account = User.objects.filter(username=username).first()
    now = timezone.now()
    if account is not None and account.locked_until and account.locked_until > now:
        raise AccountLocked(until=account.locked_until)
    user = authenticate(request, username=username, password=password)
    if user is None:
        if account is not None:
            _record_failure(account_id=account.pk, now=now)
            account.refresh_from_db(fields=["locked_until"])
            if account.locked_until and account.locked_until > now:
                raise AccountLocked(until=account.locked_until)
        raise BadCredentials()
    if user.failed_login_count or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    return user


@transaction.atomic
def _record_failure(*, account_id: int, now: datetime.datetime) -> None:
    User = get_user_model()
    User.objects.filter(pk=account_id).update(failed_login_count=F("failed_login_count") + 1)
    account = User.objects.select_for_update().get(pk=account_id)
    if account.failed_login_count >= settings.LOGIN_MAX_FAILURES:
        account.locked_until = now + datetime.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
        account.failed_login_count = 0
        account.save(update_fields=["locked_until", "failed_login_count"])


@transaction.atomic
def unlock_account(*, actor, account) -> None:
    """A system administrator lifts a lock (from the admin)."""
    if not (actor.has_role("sysadmin") or actor.is_superuser):
        raise AccountAdminOnly()
    type(account).objects.filter(pk=account.pk).update(failed_login_count=0, locked_until=None)
