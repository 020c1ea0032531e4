"""R-6, R-38: every sign-in, failed or refused sign-in, second-factor code and sign-out leaves a record: when, which
account (or the user name as typed), from which address and browser (docs/decisions/0042).

Written by the sign-in service and form, the second factor, and Django's signals for what they cover (a sign-in
completed, a sign-out, the idle timeout's included); read by discipline inspection and the CCB's head.
"""

from django.contrib.auth.models import update_last_login
from django.db.models import QuerySet

from departments.models import SignInRecord, StaffUser
from departments.network import client_ip

Outcome = SignInRecord.Outcome


def record_sign_in(*, request, outcome: str, username: str = "", account=None) -> SignInRecord:
    if account is not None and not getattr(account, "pk", None):
        account = None
    if not username and account is not None:
        username = account.get_username()
    meta = getattr(request, "META", {}) if request is not None else {}
    return SignInRecord.objects.create(
        outcome=outcome, username=(username or "")[:150], account=account,
        address=client_ip(request)[:45] if request is not None else "",
        user_agent=meta.get("HTTP_USER_AGENT", "")[:300],
    )


def on_signed_in(sender, request, user, **kwargs):
    record_sign_in(request=request, outcome=Outcome.SIGNED_IN, account=user)


def on_signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_sign_in(request=request, outcome=Outcome.SIGNED_OUT, account=user)


def update_last_login_quietly(sender, user, **kwargs):
    """Django's own ``update_last_login``, without an entry in the account's history (django-simple-history skips a
    save while ``skip_history_when_saving`` is set): every sign-in is in SignInRecord already."""
    user.skip_history_when_saving = True
    try:
        update_last_login(sender, user, **kwargs)
    finally:
        del user.skip_history_when_saving


def sign_in_records(*, username: str = "", outcome: str = "", date_from=None, date_to=None) -> QuerySet:
    """The records, newest first, of one account or user name as typed (exact, case as stored), one outcome, and
    the days between two dates (Asia/Shanghai, both included)."""
    qs = SignInRecord.objects.select_related("account__unit")
    if username:
        qs = qs.filter(username=username)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-at", "-id")


def known_account(username: str) -> StaffUser | None:
    return StaffUser.objects.filter(username=username).first()
