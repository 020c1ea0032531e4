"""Tenancies and sale contracts for the tenancy tests (issue #6).

``TenancyFactory()`` is a filed public-rental lease of a let home, 1200.00 a month, starting on the first day of the
month 12 months ago and running 3 years; ``SaleContractFactory(signed_on=…)`` a filed economic-housing sale of
600000.00. Until contract filing creates the tenancy (helper C), the rows are built directly here.
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from housing.groups import Form, Group
from housing.models import Contract, HousingUnit, RentPayment, Tenancy
from housing.rules.arrears import add_months, first_of_month
from tests.factories.applications import ApplicationFactory
from tests.factories.staff import staff
from tests.factories.stock import HousingUnitFactory


def _lease_start():
    return add_months(first_of_month(timezone.localdate()), -12)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    application = factory.SubFactory(ApplicationFactory)
    number = factory.Sequence(lambda n: f"LHGZ-2025-{n:05d}")
    property_owner = "深圳市龙华新区城市建设局"
    signatory = factory.LazyAttribute(lambda o: o.application.applicant_name)
    signed_on = factory.LazyFunction(_lease_start)
    term_start = factory.LazyAttribute(lambda o: o.signed_on)
    term_end = factory.LazyAttribute(lambda o: add_months(o.term_start, 36) - datetime.timedelta(days=1))
    monthly_rent = Decimal("1200.00")
    filing_number = factory.Sequence(lambda n: f"BA-{n:05d}")
    filed_on = factory.LazyAttribute(lambda o: o.signed_on)
    unit = factory.SubFactory(HousingUnitFactory, status=HousingUnit.Status.LET)
    recorded_by = factory.LazyFunction(lambda: staff("ccb", "clerk"))


class TenancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenancy

    contract = factory.SubFactory(ContractFactory)
    application = factory.LazyAttribute(lambda o: o.contract.application)
    unit = factory.LazyAttribute(lambda o: o.contract.unit)
    starts_on = factory.LazyAttribute(lambda o: o.contract.term_start)
    ends_on = factory.LazyAttribute(lambda o: o.contract.term_end)
    monthly_rent = factory.LazyAttribute(lambda o: o.contract.monthly_rent)


def SaleContractFactory(**kwargs) -> Contract:  # noqa: N802 — reads like the other factories
    """A filed economic-housing sale contract of a sold home (C1 may buy economic housing)."""
    application = ApplicationFactory(group=Group.LOW_INCOME_NO_HOUSING, form=Form.ECONOMIC_HOUSING)
    defaults = {"application": application, "monthly_rent": None, "price": Decimal("600000.00"), "term_end": None,
                "unit": HousingUnitFactory(economic=True, status=HousingUnit.Status.SOLD)}
    defaults.update(kwargs)
    return ContractFactory(**defaults)


def pay(tenancy: Tenancy, *months: datetime.date, amount: Decimal | None = None) -> None:
    """Ledger rows for the given months (first days), as an import would leave them."""
    for month in months:
        RentPayment.objects.create(tenancy=tenancy, month=first_of_month(month), amount=amount or tenancy.monthly_rent,
                                   paid_on=month, reference=f"REF{month:%Y%m}", imported_by=staff("ccb", "clerk"))
