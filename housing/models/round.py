from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from housing.groups import Group


class SupplyNotice(models.Model):
    """R-16.1: the published notice that opens a round: which homes, which groups, how to apply, deadline."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text of the notice"))
    groups = models.JSONField(_("groups invited"), default=list)
    application_deadline = models.DateField(_("application deadline"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("supply notice")
        verbose_name_plural = _("supply notices")

    def __str__(self) -> str:
        return self.title

    def group_labels(self) -> list[str]:
        return [Group(g).label for g in self.groups if g in Group.values]


class AllocationRound(models.Model):
    """One allocation round of a year, opened by a published supply notice (R-16.1)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for applications")
        CLOSED = "closed", _("Closed for applications")

    year = models.PositiveIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=120)
    supply_notice = models.OneToOneField(
        SupplyNotice, verbose_name=_("supply notice"), on_delete=models.PROTECT, related_name="round"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # only an approved supply plan opens a round.
    supply_plan = models.ForeignKey("housing.SupplyPlan", verbose_name=_("supply plan"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="rounds")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")

    def __str__(self) -> str:
        return self.name if str(self.year) in self.name else f"{self.year} {self.name}"
