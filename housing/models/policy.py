"""Policy parameters (SPEC §13) as dated versions, edited by the system administrator.

A version applies to applications dated within [effective_from, effective_to]; a successor is
loaded as a new version, so past cases keep the figures they were decided on (Art. 43).
Read through housing.policy.policy_in_force, never directly by the rules.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from housing.rules.policy import DEFAULTS


def _money(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, validators=[MinValueValidator(0)], **kwargs)


def default_unit_types_by_household_size() -> dict:
    return {size: list(types) for size, types in DEFAULTS.unit_types_by_household_size.items()}


class PolicyVersion(models.Model):
    version = models.CharField(_("version"), max_length=40, unique=True)
    effective_from = models.DateField(_("effective from"), unique=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True, help_text=_("Empty: until further notice."))
    notice_days = models.PositiveSmallIntegerField(_("public notice period (days)"), default=DEFAULTS.notice_days)
    announcement_days = models.PositiveSmallIntegerField(_("announcement period before selection (days)"),
                                                         default=DEFAULTS.announcement_days)
    transfer_lookback_years = models.PositiveSmallIntegerField(_("look-back for housing transfers (years)"),
                                                               default=DEFAULTS.transfer_lookback_years)
    asset_limit = _money(_("household asset limit (yuan)"), null=True, blank=True,
                         help_text=_("Art. 18: the official figure; empty until entered."))
    c2_subsidy_standard = _money(_("monthly subsidy of minimum-allowance households (yuan)"), null=True, blank=True,
                                 help_text=_("Art. 26: the approved standard; empty until entered."))
    subsidy_full_senior = _money(_("monthly subsidy, full-senior title (yuan)"),
                                 default=DEFAULTS.talent_subsidies["full_senior"])
    subsidy_deputy_senior = _money(_("monthly subsidy, deputy-senior title (yuan)"),
                                   default=DEFAULTS.talent_subsidies["deputy_senior"])
    subsidy_doctorate = _money(_("monthly subsidy, doctorate (yuan)"), default=DEFAULTS.talent_subsidies["doctorate"])
    subsidy_master = _money(_("monthly subsidy, master (yuan)"), default=DEFAULTS.talent_subsidies["master"])
    subsidy_bachelor = _money(_("monthly subsidy, bachelor (yuan)"), default=DEFAULTS.talent_subsidies["bachelor"])
    employer_quota_cap = models.PositiveSmallIntegerField(_("units per allocation to one employer"),
                                                          default=DEFAULTS.employer_quota_cap)
    give_up_limit = models.PositiveSmallIntegerField(_("give-ups before further rounds are refused"),
                                                     default=DEFAULTS.give_up_limit)
    # SPEC §13, R-16.8c: which unit types a household of each size may choose; the largest size listed
    # also covers every larger household.
    unit_types_by_household_size = models.JSONField(
        _("unit types by household size"), default=default_unit_types_by_household_size,
        help_text=_("Household size → the unit types it may choose; the largest size also covers larger households."))
    sign_within_days = models.PositiveSmallIntegerField(
        _("days to sign the contract after selecting"), default=DEFAULTS.sign_within_days,
        help_text=_("A choice not signed within these days is a give-up (弃签)."))
    # the buy-back formula's depreciation per year of ownership.
    buy_back_depreciation_rate = models.DecimalField(_("buy-back depreciation per year"), max_digits=6,
                                                     decimal_places=4, default=DEFAULTS.buy_back_depreciation_rate)
    # SPEC §13 masking of published personal data (R-16.4b): how much of an ID number stays visible.
    mask_id_head = models.PositiveSmallIntegerField(_("ID number: leading characters shown"), default=DEFAULTS.mask_id_head,
                                                    validators=[MaxValueValidator(8)])
    mask_id_tail = models.PositiveSmallIntegerField(_("ID number: trailing characters shown"), default=DEFAULTS.mask_id_tail,
                                                    validators=[MaxValueValidator(4)])
    mask_name_keeps_last = models.BooleanField(
        _("names of three or more characters keep their last character"), default=DEFAULTS.mask_name_keeps_last)
    note = models.TextField(_("basis"), blank=True, help_text=_("The document that sets these figures."))

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="policy_version_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.version

    def clean(self):
        super().clean()
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end date must not be before the start date.")})
        if self.effective_from:
            others = PolicyVersion.objects.exclude(pk=self.pk)
            overlap = others.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from))
            if self.effective_to:
                overlap = overlap.filter(effective_from__lte=self.effective_to)
            if overlap.exists():
                raise ValidationError(_("These dates overlap those of another policy version; end that one first."))


class LowIncomeLine(models.Model):
    """R-18.2: the per-capita yearly low-income line of one calendar year (Art. 18, last paragraph)."""

    policy = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="low_income_lines",
                               verbose_name=_("policy version"))
    year = models.PositiveSmallIntegerField(_("year"))
    amount = _money(_("per-capita yearly income line (yuan)"))

    class Meta:
        ordering = ["policy", "year"]
        verbose_name = _("low-income line")
        verbose_name_plural = _("low-income lines")
        constraints = [models.UniqueConstraint(fields=["policy", "year"], name="one_low_income_line_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"
