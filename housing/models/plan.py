"""The annual cycle (SPEC §4): demand reports, the supply plan and its quotas per unit and employer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from departments.permissions import may_do_duty
from housing.groups import Group


class DemandReport(models.Model):
    """R-15.1: a unit's demand for next year, by applicant group and form, due by 31 October."""

    unit = models.ForeignKey("departments.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="demand_reports")
    year = models.PositiveIntegerField(_("year reported for"))
    group = models.CharField(_("applicant group"), max_length=30, choices=Group.choices)
    rental_households = models.PositiveIntegerField(_("households asking for public rental housing"), default=0)
    sale_households = models.PositiveIntegerField(_("households asking for economic housing"), default=0)
    subsidy_households = models.PositiveIntegerField(_("households asking for a subsidy"), default=0)
    note = models.TextField(_("note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # a report handed in after the deadline is kept, and marked.
    late = models.BooleanField(_("submitted after the deadline"), default=False)

    class Meta:
        ordering = ["-year", "unit", "group"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "group"], name="demand_report_once")]
        verbose_name = _("demand report")
        verbose_name_plural = _("demand reports")


class DemandDeadlineMiss(models.Model):
    """R-15.2: a unit that had not reported by the deadline, flagged once to Discipline Inspection."""

    unit = models.ForeignKey("departments.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="demand_deadline_misses")
    year = models.PositiveIntegerField(_("year reported for"))
    deadline = models.DateField(_("deadline"))
    missing_groups = models.JSONField(_("groups not reported"), default=list)
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="demand_miss_once")]
        verbose_name = _("missed demand deadline")
        verbose_name_plural = _("missed demand deadlines")


class SupplyPlan(ConcurrentTransitionMixin, models.Model):
    """R-15.3, R-15.4: drafted by the CCB, confirmed by the Joint Meeting, approved by the Management
    Committee. Only an approved plan opens an allocation round."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed by the Joint Meeting")
        APPROVED = "approved", _("Approved by the Management Committee")

    year = models.PositiveIntegerField(_("year"), unique=True)
    status = FSMField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, protected=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    note = models.TextField(_("note"), blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(_("drafted at"), auto_now_add=True)
    joint_meeting_reference = models.CharField(_("Joint Meeting minutes"), max_length=120, blank=True)
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     null=True, blank=True)
    committee_reference = models.CharField(_("Management Committee approval"), max_length=120, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("supply plan")
        verbose_name_plural = _("supply plans")

    def __str__(self) -> str:
        return str(_("Supply plan %(year)s") % {"year": self.year})

    @transition(field=status, source=Status.DRAFT, target=Status.CONFIRMED,
                permission=may_do_duty("confirm_supply_plan"))
    def confirm(self):
        """R-15.4: the Joint Meeting confirms."""

    @transition(field=status, source=Status.CONFIRMED, target=Status.APPROVED,
                permission=may_do_duty("record_plan_approval"))
    def approve(self):
        """R-15.4: the Management Committee approves."""


class PlanQuota(models.Model):
    """R-15.3: what one unit may allocate in the plan year: how many homes, rented or sold, of which types."""

    plan = models.ForeignKey(SupplyPlan, on_delete=models.CASCADE, related_name="quotas")
    unit = models.ForeignKey("departments.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    rental_units = models.PositiveIntegerField(_("public rental homes"), default=0)
    sale_units = models.PositiveIntegerField(_("economic housing homes"), default=0)
    unit_types = models.JSONField(_("unit types"), default=list, blank=True)

    class Meta:
        ordering = ["plan", "unit"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="plan_quota_once")]
        verbose_name = _("unit quota")
        verbose_name_plural = _("unit quotas")

    @property
    def total(self) -> int:
        return self.rental_units + self.sale_units


class EmployerQuota(models.Model):
    """R-7.2, R-9.2, R-11.2: a unit's split of its quota among employers; R-17.1/17.2: above the cap
    (50 homes) only with a Joint Meeting decision, recorded here with its reference."""

    plan_quota = models.ForeignKey(PlanQuota, on_delete=models.CASCADE, related_name="employer_quotas")
    employer = models.ForeignKey("housing.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="quotas")
    rental_units = models.PositiveIntegerField(_("public rental homes"), default=0)
    sale_units = models.PositiveIntegerField(_("economic housing homes"), default=0)
    joint_meeting_decision = models.CharField(_("Joint Meeting decision"), max_length=120, blank=True)
    joint_meeting_decided_on = models.DateField(_("decided on"), null=True, blank=True)
    # the recorded decision the unit cites (the two fields above keep its minutes number and date)
    decision = models.ForeignKey("housing.JointMeetingDecision", verbose_name=_("Joint Meeting decision"),
                                 on_delete=models.PROTECT, null=True, blank=True, related_name="employer_quotas")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        ordering = ["plan_quota", "employer"]
        constraints = [models.UniqueConstraint(fields=["plan_quota", "employer"], name="employer_quota_once")]
        verbose_name = _("employer quota")
        verbose_name_plural = _("employer quotas")

    @property
    def total(self) -> int:
        return self.rental_units + self.sale_units
