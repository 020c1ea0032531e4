"""The application and its workflow (SPEC §5). State diagram: docs/workflow.md."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from departments.permissions import may_take
from housing.groups import SHORT_CODE, Form, Group
from housing.stages import WITHDRAWABLE, Stage


# No 0/O, 1/I/L: read aloud at the counter and typed from a printed receipt (31 symbols, 8 of them: about 8.5e11
# codes).
LOOKUP_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_lookup_code() -> str:
    code = "".join(secrets.choice(LOOKUP_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


class Application(ConcurrentTransitionMixin, models.Model):
    number = models.CharField(_("application number"), max_length=24, unique=True)
    round = models.ForeignKey(
        "housing.AllocationRound", verbose_name=_("allocation round"), on_delete=models.PROTECT, related_name="applications",
        db_index=False,  # app_round_group_stage starts with it
    )
    group = models.CharField(_("applicant group"), max_length=30, choices=Group.choices)
    form = models.CharField(_("form of guarantee"), max_length=20, choices=Form.choices)
    # R-16.c, R-16.e: only the transition service moves this field; a stale save raises.
    stage = FSMField(_("stage"), max_length=30, choices=Stage.choices, default=Stage.SUBMITTED, protected=True)
    # R-16.e: optimistic locking; every form carries the version it was rendered with.
    version = models.PositiveIntegerField(_("version"), default=1)
    stage_changed_at = models.DateTimeField(_("stage changed at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("received at"), default=timezone.now)
    employer = models.ForeignKey(
        "housing.Employer", verbose_name=_("employer"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="applications", db_index=False,  # app_employer_id starts with it
    )
    # Copies of the applicant member's identity, kept by the household service, so that
    # search and lists need no join at 200,000 applications (docs/decisions/0004).
    applicant_name = models.CharField(_("applicant"), max_length=100)
    applicant_id_number = models.CharField(_("applicant ID number"), max_length=18)
    household_size = models.PositiveSmallIntegerField(_("applying household size"), default=1)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    # R-16.d: notices also go by e-mail when the applicant gives an address (docs/decisions/0031).
    contact_email = models.EmailField(_("contact e-mail"), max_length=254, blank=True)
    # R-16.d, R-X.2: the code on the receipt of application that the public status lookup asks for besides the ID
    # number, which a public notice half shows (docs/decisions/0028).
    lookup_code = models.CharField(_("status lookup code"), max_length=9, default=new_lookup_code, editable=False)

    # Facts for the talent groups and honours.
    talent_title = models.CharField(
        _("professional title"), max_length=20, blank=True,
        choices=[("full_senior", _("Full-senior title")), ("deputy_senior", _("Deputy-senior title"))],
    )
    talent_title_basis = models.CharField(
        _("title obtained by"), max_length=30, blank=True,
        choices=[
            ("national_exam", _("National examination")),
            ("guangdong_certificate", _("Guangdong senior qualification certificate")),
            ("senior_technician", _("Senior technician qualification")),
        ],
    )
    # leading and outstanding talents (领军人才、杰出人才) are provided for elsewhere: no subsidy here.
    leading_talent = models.BooleanField(_("leading or outstanding talent"), default=False)
    talent_degree = models.CharField(
        _("degree"), max_length=20, blank=True,
        choices=[("doctorate", _("Doctorate")), ("master", _("Master")), ("bachelor", _("Bachelor"))],
    )
    degree_full_time = models.BooleanField(_("degree from full-time study"), null=True, blank=True)
    foreign_degree_certified = models.BooleanField(_("foreign degree certified"), null=True, blank=True)
    honours = models.JSONField(_("honours"), default=list, blank=True)
    # Facts for C1/C2: per-capita income by year, assets.
    income_by_year = models.JSONField(_("per-capita income by year"), default=dict, blank=True)
    total_assets = models.DecimalField(_("total assets"), max_digits=14, decimal_places=2, null=True, blank=True)
    low_income_treatment = models.BooleanField(_("receives low-income treatment"), null=True, blank=True)

    # Set when the application enters a public notice; announce waits for its end.
    notice_ends_on = models.DateField(_("notice period ends"), null=True, blank=True)
    proposed_rank = models.PositiveIntegerField(_("rank on the proposed list"), null=True, blank=True)
    # a renewal is applied for, reviewed and published like a new application.
    renews = models.ForeignKey("housing.Tenancy", verbose_name=_("renews the tenancy"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="renewal_applications")
    # R-X.1: the hash of the newest history row, so that rows cut off the end of the chain are detected too.
    history_head = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["round", "group", "stage"], name="app_round_group_stage"),
            models.Index(fields=["group", "stage", "-id"], name="app_group_stage_id"),
            models.Index(fields=["employer", "-id"], name="app_employer_id"),
            # Prefix search (docs/decisions/0004); the pattern opclass lets PostgreSQL use the
            # index for LIKE 'x%' under any collation, and other databases ignore it.
            models.Index(fields=["applicant_name"], name="app_name_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["applicant_id_number"], name="app_idno_prefix", opclasses=["varchar_pattern_ops"]),
            # The list's sorts and the role queue's longest-waiting-first (docs/decisions/0046), each with the id
            # that breaks ties, so a page of any sort reads an index in order instead of sorting the table.
            models.Index(fields=["submitted_at", "id"], name="app_received_id"),
            models.Index(fields=["applicant_name", "id"], name="app_name_id"),
            models.Index(fields=["stage_changed_at", "id"], name="app_stage_changed_id"),
            models.Index(fields=["group", "stage", "stage_changed_at", "id"], name="app_group_stage_waiting"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def short_group(self) -> str:
        return SHORT_CODE[self.group]

    @property
    def is_subsidy(self) -> bool:
        return self.form == Form.SUBSIDY

    # --- conditions ---------------------------------------------------------------
    def notice_period_over(self) -> bool:
        # only after the notice period has ended.
        return self.notice_ends_on is not None and timezone.localdate() > self.notice_ends_on

    def asks_for_housing(self) -> bool:
        return self.form != Form.SUBSIDY

    def asks_for_subsidy(self) -> bool:
        return self.form == Form.SUBSIDY

    # --- transitions (SPEC §5). Side effects live in housing.cases.workflow. ----------
    @transition(field=stage, source=Stage.SUBMITTED, target=Stage.SUBSTANTIVE_REVIEW,
                permission=may_take("pass_formal_review"))
    def pass_formal_review(self):
        """R-16.2, R-39.3: materials complete; routed to the responsible unit."""

    @transition(field=stage, source=Stage.SUBMITTED, target=Stage.RETURNED,
                permission=may_take("return_for_supplement"))
    def return_for_supplement(self):
        """R-16.2: materials incomplete; the applicant may supplement and resubmit."""

    @transition(field=stage, source=Stage.RETURNED, target=Stage.SUBMITTED, permission=may_take("resubmit"))
    def resubmit(self):
        """R-16.2: the supplement was received."""

    @transition(field=stage, source=Stage.SUBSTANTIVE_REVIEW, target=Stage.ELIGIBLE,
                permission=may_take("approve_eligibility"))
    def approve_eligibility(self):
        """R-16.3, R-39.4: every condition of SPEC §6 passed."""

    @transition(field=stage, source=Stage.SUBSTANTIVE_REVIEW, target=Stage.REFUSED, permission=may_take("refuse"))
    def refuse(self):
        """R-16.3, R-16.d: ineligible; the failed conditions are cited."""

    @transition(field=stage, source=Stage.ELIGIBLE, target=Stage.PROPOSED, permission=may_take("propose"))
    def propose(self):
        """R-16.3: ranked onto the proposed list sent to the CCB."""

    @transition(field=stage, source=Stage.PROPOSED, target=Stage.RECHECKED, permission=may_take("pass_recheck"))
    def pass_recheck(self):
        """R-16.4, R-39.5: the facts were verified as true."""

    @transition(field=stage, source=Stage.PROPOSED, target=Stage.REMOVED_AT_RECHECK,
                permission=may_take("remove_at_recheck"))
    def remove_at_recheck(self):
        """R-16.4: a fact failed verification."""

    @transition(field=stage, source=Stage.RECHECKED, target=Stage.PUBLIC_NOTICE,
                permission=may_take("publish_in_notice"))
    def publish_in_notice(self):
        """R-16.4: published for objections."""

    @transition(field=stage, source=Stage.PUBLIC_NOTICE, target=Stage.FROZEN,
                permission=may_take("freeze_for_objection"))
    def freeze_for_objection(self):
        """R-16.6: an objection freezes the named entry until decided."""

    @transition(field=stage, source=Stage.FROZEN, target=Stage.PUBLIC_NOTICE,
                permission=may_take("dismiss_objection"))
    def dismiss_objection(self):
        """R-16.6: objection not upheld; the entry stays."""

    @transition(field=stage, source=Stage.FROZEN, target=Stage.REMOVED_ON_OBJECTION,
                permission=may_take("uphold_objection"))
    def uphold_objection(self):
        """R-16.6: objection upheld; the entry is removed."""

    @transition(field=stage, source=Stage.PUBLIC_NOTICE, target=Stage.ANNOUNCED,
                permission=may_take("announce"), conditions=[notice_period_over])
    def announce(self):
        """R-16.7: the notice period has ended without an open objection."""

    @transition(field=stage, source=Stage.ANNOUNCED, target=Stage.SELECTION,
                permission=may_take("issue_selection_notice"), conditions=[asks_for_housing])
    def issue_selection_notice(self):
        """R-16.8a: selection notice in rank order."""

    @transition(field=stage, source=Stage.SELECTION, target=Stage.UNIT_SELECTED,
                permission=may_take("record_selection"))
    def record_selection(self):
        """R-16.8c: the household chose one available unit."""

    @transition(field=stage, source=Stage.UNIT_SELECTED, target=Stage.CONTRACTED,
                permission=may_take("sign_contract"))
    def sign_contract(self):
        """R-16.8d: contract signed with the property owner."""

    @transition(field=stage, source=Stage.CONTRACTED, target=Stage.FILED, permission=may_take("file_contract"))
    def file_contract(self):
        """R-16.8d: the CCB files the contract."""

    @transition(field=stage, source=[Stage.SELECTION, Stage.UNIT_SELECTED], target=Stage.GAVE_UP,
                permission=may_take("give_up"))
    def give_up(self):
        """SPEC §13: not selected in its turn (弃选) or not signed in time (弃签); the next household moves up."""

    @transition(field=stage, source=Stage.ANNOUNCED, target=Stage.SUBSIDY_RUNNING,
                permission=may_take("start_subsidy"), conditions=[asks_for_subsidy])
    def start_subsidy(self):
        """R-16.a, R-8.2: after the announcement the subsidy starts instead of selection."""

    @transition(field=stage, source=WITHDRAWABLE, target=Stage.WITHDRAWN, permission=may_take("withdraw"))
    def withdraw(self):
        """R-16.b: withdrawn by the applicant before the contract; the record stays."""


class ApplicationNumberSequence(models.Model):
    """The running number of `LH-<year>-<C#>-<nnnnnn>` per year and group."""

    year = models.PositiveIntegerField()
    group = models.CharField(max_length=30, choices=Group.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "group"], name="uniq_number_sequence")]


class StageCount(models.Model):
    """How many applications of a round, group and form are in each stage.

    Kept in the same transaction as every transition, so the work queue and list
    counts cost the same at 2,000 and at 200,000 applications (docs/decisions/0004).
    """

    round = models.ForeignKey("housing.AllocationRound", on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=30, choices=Group.choices)
    # Finance sees subsidy cases only: counting by form keeps its pages on the counters too.
    form = models.CharField(max_length=20, choices=Form.choices)
    stage = models.CharField(max_length=30, choices=Stage.choices)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "group", "form", "stage"], name="uniq_stage_count")]
