from django.db import models
from django.utils.translation import gettext_lazy as _


class Employer(models.Model):
    """The employer of a talent applicant (C4–C6); ranking is per employer (R-23.2)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Government agency")
        PUBLIC_INSTITUTION = "public_institution", _("Public institution")
        ECW_INSTITUTION = "ecw_institution", _("Education, culture or health institution")
        ENTERPRISE = "enterprise", _("Enterprise")

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # the key-enterprise list of each year is KeyEnterpriseListing (docs/decisions/0041).

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self) -> str:
        return self.name

    @property
    def key_enterprise_years(self) -> str:
        """The years of the key-enterprise lists it is on, oldest first, e.g. "2026, 2027" (R-13)."""
        return ", ".join(str(y) for y in self.key_enterprise_listings.order_by("year").values_list("year", flat=True))
