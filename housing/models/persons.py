"""R-3.2: persons named on applications and the guarantees they hold.

One ``Person`` per normalised resident ID number; one ``PersonLink`` per household member, so a person's open
applications, homes and subsidies are read through the links whatever application named them (applicant,
co-applicant or other member). ``FlaggedSet`` is a person found by the nightly job holding two claims at once
(docs/decisions/0038-one-guarantee.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__: list[str] = ["Person", "PersonLink", "FlaggedSet"]


class Person(models.Model):
    """R-3.2: one person, by resident ID number (upper-case, no spaces), whatever application names them."""

    id_number = models.CharField(_("resident ID number"), max_length=18, unique=True)
    name = models.CharField(_("full name"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("first named at"), auto_now_add=True)

    class Meta:
        ordering = ["id_number"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return f"{self.name} {self.id_number}"


class PersonLink(models.Model):
    """A household member of an application, linked to its person (kept by housing.guarantees.register)."""

    member = models.OneToOneField("housing.HouseholdMember", on_delete=models.CASCADE, related_name="person_link")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="links",
                               db_index=False)  # personlink_person_app starts with it
    # The member's application, copied so that "what else does this person hold" is one index lookup.
    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE, related_name="person_links",
                                    db_index=False)

    class Meta:
        indexes = [
            models.Index(fields=["person", "application"], name="personlink_person_app"),
            models.Index(fields=["application"], name="personlink_app"),
        ]


class FlaggedSet(models.Model):
    """R-3.2: a person the nightly job found on two or more applications or guarantees at once, until a head of
    the CCB resolves it with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting a decision")
        RESOLVED = "resolved", _("Resolved")

    class Outcome(models.TextChoices):
        KEEP_ONE = "keep_one", _("One kept, the others withdrawn")
        BOTH_STAND = "both_stand", _("All stand, for the reason recorded")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="flagged_sets")
    # The claims found, sorted ("app:12|tenancy:3"): the same claims are flagged once; a new claim is a new set.
    signature = models.CharField(max_length=400)
    applications = models.ManyToManyField("housing.Application", related_name="flagged_sets")
    found_on = models.DateField(_("found on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices, blank=True)
    kept = models.ForeignKey("housing.Application", verbose_name=_("application kept"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("flagged set")
        verbose_name_plural = _("flagged sets")
        constraints = [models.UniqueConstraint(fields=["person", "signature"], name="flaggedset_once_per_claims")]
        indexes = [models.Index(fields=["status", "-found_on"], name="flaggedset_status_found")]

    def __str__(self) -> str:
        return f"{self.person.id_number} ({self.found_on})"
