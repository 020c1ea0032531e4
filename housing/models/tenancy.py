"""After allocation (SPEC §11): the lease of a public rental home, its rent ledger, checks, violations,
renewals and the end of the tenancy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from departments.permissions import may_do_duty


class Tenancy(ConcurrentTransitionMixin, models.Model):
    """The lease of one public rental home to one household, from its filed contract."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDING = "ending", _("Termination notified, moving out")
        ENDED = "ended", _("Ended, keys returned")

    contract = models.OneToOneField("housing.Contract", on_delete=models.PROTECT, related_name="tenancy")
    application = models.ForeignKey("housing.Application", on_delete=models.PROTECT, related_name="tenancies")
    unit = models.ForeignKey("housing.HousingUnit", verbose_name=_("home"), on_delete=models.PROTECT,
                             related_name="tenancies")
    starts_on = models.DateField(_("lease starts"))
    ends_on = models.DateField(_("lease ends"))
    monthly_rent = models.DecimalField(_("monthly rent (yuan)"), max_digits=10, decimal_places=2)
    # a talent's lease may be renewed once.
    renewals = models.PositiveSmallIntegerField(_("renewals granted"), default=0)
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, protected=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["ends_on", "id"]
        indexes = [models.Index(fields=["status", "ends_on"], name="tenancy_status_end")]
        verbose_name = _("tenancy")
        verbose_name_plural = _("tenancies")

    def __str__(self) -> str:
        return f"{self.contract.number} {self.unit}"

    # a termination for a violation is a decision; the lease's end or the tenant's notice is procedure
    # . R-31: a lease that ended without a renewal is taken back by the deadline itself.
    @transition(field=status, source=Status.ACTIVE, target=Status.ENDING,
                permission=may_do_duty("manage_tenancy", "decide_termination", deadline=True))
    def notify_termination(self):
        """R-31–R-34: the household was told to move out."""

    @transition(field=status, source=Status.ENDING, target=Status.ENDED, permission=may_do_duty("manage_tenancy"))
    def end(self):
        """R-34: the keys came back."""


class RentPayment(models.Model):
    """One month's rent received, from the monthly payment import; one row per tenancy and month."""

    tenancy = models.ForeignKey(Tenancy, on_delete=models.PROTECT, related_name="rent_payments")
    month = models.DateField(_("month"))  # the first day of the month paid for
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("bank reference"), max_length=60, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["tenancy", "month"]
        constraints = [models.UniqueConstraint(fields=["tenancy", "month"], name="rent_once_per_month")]
        verbose_name = _("rent payment")
        verbose_name_plural = _("rent payments")


class OccupancyCheck(models.Model):
    """R-33(1): a visit that found the household living in the home, or not."""

    tenancy = models.ForeignKey(Tenancy, on_delete=models.PROTECT, related_name="occupancy_checks")
    checked_on = models.DateField(_("checked on"))
    occupied = models.BooleanField(_("the household lives there"))
    note = models.TextField(_("what was found"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["tenancy", "-checked_on"]
        verbose_name = _("occupancy check")
        verbose_name_plural = _("occupancy checks")


class Violation(models.Model):
    """R-33: one ground, with its evidence and the contract penalty."""

    class Ground(models.TextChoices):
        NOT_LIVING = "R-33.1", _("Not lived in for 6 consecutive months or more without good reason (Art. 33(1))")
        ARREARS = "R-33.2", _("Rent unpaid for 2 consecutive months or 6 months in total (Art. 33(2))")
        SUBLET = "R-33.3", _("Sublet (Art. 33(3))")
        SWAP_OR_LEND = "R-33.4", _("Swapped or lent (Art. 33(4))")
        TRANSFER = "R-33.5", _("Transferred, mortgaged or leased (Art. 33(5))")
        BUSINESS = "R-33.6", _("Used for business (Art. 33(6))")
        CHANGED_USE = "R-33.7", _("Use changed (Art. 33(7))")
        DAMAGE = "R-33.8", _("Seriously damaged by intent or gross negligence (Art. 33(8))")
        OTHER = "R-33.9", _("Other breach of law or contract (Art. 33(9))")

    tenancy = models.ForeignKey(Tenancy, on_delete=models.PROTECT, related_name="violations")
    ground = models.CharField(_("ground"), max_length=8, choices=Ground.choices)
    facts = models.TextField(_("facts"))
    evidence = models.FileField(_("evidence"), upload_to="violations/%Y/%m/", blank=True)
    # The months behind an arrears violation, or the checks behind a not-living one.
    basis = models.JSONField(_("basis"), default=dict, blank=True)
    penalty = models.DecimalField(_("contract penalty (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True)  # None: detected by the scheduled job
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("violation")
        verbose_name_plural = _("violations")


class Termination(models.Model):
    """R-31, R-32, R-33, R-34: the end of a tenancy, from the notice to the keys."""

    class Reason(models.TextChoices):
        VIOLATION = "violation", _("Violation (Art. 33)")
        LEASE_END = "lease_end", _("Lease ended without renewal (Art. 31)")
        VOLUNTARY = "voluntary", _("Ended by the tenant (Art. 32)")

    tenancy = models.OneToOneField(Tenancy, on_delete=models.PROTECT, related_name="termination")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    violation = models.ForeignKey(Violation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    notified_on = models.DateField(_("notice of termination served on"))
    # 30 days from the notice; one extension of up to 60 days at market rent.
    move_out_by = models.DateField(_("move out by"))
    extension_days = models.PositiveSmallIntegerField(_("extension (days)"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    market_rent = models.DecimalField(_("market rent per month (yuan)"), max_digits=10, decimal_places=2,
                                      null=True, blank=True)
    overstay_flagged_on = models.DateField(_("overstay found on"), null=True, blank=True)
    court_case_opened_on = models.DateField(_("court enforcement requested on"), null=True, blank=True)
    keys_returned_on = models.DateField(_("keys returned on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["move_out_by"]
        verbose_name = _("termination")
        verbose_name_plural = _("terminations")


class Reminder(models.Model):
    """R-X.6: something due, raised by a scheduled job once (its key is unique) and shown in the work
    queue of the unit that must act, and, where it concerns a household, sent to it."""

    class Kind(models.TextChoices):
        RENEWAL = "renewal", _("Lease ends in 3 months: renewal (Art. 31)")
        LEASE_END = "lease_end", _("Lease ended without renewal: take the home back (Art. 31)")
        MOVE_OUT = "move_out", _("Move-out deadline passed (Art. 34)")
        ARREARS = "arrears", _("Rent arrears (Art. 33(2))")
        SUBSIDY_BATCH = "subsidy_batch", _("Subsidy batch of the month to review (Art. 8)")
        NOTICE_ENDED = "notice_ended", _("Public notice period ended: announce (Art. 16(7))")
        DEMAND_REPORT = "demand_report", _("Demand report due by 31 October (Art. 15)")
        VERIFICATION_OVERDUE = "verify_overdue", _("Verification request past its deadline (Art. 14)")

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    unit = models.ForeignKey("departments.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"))
    text = models.TextField(_("text"))
    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders")
    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["unit", "done_at", "due_on"], name="reminder_queue")]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
