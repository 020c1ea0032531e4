"""R-9–11, R-16.8: employers' accounts and the rosters they submit (docs/decisions/0033-employer-rosters.md).

An employer (申请人（用人单位）) signs in with an account of its own, bound to one Employer by its credit code and
created by the talent unit responsible for the employer's group. It submits a roster: one household per entry,
checked by intake's rules when it is confirmed; the talent unit accepts it (every household becomes an
application awaiting the CCB's formal review, in one transaction) or returns it with a reason (no application is
registered; the entries stay on the roster for the employer to read).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from departments.permissions import may_do_duty
from housing.groups import Form, Group

__all__ = ["EmployerAccount", "Roster", "RosterHousehold"]

ROSTER_DUTY = "manage_employer_rosters"


class EmployerAccount(models.Model):
    """The link between a sign-in (a StaffUser with the role "employer" and no unit) and its employer."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("sign-in"), on_delete=models.CASCADE,
                                related_name="employer_account")
    employer = models.ForeignKey("housing.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="accounts")
    group = models.CharField(_("applicant group"), max_length=30, choices=Group.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["employer__name", "user__username"]
        verbose_name = _("employer account")
        verbose_name_plural = _("employer accounts")

    def __str__(self) -> str:
        return f"{self.user.username} · {self.employer}"


class Roster(ConcurrentTransitionMixin, models.Model):
    """R-16.2, R-7.2/R-9.2/R-11.2: the applications of one employer for one round, submitted together."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting the talent unit")
        ACCEPTED = "accepted", _("Accepted: applications registered")
        RETURNED = "returned", _("Returned to the employer")

    number = models.CharField(_("roster number"), max_length=24, unique=True)
    employer = models.ForeignKey("housing.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="rosters")
    round = models.ForeignKey("housing.AllocationRound", verbose_name=_("allocation round"),
                              on_delete=models.PROTECT, related_name="rosters")
    group = models.CharField(_("applicant group"), max_length=30, choices=Group.choices)
    status = FSMField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED, protected=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    households = models.PositiveIntegerField(_("households"), default=0)
    persons = models.PositiveIntegerField(_("persons"), default=0)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["group", "status"], name="roster_group_status")]
        verbose_name = _("employer's roster")
        verbose_name_plural = _("employers' rosters")

    def __str__(self) -> str:
        return self.number

    @transition(field=status, source=Status.SUBMITTED, target=Status.ACCEPTED, permission=may_do_duty(ROSTER_DUTY))
    def accept(self):
        """Every household becomes an application (housing.rosters.services.accept_roster)."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED, permission=may_do_duty(ROSTER_DUTY))
    def return_to_employer(self):
        """No application is registered; the employer may submit a corrected roster."""


class RosterHousehold(models.Model):
    """One household of a roster as the employer submitted it: the applicant's identity for the lists, and the
    whole household (members and facts as intake takes them) for registering it when the roster is accepted."""

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(_("household"), max_length=30)
    row = models.PositiveIntegerField(_("first row in the file"))
    applicant_name = models.CharField(_("applicant"), max_length=100)
    applicant_id_number = models.CharField(_("applicant ID number"), max_length=18, db_index=True)
    form = models.CharField(_("form of guarantee"), max_length=20, choices=Form.choices)
    household_size = models.PositiveSmallIntegerField(_("persons"), default=1)
    data = models.JSONField(default=dict)  # {"members": [...], "facts": {...}}: intake's IntakeData, dates as ISO
    application = models.OneToOneField("housing.Application", verbose_name=_("application"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="roster_entry")

    class Meta:
        ordering = ["roster", "row"]
        constraints = [models.UniqueConstraint(fields=["roster", "key"], name="roster_household_once")]
        verbose_name = _("household on a roster")
        verbose_name_plural = _("households on a roster")
