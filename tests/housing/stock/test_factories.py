from decimal import Decimal

import pytest

from housing.groups import Form
from housing.models import HousingUnit
from tests.factories.stock import HousingUnitFactory

pytestmark = pytest.mark.django_db


def test_default_home_is_an_available_public_rental_one_bedroom():
    unit = HousingUnitFactory()
    assert unit.building.project.form == Form.PUBLIC_RENTAL
    assert (unit.unit_type, unit.area, unit.floor, unit.monthly_rent) == ("one_bedroom", Decimal("45.00"), 3,
                                                                          Decimal("1200.00"))
    assert unit.status == HousingUnit.Status.AVAILABLE


def test_economic_home_and_given_status():
    unit = HousingUnitFactory(economic=True, status=HousingUnit.Status.SOLD)
    assert unit.building.project.form == Form.ECONOMIC_HOUSING
    assert unit.price == Decimal("600000.00") and unit.monthly_rent is None
    assert HousingUnit.objects.get(pk=unit.pk).status == "sold"


def test_demo_stock_seeds_two_projects_and_is_idempotent(imports_dir):
    from housing.demo.stock import seed
    from tests.factories import staff

    clerk = staff("ccb", "clerk")
    first = seed(actor=clerk)
    assert first.new == 60
    assert HousingUnit.objects.filter(status=HousingUnit.Status.UNDER_REPAIR).count() == 2
    assert sorted(set(HousingUnit.objects.values_list("building__project__form", flat=True))) == [
        "economic_housing", "public_rental"]
    second = seed(actor=clerk)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 60)
    assert HousingUnit.objects.filter(status=HousingUnit.Status.UNDER_REPAIR).count() == 2
