"""Economic housing after the sale (R-28, R-29): exits within 5 years, transfers after."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BuyBack(models.Model):
    """R-28: within 5 years of the purchase, the home is bought back at the original price adjusted
    for depreciation and the price level; every input of the formula is kept."""

    class Ground(models.TextChoices):
        BOUGHT_OTHER = "bought_other", _("Bought other housing (Art. 28(1))")
        HUKOU_LEFT = "hukou_left", _("The whole household's hukou left the district (Art. 28(2))")
        CONTRACT = "contract", _("A ground in the sale contract (Art. 28(3))")
        VIOLATION = "violation", _("Violation (Art. 33)")

    contract = models.OneToOneField("housing.Contract", on_delete=models.PROTECT, related_name="buy_back")
    ground = models.CharField(_("ground"), max_length=14, choices=Ground.choices)
    facts = models.TextField(_("facts"))
    original_price = models.DecimalField(_("original price (yuan)"), max_digits=12, decimal_places=2)
    years_held = models.DecimalField(_("years held"), max_digits=5, decimal_places=2)
    depreciation_rate = models.DecimalField(_("depreciation per year"), max_digits=6, decimal_places=4)
    price_index_factor = models.DecimalField(_("price-level factor"), max_digits=7, decimal_places=4)
    # where the price-level factor comes from (e.g. the statistics bureau's index of the month).
    price_index_source = models.CharField(_("source of the price-level factor"), max_length=300, blank=True)
    buy_back_price = models.DecimalField(_("buy-back price (yuan)"), max_digits=12, decimal_places=2)
    buyer = models.CharField(_("bought back by"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("buy-back")
        verbose_name_plural = _("buy-backs")


class OwnershipTransfer(models.Model):
    """R-29: after 5 years, a sale at market price with the land-revenue payment and the government's
    first right to buy. The seller may never apply for economic housing again."""

    contract = models.OneToOneField("housing.Contract", on_delete=models.PROTECT, related_name="transfer")
    seller_id_number = models.CharField(_("seller's ID number"), max_length=18, db_index=True)
    sale_price = models.DecimalField(_("sale price (yuan)"), max_digits=12, decimal_places=2)
    ordinary_price = models.DecimalField(_("ordinary housing price (yuan)"), max_digits=12, decimal_places=2)
    land_revenue_share = models.DecimalField(_("land-revenue share"), max_digits=5, decimal_places=4)
    land_revenue_payment = models.DecimalField(_("land-revenue payment (yuan)"), max_digits=12, decimal_places=2)
    first_right_declined_on = models.DateField(_("government declined to buy on"))
    paid_on = models.DateField(_("payment received on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ownership transfer")
        verbose_name_plural = _("ownership transfers")
