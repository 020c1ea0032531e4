"""R-13, R-22.1: the key-enterprise list of each year, one row per year and employer.

The list of a year is set by the industry departments and sent through the Economic Services Bureau each January
(Art. 13); it is published as it stands. Listing an employer for another year adds a row and never touches the
rows of other years (docs/decisions/0041-key-enterprises-and-amounts.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__: list[str] = ["KeyEnterpriseListing"]


class ListingQuerySet(models.QuerySet):
    def of_year(self, year: int):
        return self.filter(year=year)

    def year_for(self, employer_id: int | None, year: int) -> int | None:
        """R-22.1: ``year`` when the employer is on that year's list; else the latest earlier year it was listed
        (named in the finding), else the earliest later one; None when it is on no list."""
        if employer_id is None:
            return None
        years = sorted(self.filter(employer_id=employer_id).values_list("year", flat=True))
        if year in years:
            return year
        earlier = [y for y in years if y < year]
        return earlier[-1] if earlier else (years[0] if years else None)

    def add_year(self, employer, year: int | None, *, source: str, actor=None) -> bool:
        """Put the employer on ``year``'s list (idempotent); the lists of other years stay as they are."""
        if year is None:
            return False
        _listing, created = self.get_or_create(employer=employer, year=year,
                                               defaults={"source": source, "recorded_by": actor})
        return created


class KeyEnterpriseListing(models.Model):
    class Source(models.TextChoices):
        # the Economic Services Bureau's import of the year's list
        IMPORT = "import", _("List imported by the Economic Services Bureau")
        # the year stated at intake, before lists were imported (kept from the single year on the employer)
        INTAKE = "intake", _("Year stated at intake")

    employer = models.ForeignKey("housing.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="key_enterprise_listings")
    year = models.PositiveIntegerField(_("year of the list"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.IMPORT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "employer__name"]
        verbose_name = _("key-enterprise listing")
        verbose_name_plural = _("key-enterprise listings")
        constraints = [models.UniqueConstraint(fields=["employer", "year"], name="one_listing_per_employer_and_year")]
        indexes = [models.Index(fields=["year"], name="key_listing_year")]

    def __str__(self) -> str:
        return f"{self.employer} ({self.year})"
