"""Who acted, as people name them (R-6, R-38): a member of staff by name, family name first (陈晓燕); the actors
the portal itself stands for by what they are (系统定时任务 / Scheduled job), never by the name stored for them."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

# The names the writers store for actors that are not staff accounts (departments.permissions: history_name).
NOT_STAFF = {
    "scheduled-job": _("Scheduled job"),
    "public-online": _("Public online service"),
    "system": _("The portal"),
}


def actor_label(actor_name: str, actor=None) -> str:
    """The name shown for the actor of a history row or a staff action: the staff member's full name, else the
    sign-in name stored with the row (an account without a recorded name)."""
    if actor_name in NOT_STAFF:
        return str(NOT_STAFF[actor_name])
    if actor is not None:
        return actor.get_full_name() or actor_name
    return actor_name


def actor_labels() -> dict[str, str]:
    """Every stored actor name with the name people read, built once for a whole export (a few hundred accounts)."""
    labels = {name: str(label) for name, label in NOT_STAFF.items()}
    for user in get_user_model().objects.only("username", "first_name", "last_name"):
        labels[user.username] = user.get_full_name() or user.username
    return labels
