"""R-6, R-38, R-X.1: reads of personal data, the nightly checks of the hash chains and the alarms they raise, and the
before/after history of the reference data (docs/decisions/0042). Sign-ins are recorded in departments."""

import hashlib
import json


from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register as track_history

from housing.models.employer import Employer
from housing.models.history import AppendOnlyError
from housing.models.key_enterprises import KeyEnterpriseListing
from housing.models.policy import LowIncomeLine, PolicyVersion

__all__: list[str] = ["ChainAlarm", "ChainCheck", "PersonalDataRead"]


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("This record is append-only (R-38).")

    def delete(self):
        raise AppendOnlyError("This record is append-only (R-38).")


class PersonalDataRead(models.Model):
    """R-6, R-38, R-X.2: a member of staff read personal data (a dossier, a material, objection evidence, a search
    by ID number). Names the application, never the ID number searched for (docs/decisions/0042)."""

    class Kind(models.TextChoices):
        DOSSIER = "dossier", _("Dossier downloaded")
        DOCUMENT = "document", _("Material downloaded")
        EVIDENCE = "evidence", _("Objection evidence downloaded")
        ID_SEARCH = "id_search", _("Search by ID number")

    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    actor_name = models.CharField(_("by"), max_length=150)
    actor_unit = models.CharField(_("unit"), max_length=40, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    # The applications read: one for a download, those found for a search (the first of them, and how many).
    application_number = models.CharField(_("application"), max_length=40, blank=True, db_index=True)
    detail = models.CharField(_("details"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=45, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("read of personal data")
        verbose_name_plural = _("reads of personal data")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Reads of personal data are append-only (R-38).")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Reads of personal data are append-only (R-38).")


class Chain(models.TextChoices):
    HISTORY = "history", _("Case histories")
    STAFF_ACTIONS = "staff_actions", _("Staff actions")


class ChainCheckQuerySet(models.QuerySet):
    def record(self, *, chain: str, broken: dict) -> "ChainCheck":
        """R-X.1: this night's check of ``chain`` and, when it is broken, one alarm per distinct set of broken
        entries (run twice, nothing more is raised); alarms of this chain that no longer match are cleared."""
        now = timezone.now()
        check = self.create(chain=chain, broken=broken, checked_at=now)
        key = ""
        if broken:
            fingerprint = hashlib.sha256(json.dumps(broken, sort_keys=True, default=str).encode()).hexdigest()[:40]
            key = f"{chain}:{fingerprint}"
            ChainAlarm.objects.get_or_create(key=key, defaults={"chain": chain, "broken": broken, "raised_at": now})
        ChainAlarm.objects.filter(chain=chain, cleared_at__isnull=True).exclude(key=key).update(cleared_at=now)
        return check


class ChainCheck(models.Model):
    """R-X.1: one nightly check of a hash chain and what it found."""

    chain = models.CharField(_("chain"), max_length=16, choices=Chain.choices)
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    broken = models.JSONField(_("broken entries"), default=dict, blank=True)

    objects = ChainCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["chain", "-checked_at"], name="chain_check_latest")]
        verbose_name = _("chain check")
        verbose_name_plural = _("chain checks")

    @property
    def intact(self) -> bool:
        return not self.broken


class ChainAlarm(models.Model):
    """R-X.1, R-6: a broken chain, an urgent item for discipline inspection and the CCB's head until a later check
    finds the chain as it was (then ``cleared_at``). One alarm per distinct set of broken entries (its key)."""

    key = models.CharField(max_length=100, unique=True)
    chain = models.CharField(_("chain"), max_length=16, choices=Chain.choices)
    broken = models.JSONField(_("broken entries"), default=dict)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("broken chain")
        verbose_name_plural = _("broken chains")


# before/after values of every change to the policy figures, the employers and the key-enterprise lists
# (docs/decisions/0042); read on the staff page housing.audit.views.reference_history.
track_history(PolicyVersion, app="housing")
track_history(LowIncomeLine, app="housing")
track_history(Employer, app="housing")
track_history(KeyEnterpriseListing, app="housing")
