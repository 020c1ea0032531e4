"""Housing stock (R-16.8b): projects, buildings and homes.

Defaults: a public-rental project, a one-bedroom home of 45.00 m² on floor 3 at 1200.00 yuan a month.
``HousingUnitFactory(status=HousingUnit.Status.LET)`` is allowed in tests: status is written directly on
creation only (the model's FSM field is protected, so later changes must go through its transitions).
For an economic-housing home use ``HousingUnitFactory(economic=True)`` (sets price, clears the rent).
"""

from decimal import Decimal

import factory

from housing.groups import Form
from housing.models import Building, HousingProject, HousingUnit, UnitType


class HousingProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingProject
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"龙华保障房项目{n}")
    address = factory.Sequence(lambda n: f"深圳市龙华新区民治街道{n}号")
    property_owner = "深圳市龙华新区城市建设局"
    form = Form.PUBLIC_RENTAL

    class Params:
        economic = factory.Trait(form=Form.ECONOMIC_HOUSING,
                                 name=factory.Sequence(lambda n: f"龙华经济适用房项目{n}"))


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building
        django_get_or_create = ("project", "name")

    project = factory.SubFactory(HousingProjectFactory)
    name = factory.Sequence(lambda n: f"{n % 20 + 1}栋")


class HousingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingUnit

    building = factory.SubFactory(BuildingFactory)
    number = factory.Sequence(lambda n: f"{n + 101}")
    unit_type = UnitType.ONE_BEDROOM
    area = Decimal("45.00")
    floor = 3
    monthly_rent = Decimal("1200.00")
    price = None
    market_rent = Decimal("2400.00")

    class Params:
        economic = factory.Trait(
            building=factory.SubFactory(BuildingFactory, project=factory.SubFactory(HousingProjectFactory,
                                                                                    economic=True)),
            monthly_rent=None, price=Decimal("600000.00"), market_rent=None)

    @classmethod
    def _create(cls, model_class, *args, status=None, **kwargs):
        # Test set-up only: a protected FSM field may be given once, at construction.
        if status:
            kwargs["status"] = status
        unit = model_class(*args, **kwargs)
        unit.save()
        return unit
