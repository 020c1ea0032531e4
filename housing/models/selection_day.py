"""Selection day (R-16.8a, R-16.8c, SPEC §13): notices in rank order, the clerk's session, give-ups."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from housing.groups import Group


class SelectionNotice(models.Model):
    """R-16.8a: the household's call to select, in rank order; printable and shown in the status lookup."""

    application = models.OneToOneField("housing.Application", on_delete=models.CASCADE,
                                       related_name="selection_notice")
    order = models.PositiveIntegerField(_("order of selection"))
    selection_date = models.DateField(_("selection date"))
    place = models.CharField(_("place"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["order"]
        verbose_name = _("selection notice")
        verbose_name_plural = _("selection notices")


class SelectionSession(models.Model):
    """A clerk's selection session for one round and group: households called one after another."""

    round = models.ForeignKey("housing.AllocationRound", verbose_name=_("allocation round"),
                              on_delete=models.PROTECT, related_name="selection_sessions")
    group = models.CharField(_("applicant group"), max_length=30, choices=Group.choices)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The household called now (None between calls).
    current = models.ForeignKey("housing.Application", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")

    class Meta:
        ordering = ["-opened_at"]
        constraints = [models.UniqueConstraint(fields=["round", "group"], condition=Q(closed_at__isnull=True),
                                               name="one_open_selection_session")]
        verbose_name = _("selection session")
        verbose_name_plural = _("selection sessions")


class GiveUp(models.Model):
    """SPEC §13: a household that did not select in its turn, or did not sign in time, has given up."""

    class Kind(models.TextChoices):
        NO_SHOW = "no_show", _("Did not select in its turn (弃选)")
        NOT_SIGNED = "not_signed", _("Did not sign in time (弃签)")

    application = models.OneToOneField("housing.Application", on_delete=models.CASCADE, related_name="give_up_record")  # "give_up" is the transition
    # Counted per person across rounds: the limit refuses further rounds (SPEC §13).
    applicant_id_number = models.CharField(_("applicant ID number"), max_length=18, db_index=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    # None: recorded by the scheduled job when the signing day passed (departments.permissions.SCHEDULED_JOB).
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("give-up")
        verbose_name_plural = _("give-ups")


