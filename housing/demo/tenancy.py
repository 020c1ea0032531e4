"""Demo tenancies (issue #6): a few leases with a rent ledger, one in arrears, one moving out.

    from housing.demo.accounts import ensure_demo_accounts
    from housing.demo.tenancy import seed
    seed(users=ensure_demo_accounts())     # after build_demo(): uses its filed public-rental contracts

Idempotent: contracts that already have a tenancy are left alone. The demo contracts were signed a day ago, so the
demo leases are back-dated 8 months (the rent file and the arrears job need months behind them). Payments go through
the rent import (preview, confirm), arrears through the scheduled job's service, the notice through exits.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from housing.groups import Form
from housing.models import Building, Contract, HousingProject, HousingUnit, Tenancy, UnitType
from housing.rules.arrears import add_months, first_of_month
from housing.services import exits
from housing.services.tenancy import confirm_rent_import, detect_arrears, preview_rent_import

DEMO_PROJECT = "龙华人才公寓（演示）"
BACK_MONTHS = 8


def _home(n: int) -> HousingUnit:
    project, _ = HousingProject.objects.get_or_create(
        name=DEMO_PROJECT, defaults={"address": "深圳市龙华区民治街道演示路1号",
                                     "property_owner": "深圳市龙华区住房保障运营有限公司", "form": Form.PUBLIC_RENTAL})
    building, _ = Building.objects.get_or_create(project=project, name="1栋")
    unit, created = HousingUnit.objects.get_or_create(
        building=building, number=f"{n + 1:02d}01",
        defaults={"unit_type": UnitType.ONE_BEDROOM, "area": 45, "floor": n + 1, "monthly_rent": 1200,
                  "market_rent": 2600})
    if created:
        unit.reserve()
        unit.let()
        unit.save()
    return unit


def seed(*, users: dict, count: int = 3) -> list[Tenancy]:
    clerk = users["ccb_clerk"]
    today = timezone.localdate()
    start = add_months(first_of_month(today), -BACK_MONTHS)
    contracts = (Contract.objects.filter(application__form=Form.PUBLIC_RENTAL, filed_on__isnull=False,
                                         tenancy__isnull=True).order_by("id")[:count])
    made = []
    with transaction.atomic():
        for n, contract in enumerate(contracts):
            made.append(Tenancy.objects.create(
                contract=contract, application=contract.application, unit=contract.unit or _home(n),
                starts_on=start, ends_on=add_months(start, 36) - datetime.timedelta(days=1),
                monthly_rent=contract.monthly_rent or 1200))
    if not made:
        return []
    lines = ["合同编号,月份,金额,缴费日期,银行流水号"]
    for n, tenancy in enumerate(made):
        paid_months = BACK_MONTHS - (2 if n == 1 else 0)  # the second tenancy owes the last two months
        for m in range(paid_months):
            month = add_months(start, m)
            lines.append(f"{tenancy.contract.number},{month:%Y-%m},{tenancy.monthly_rent:.2f},"
                         f"{month + datetime.timedelta(days=5):%Y-%m-%d},DEMO{tenancy.pk:03d}{m:02d}")
    upload = SimpleUploadedFile("租金-演示.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    preview = preview_rent_import(actor=clerk, uploaded_file=upload)
    if not preview.errors:
        confirm_rent_import(actor=clerk, token=preview.token, sha256=preview.sha256)
    detect_arrears()
    if len(made) > 2:  # the third is moving out: the lease-end notice was served 10 days ago
        moving = made[2]
        exits.serve_termination_notice(actor=clerk, tenancy=moving, expected_version=moving.version,
                                       reason="lease_end", notified_on=today - datetime.timedelta(days=10))
    return made
