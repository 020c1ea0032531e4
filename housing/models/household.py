"""The household: the applicant, co-applicants and other family members (R-HH.1–4).

Fields follow the person of ../shared/contracts/dossier.schema.json so that any
application can be exported as a dossier.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Relation(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    OTHER = "other", _("Other")


class HouseholdMember(models.Model):
    class Marital(models.TextChoices):
        SINGLE = "single", _("Single")
        MARRIED = "married", _("Married")
        DIVORCED = "divorced", _("Divorced")
        WIDOWED = "widowed", _("Widowed")

    class Hukou(models.TextChoices):
        LONGHUA = "longhua", _("Longhua district")
        SHENZHEN = "shenzhen", _("Elsewhere in Shenzhen")
        ELSEWHERE = "elsewhere", _("Outside Shenzhen")

    application = models.ForeignKey("housing.Application", on_delete=models.CASCADE, related_name="members")
    relation = models.CharField(_("relation to the applicant"), max_length=20, choices=Relation.choices)
    applying = models.BooleanField(_("co-applicant"), default=True)
    name = models.CharField(_("full name"), max_length=100)
    id_number = models.CharField(_("resident ID number"), max_length=18, db_index=True)
    marital_status = models.CharField(_("marital status"), max_length=10, choices=Marital.choices, blank=True)
    hukou = models.CharField(_("hukou"), max_length=10, choices=Hukou.choices, blank=True)
    hukou_since = models.DateField(_("hukou entered Shenzhen on"), null=True, blank=True)
    hukou_by_joining = models.BooleanField(_("hukou obtained by joining the applicant"), default=False)
    hukou_moved_out_for = models.CharField(
        _("hukou moved out for"), max_length=20, blank=True,
        choices=[("military_service", _("Military service")), ("full_time_study", _("Full-time study"))],
    )
    social_insurance_months = models.PositiveIntegerField(_("months of Shenzhen social insurance"), null=True, blank=True)
    first_social_insurance_date = models.DateField(_("first paid Shenzhen social insurance on"), null=True, blank=True)
    owns_housing = models.BooleanField(_("owns housing"), null=True, blank=True)
    owns_residential_land = models.BooleanField(_("owns residential land"), null=True, blank=True)
    last_housing_transfer_date = models.DateField(_("last transferred housing on"), null=True, blank=True)
    bought_policy_housing_in_city = models.BooleanField(_("bought policy housing in Shenzhen"), null=True, blank=True)
    bought_policy_housing_elsewhere = models.BooleanField(_("bought policy housing in another city"), null=True, blank=True)
    received_price_difference_payment = models.BooleanField(_("received a price-difference payment"), null=True, blank=True)
    rents_affordable_housing = models.BooleanField(_("rents affordable housing"), null=True, blank=True)
    received_purchase_subsidy = models.BooleanField(_("received a purchase subsidy"), null=True, blank=True)
    family_planning_violation = models.BooleanField(_("family-planning violation"), null=True, blank=True)
    family_planning_handled_date = models.DateField(_("violation dealt with on"), null=True, blank=True)

    class Meta:
        ordering = ["application_id", "id"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(relation="applicant"), name="one_applicant_per_application"
            ),
            models.UniqueConstraint(fields=["application", "id_number"], name="member_id_unique_in_household"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"
