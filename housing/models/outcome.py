"""How an application ends well: a unit chosen, a contract signed and filed, or a subsidy (SPEC §5 stages 9–11)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Selection(models.Model):
    """R-16.8c: the unit the household chose in its turn."""

    application = models.OneToOneField("housing.Application", on_delete=models.CASCADE, related_name="selection")
    unit_designation = models.CharField(_("unit chosen"), max_length=120)
    selected_on = models.DateField(_("selected on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # R-16.8c: the home from the stock; while the selection holds, no other selection may name it
    # (the database refuses a second one even when two clerks press at the same moment).
    unit = models.ForeignKey("housing.HousingUnit", verbose_name=_("home"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="selections")
    holds = models.BooleanField(_("holds the home"), default=True)
    session = models.ForeignKey("housing.SelectionSession", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="selections")
    # SPEC §13: a choice not signed by this day is a give-up.
    sign_by = models.DateField(_("sign the contract by"), null=True, blank=True)

    class Meta:
        verbose_name = _("selection of a home")
        constraints = [models.UniqueConstraint(fields=["unit"], condition=models.Q(holds=True),
                                               name="unit_held_by_one_selection")]


class Contract(models.Model):
    """R-16.8d: the contract with the property owner, and its filing by the CCB."""

    application = models.OneToOneField("housing.Application", on_delete=models.CASCADE, related_name="contract")
    number = models.CharField(_("contract number"), max_length=40, unique=True)
    property_owner = models.CharField(_("property owner"), max_length=200)
    signatory = models.CharField(_("signed by"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    monthly_rent = models.DecimalField(_("monthly rent (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True)
    price = models.DecimalField(_("price (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    filing_number = models.CharField(_("filing number"), max_length=40, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    unit = models.ForeignKey("housing.HousingUnit", verbose_name=_("home"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="contracts")
    # R-16.8d: for talents the employer may sign.
    signed_by_employer = models.BooleanField(_("signed by the employer"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("lease or sale contract")


class Subsidy(models.Model):
    """R-16.a, R-25–27: the monthly subsidy that runs instead of a home."""

    application = models.OneToOneField("housing.Application", on_delete=models.CASCADE, related_name="subsidy")
    monthly_amount = models.DecimalField(_("monthly amount (yuan)"), max_digits=10, decimal_places=2)
    start_month = models.DateField(_("first month"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # a stopped subsidy is left out of every batch from its stop month on (SubsidyChange keeps why).
    stopped_from = models.DateField(_("stopped from month"), null=True, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("housing subsidy")
