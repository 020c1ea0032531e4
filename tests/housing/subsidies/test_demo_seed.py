"""The demo seed of subsidies and the register: idempotent, through the services (housing/demo/subsidies.py)."""

import pytest
from django.utils import timezone
from housing.demo.accounts import ensure_demo_accounts
from housing.demo import subsidies as demo
from housing.models import SubsidyPayment, SubsidyChange
from housing.stages import Stage
from tests.factories import ApplicationFactory, advance
from tests.factories.subsidies import running_subsidy

@pytest.mark.django_db
def test_demo(allocation_round):
    this = timezone.localdate().replace(day=1)
    for _ in range(3):
        running_subsidy(start_month=this, round=allocation_round, bank=False)
    running_subsidy(start_month=this, round=allocation_round, c2=True, bank=False)
    advance(ApplicationFactory(round=allocation_round), Stage.REFUSED)
    users = ensure_demo_accounts()
    out = demo.seed(users=users)
    out2 = demo.seed(users=users)
    assert SubsidyPayment.objects.count() == 4 and SubsidyChange.objects.count() == 1
    assert out["register_entry"] is not None and out2["register_entry"].pk == out["register_entry"].pk
