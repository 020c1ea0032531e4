"""Demo tenancies (issue #6): a few leases with a rent ledger, one in arrears, one moving out, one due for renewal.

    from housing.demo.accounts import ensure_demo_accounts
    from housing.demo.tenancy import seed
    seed(users=ensure_demo_accounts())     # after build_demo(): uses its filed public-rental contracts

Idempotent: tenancies that already have rent are left alone. The demo contracts were signed a day ago, so the
demo leases are back-dated 8 months (the rent file and the arrears job need months behind them). Payments go through
the rent import (preview, confirm), arrears through the scheduled job's service, the notice through exits.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from housing.models import Contract, Tenancy
from housing.rules.arrears import add_months, first_of_month
from housing.tenancy.services import exits
from housing.tenancy.services.renewals import send_renewal_reminders
from housing.tenancy.services.ledger import confirm_rent_import, detect_arrears, preview_rent_import

BACK_MONTHS = 8


def seed(*, users: dict, count: int = 4) -> list[Tenancy]:
    clerk = users["ccb_clerk"]
    today = timezone.localdate()
    start = add_months(first_of_month(today), -BACK_MONTHS)
    # Filing opened these tenancies a day ago (housing.selection.contracts.file_contract); those without rent yet are
    # back-dated here, demo only, so the ledger and the arrears job have months behind them.
    fresh = list(Tenancy.objects.filter(status=Tenancy.Status.ACTIVE, rent_payments__isnull=True,
                                        starts_on__gt=start).order_by("id").values_list("pk", flat=True)[:count])
    made = []
    with transaction.atomic():
        for n, pk in enumerate(fresh):
            # The fourth lease ends in two months: it is in its renewal window.
            ends = today + datetime.timedelta(days=60) if n == 3 else add_months(start, 36) - datetime.timedelta(days=1)
            tenancy = Tenancy.objects.get(pk=pk)
            Tenancy.objects.filter(pk=pk).update(starts_on=start, ends_on=ends)
            Contract.objects.filter(pk=tenancy.contract_id).update(term_start=start, term_end=ends)
            made.append(Tenancy.objects.select_related("contract").get(pk=pk))
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
    send_renewal_reminders(today=today)
    if len(made) > 2:  # the third is moving out: the lease-end notice was served 10 days ago
        moving = made[2]
        exits.serve_termination_notice(actor=clerk, tenancy=moving, expected_version=moving.version,
                                       reason="lease_end", notified_on=today - datetime.timedelta(days=10))
    return made
