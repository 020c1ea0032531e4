"""R-8.2, R-25–R-27, R-32: the monthly subsidy batches Finance creates, reviews, approves and exports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from departments.permissions import may_do_duty


class SubsidyChange(models.Model):
    """A stop or a resumption of one subsidy, from a month on, with its reason (R-32, R-3.2)."""

    class Kind(models.TextChoices):
        STOP = "stop", _("Stopped")
        RESUME = "resume", _("Resumed")

    subsidy = models.ForeignKey("housing.Subsidy", on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    from_month = models.DateField(_("from month"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["subsidy", "recorded_at", "id"]
        verbose_name = _("subsidy stop or resumption")
        verbose_name_plural = _("subsidy stops and resumptions")


class SubsidyBatch(ConcurrentTransitionMixin, models.Model):
    """One month's payments. Prepared (by Finance or the scheduled job), reviewed, approved, exported."""

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared")
        REVIEWED = "reviewed", _("Reviewed")
        APPROVED = "approved", _("Approved")
        EXPORTED = "exported", _("Exported to the bank")

    month = models.DateField(_("month"), unique=True)  # the first day of the month paid for
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.PREPARED, protected=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    prepared_at = models.DateTimeField(_("prepared at"), auto_now_add=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True)  # None: the scheduled job
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    exported_at = models.DateTimeField(_("first exported at"), null=True, blank=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("subsidy batch")
        verbose_name_plural = _("subsidy batches")

    # prepared by a clerk, reviewed by a reviewer, approved by a head of Finance, exported by Finance.
    @transition(field=status, source=Status.PREPARED, target=Status.REVIEWED,
                permission=may_do_duty("review_subsidy_batch"))
    def review(self):
        pass

    @transition(field=status, source=Status.REVIEWED, target=Status.APPROVED,
                permission=may_do_duty("approve_subsidy_batch"))
    def approve(self):
        pass

    @transition(field=status, source=[Status.APPROVED, Status.EXPORTED], target=Status.EXPORTED,
                permission=may_do_duty("export_subsidy_batch"))
    def export(self):
        pass


class SubsidyPayment(models.Model):
    """One household's payment for one month: at most one per subsidy and month, whatever runs twice."""

    batch = models.ForeignKey(SubsidyBatch, on_delete=models.CASCADE, related_name="payments")
    subsidy = models.ForeignKey("housing.Subsidy", on_delete=models.PROTECT, related_name="payments")
    month = models.DateField(_("month"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    payee_name = models.CharField(_("payee"), max_length=100)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=40, blank=True)

    class Meta:
        ordering = ["batch", "id"]
        constraints = [models.UniqueConstraint(fields=["subsidy", "month"], name="subsidy_paid_once_per_month")]
        verbose_name = _("subsidy payment")
        verbose_name_plural = _("subsidy payments")
