"""Demo: running subsidies with bank details, one stopped, the month's batch prepared; one register entry.

    from housing.demo import subsidies as demo_subsidies
    demo_subsidies.seed(users=users)   # after the demo round is built (housing.demo.walkthrough.build_demo)

``users`` is what housing.demo.accounts.ensure_demo_accounts() returns. Idempotent: run twice, it adds nothing.
Everything goes through the real services, as Finance and the CCB would.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from housing.demo.accounts import DEMO_C2_MONTHLY_SUBSIDY
from housing.models import Application, PolicyVersion, Subsidy, SubsidyBatch
from housing.sanctions.services import REFUSAL_STAGES, record_sanction
from housing.subsidies.services import next_month, prepare_batch, set_bank_details, stop_subsidy
from housing.stages import Stage
from publicity.models import RegisterEntry

DEMO_BANK = "中国建设银行深圳龙华支行"


def _policy_with_c2_standard(month: datetime.date) -> None:
    """R-26: the demo stands in for the administrator who enters the approved C2 standard (a demo figure)."""
    PolicyVersion.objects.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=month), effective_from__lte=month,
        c2_subsidy_standard__isnull=True,
    ).update(c2_subsidy_standard=DEMO_C2_MONTHLY_SUBSIDY)


@transaction.atomic
def seed(*, users: dict) -> dict:
    month = timezone.localdate().replace(day=1)
    _policy_with_c2_standard(month)
    subsidies = list(Subsidy.objects.filter(application__stage=Stage.SUBSIDY_RUNNING)
                     .select_related("application").order_by("application__number"))
    for subsidy in subsidies:
        if not subsidy.bank_account:
            set_bank_details(actor=users["finance_clerk"], subsidy=subsidy, bank_name=DEMO_BANK,
                             bank_account=f"62170033{subsidy.pk:011d}")
    stopped = None
    if len(subsidies) > 2 and not any(s.changes.exists() for s in subsidies):
        stopped = subsidies[-1]
        if stopped.start_month > month:
            stopped = None
        else:
            stop_subsidy(actor=users["finance_reviewer"], subsidy=stopped, from_month=next_month(month),
                         reason="持有人书面通知：已在外购房，申请自下月起停止发放补贴（第三十二条）")
    batch = SubsidyBatch.objects.filter(month=month).first()
    if batch is None or batch.status == SubsidyBatch.Status.PREPARED:
        batch = prepare_batch(actor=users["finance_clerk"], month=month).batch
    entry = RegisterEntry.objects.first()
    if entry is None:
        refused = (Application.objects.filter(stage__in=REFUSAL_STAGES, register_entries__isnull=True)
                   .order_by("number").first())
        if refused is not None:
            entry = record_sanction(actor=users["ccb_head"], ground="R-36.2", application=refused,
                                    facts="申请时隐瞒配偶名下房产，经复核查实（第三十六条）。")
    return {"subsidies": len(subsidies), "stopped": stopped, "batch": batch, "register_entry": entry}
