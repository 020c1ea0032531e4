"""Reads for the tenancy pages (R-12.9, R-33, R-34) and the economic-housing exits (R-28, R-29).

The CCB and Finance read tenancies, discipline inspection reads everything (R-6); any other unit is refused
(departments.permissions.can_read_area). Each selector fixes its joins once, so a list costs a constant number of
queries.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from departments.permissions import can_read_area
from housing.groups import Form
from housing.models import BuyBack, Contract, OccupancyCheck, OfficeAction, Tenancy, Termination, Violation
from housing.rules.arrears import Check, find_not_living, lease_months, next_month


def require_reader(user) -> None:
    if not can_read_area(user, "tenancy"):
        raise PermissionDenied


def tenancies_for_list(user, *, status: str = "", ends_before: datetime.date | None = None,
                       in_arrears: bool = False) -> QuerySet[Tenancy]:
    """``in_arrears``: the arrears job found arrears (a recorded Art. 33(2) violation) and the tenancy has not
    ended (docs/decisions/0018)."""
    require_reader(user)
    arrears = Violation.objects.filter(tenancy=OuterRef("pk"), ground=Violation.Ground.ARREARS)
    tenancies = (Tenancy.objects.select_related("contract", "application", "unit__building__project")
                 .annotate(has_arrears=Exists(arrears)).order_by("ends_on", "id"))
    if status:
        tenancies = tenancies.filter(status=status)
    if ends_before:
        tenancies = tenancies.filter(ends_on__lt=ends_before)
    if in_arrears:
        tenancies = tenancies.filter(has_arrears=True).exclude(status=Tenancy.Status.ENDED)
    return tenancies


def get_tenancy_for_user(user, pk: int) -> Tenancy:
    require_reader(user)
    return get_object_or_404(
        Tenancy.objects.select_related("contract", "application", "unit__building__project")
        .prefetch_related("rent_payments",
                          Prefetch("occupancy_checks", OccupancyCheck.objects.select_related("checked_by")),
                          Prefetch("violations", Violation.objects.select_related("recorded_by"))),
        pk=pk)


def termination_of(tenancy: Tenancy) -> Termination | None:
    return Termination.objects.select_related("violation", "recorded_by").filter(tenancy=tenancy).first()


def ledger_rows(tenancy: Tenancy, *, on: datetime.date) -> list[dict]:
    """Each month of the lease up to the current month: paid (with its payment) or not, due or not yet.
    Rent of month M is due by its last day (housing.rules.arrears)."""
    paid = {p.month: p for p in tenancy.rent_payments.all()}
    rows = []
    for month in lease_months(tenancy.starts_on, tenancy.ends_on):
        if month > on:
            break
        payment = paid.get(month)
        rows.append({"month": month, "payment": payment, "overdue": payment is None and next_month(month) <= on})
    return rows


def not_living_proposal(tenancy: Tenancy) -> dict | None:
    """R-33(1): the checks that support proposing a not-living violation, unless one was already recorded."""
    checks = [Check(c.pk, c.checked_on, c.occupied) for c in tenancy.occupancy_checks.all()]
    finding = find_not_living(checks)
    if finding is None:
        return None
    recorded = any(v.ground == Violation.Ground.NOT_LIVING and v.basis.get("checks") == [finding.first.id,
                                                                                           finding.last.id]
                   for v in tenancy.violations.all())
    if recorded:
        return None
    return {"first": finding.first, "last": finding.last, "checks": [finding.first.id, finding.last.id]}


def tenancy_actions(tenancy: Tenancy) -> QuerySet[OfficeAction]:
    return OfficeAction.objects.filter(object_type="tenancy", object_id=str(tenancy.pk)).order_by("-at", "-id")


def sale_contracts(user) -> QuerySet[Contract]:
    """Filed sale contracts of economic housing, with any buy-back or transfer (R-28, R-29)."""
    require_reader(user)
    return (Contract.objects.filter(application__form=Form.ECONOMIC_HOUSING, price__isnull=False,
                                    filed_on__isnull=False)
            .select_related("application", "unit__building__project", "buy_back", "transfer")
            .order_by("signed_on", "id"))


def get_sale_contract(user, pk: int) -> Contract:
    return get_object_or_404(sale_contracts(user), pk=pk)


def ownership_actions(contract: Contract) -> list[OfficeAction]:
    """R-6, R-38: what staff recorded about this sale: the buy-back or the transfer and their inputs."""
    refs = [("contract", str(contract.pk))]
    if getattr(contract, "buy_back", None) is not None:
        refs.append(("buyback", str(contract.buy_back.pk)))
    if getattr(contract, "transfer", None) is not None:
        refs.append(("ownershiptransfer", str(contract.transfer.pk)))
    query = Q()
    for object_type, object_id in refs:
        query |= Q(object_type=object_type, object_id=object_id)
    return list(OfficeAction.objects.filter(query).order_by("-at", "-id"))


def buy_back_of(contract: Contract) -> BuyBack | None:
    return BuyBack.objects.filter(contract=contract).first()
