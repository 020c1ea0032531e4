"""A running lease (SPEC §11), for the deadline and renewal tests until tests/factories/tenancy.py exists.

``make_tenancy(ends_on=d)``: a C3 public-rental application taken through every stage to FILED by the real
services, a let home from the stock, and the Tenancy of its contract (written directly: test set-up only).
``make_tenancy(group=Group.INSTITUTION_TALENT, renewals=1, ...)`` for a talent renewed once already.
"""

import datetime
from decimal import Decimal

from housing.groups import Form, Group
from housing.models import Contract, HousingUnit, Tenancy
from housing.rules.dates import add_years
from housing.stages import Stage
from tests.factories.applications import ApplicationFactory
from tests.factories.stock import HousingUnitFactory
from tests.factories.workflow import advance


def make_tenancy(*, ends_on: datetime.date, group: str = Group.NO_HOUSING, renewals: int = 0,
                 starts_on: datetime.date | None = None, round=None) -> Tenancy:
    options = {"group": group, "form": Form.PUBLIC_RENTAL}
    if round is not None:
        options["round"] = round
    application = advance(ApplicationFactory(**options), Stage.FILED)
    starts_on = starts_on or add_years(ends_on, -3) + datetime.timedelta(days=1)  # a three-year lease
    existing = Tenancy.objects.filter(application=application)
    if existing.exists():  # filing a lease with a home from the stock starts its tenancy
        existing.update(starts_on=starts_on, ends_on=ends_on, renewals=renewals)
        return existing.get()
    unit = HousingUnitFactory(status=HousingUnit.Status.LET)
    Contract.objects.filter(application=application).update(unit=unit)
    return Tenancy.objects.create(
        contract=Contract.objects.get(application=application), application=application, unit=unit,
        starts_on=starts_on, ends_on=ends_on, monthly_rent=Decimal("1200.00"), renewals=renewals,
    )

def reload_tenancy(tenancy: Tenancy) -> Tenancy:
    return Tenancy.objects.get(pk=tenancy.pk)
