"""R-16.8b: the housing stock the CCB keeps: projects, buildings and their homes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from departments.permissions import may_do_duty
from housing.groups import Form


class UnitType(models.TextChoices):
    STUDIO = "studio", _("Studio")
    ONE_BEDROOM = "one_bedroom", _("One bedroom")
    TWO_BEDROOM = "two_bedroom", _("Two bedrooms")
    THREE_BEDROOM = "three_bedroom", _("Three bedrooms")


class HousingProject(models.Model):
    name = models.CharField(_("project"), max_length=120, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    property_owner = models.CharField(_("property owner"), max_length=200)
    form = models.CharField(_("form of guarantee"), max_length=20,
                            choices=[(Form.PUBLIC_RENTAL, Form.PUBLIC_RENTAL.label),
                                     (Form.ECONOMIC_HOUSING, Form.ECONOMIC_HOUSING.label)])

    class Meta:
        ordering = ["name"]
        verbose_name = _("housing project")
        verbose_name_plural = _("housing projects")

    def __str__(self) -> str:
        return self.name


class Building(models.Model):
    project = models.ForeignKey(HousingProject, verbose_name=_("project"), on_delete=models.PROTECT,
                                related_name="buildings")
    name = models.CharField(_("building"), max_length=60)

    class Meta:
        ordering = ["project", "name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="building_once_per_project")]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")

    def __str__(self) -> str:
        return f"{self.project.name} {self.name}"


class HousingUnit(ConcurrentTransitionMixin, models.Model):
    """One home. Its status moves only by the transitions below (CONVENTIONS: a state change is a transition)."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        RESERVED = "reserved", _("Reserved by a selection")
        LET = "let", _("Let")
        SOLD = "sold", _("Sold")
        UNDER_REPAIR = "under_repair", _("Under repair")

    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="units")
    number = models.CharField(_("unit number"), max_length=20)
    unit_type = models.CharField(_("unit type"), max_length=20, choices=UnitType.choices)
    area = models.DecimalField(_("floor area (m²)"), max_digits=7, decimal_places=2)
    floor = models.SmallIntegerField(_("floor"))
    monthly_rent = models.DecimalField(_("monthly rent (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True)
    price = models.DecimalField(_("price (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    # what the household pays for an extension or an overstay.
    market_rent = models.DecimalField(_("market rent per month (yuan)"), max_digits=10, decimal_places=2,
                                      null=True, blank=True)
    status = FSMField(_("status"), max_length=14, choices=Status.choices, default=Status.AVAILABLE, protected=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["building", "number"]
        constraints = [models.UniqueConstraint(fields=["building", "number"], name="unit_once_per_building")]
        indexes = [models.Index(fields=["status", "unit_type"], name="unit_status_type")]
        verbose_name = _("home")
        verbose_name_plural = _("homes")

    def __str__(self) -> str:
        return f"{self.building} {self.number}"

    # The selection day's duty moves a home out of the stock and back (R-12.7, R-16.8c, R-16.8d); a choice not
    # signed in time is given up by the deadline itself (SPEC §13), so the scheduled job may release the home.
    @transition(field=status, source=Status.AVAILABLE, target=Status.RESERVED, permission=may_do_duty("run_selection"))
    def reserve(self):
        """R-16.8c: chosen at selection; nobody else may choose it."""

    @transition(field=status, source=Status.RESERVED, target=Status.AVAILABLE,
                permission=may_do_duty("run_selection", deadline=True))
    def release(self):
        """The household gave up before signing: the home goes back to the stock."""

    @transition(field=status, source=Status.RESERVED, target=Status.LET, permission=may_do_duty("run_selection"))
    def let(self):
        """R-16.8d: a rental contract was filed."""

    @transition(field=status, source=Status.RESERVED, target=Status.SOLD, permission=may_do_duty("run_selection"))
    def sell(self):
        """R-16.8d: a sale contract was filed."""

    # the keys come back with the end of the tenancy; R-28: the CCB buys the home back.
    @transition(field=status, source=[Status.LET, Status.SOLD], target=Status.AVAILABLE,
                permission=may_do_duty("manage_tenancy", "manage_ownership"))
    def take_back(self):
        """R-28, R-31–R-34: the keys came back (or the home was bought back)."""

    @transition(field=status, source=Status.AVAILABLE, target=Status.UNDER_REPAIR,
                permission=may_do_duty("manage_stock"))
    def send_to_repair(self):
        pass

    @transition(field=status, source=Status.UNDER_REPAIR, target=Status.AVAILABLE,
                permission=may_do_duty("manage_stock"))
    def return_from_repair(self):
        pass
