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
    key_enterprise_year = models.PositiveIntegerField(_("on the key-enterprise list of year"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self) -> str:
        return self.name
