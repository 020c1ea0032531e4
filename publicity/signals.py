"""What makes the cached public pages stale (docs/decisions/0012).

Not business logic: each receiver only queues ``invalidate_public_pages`` for after the commit of
the change, so the services that change a list (publicity.services, housing.services) need not
know the public pages exist, and a change made in the admin site invalidates them too.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from housing.models import AllocationRound, Application, Employer, PolicyVersion, SupplyNotice
from housing.stages import Stage
from publicity.cache import invalidate_on_commit
from publicity.models import Objection, PublicNotice, RegisterEntry

# Every model a public page is built from; masking parameters come with PolicyVersion (SPEC §13).
SHOWN = (PublicNotice, Objection, RegisterEntry, SupplyNotice, AllocationRound, Employer, PolicyVersion)

# Stages in which a saved application shows on a public list, or has just left one.
ON_OR_OFF_A_LIST = frozenset({Stage.PUBLIC_NOTICE, Stage.FROZEN, Stage.REMOVED_ON_OBJECTION, Stage.ANNOUNCED,
                              Stage.WITHDRAWN})
# Saves that only touch bookkeeping (the optimistic-lock version, the history hash) change no page.
BOOKKEEPING = frozenset({"version", "history_head", "stage_changed_at"})


def _changed(sender, using=None, **kwargs):
    invalidate_on_commit(using)


def _application_saved(sender, instance, using=None, update_fields=None, **kwargs):
    """Cheap check, no query: an application matters only once it has been put on a notice
    (``notice_ends_on`` is set then, R-16.4) and while it sits in, or has just left, a public list.
    Later steps (selection, contract) and everything before the notice leave the pages alone."""
    if update_fields is not None and set(update_fields) <= BOOKKEEPING:
        return
    if instance.notice_ends_on is not None and instance.stage in ON_OR_OFF_A_LIST:
        invalidate_on_commit(using)


def _entries_changed(sender, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_on_commit(using)


def connect() -> None:
    for model in SHOWN:
        post_save.connect(_changed, sender=model, dispatch_uid=f"public-pages-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"public-pages-delete-{model._meta.label}")
    post_save.connect(_application_saved, sender=Application, dispatch_uid="public-pages-application")
    post_delete.connect(_changed, sender=Application, dispatch_uid="public-pages-application-delete")
    m2m_changed.connect(_entries_changed, sender=PublicNotice.entries.through, dispatch_uid="public-pages-entries")
