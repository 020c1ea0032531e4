"""The tenancy demo seed: the leases filing opened, back-dated with a rent ledger; one in arrears, one moving out,
one in its renewal window; a second run adds nothing."""

import datetime

from django.utils import timezone

from housing.demo.tenancy import seed
from housing.models import Reminder, RentPayment, Tenancy, Violation
from tests.factories.staff import staff
from tests.factories.tenancy import TenancyFactory


def test_seed(db, private_media):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for _ in range(4):  # as filing a rental contract signed yesterday leaves it (housing.selection.contracts.file_contract)
        TenancyFactory(contract__signed_on=yesterday)
    users = {"ccb_clerk": staff("ccb", "clerk"), "ccb_head": staff("ccb", "head")}
    made = seed(users=users)
    assert len(made) == 4 and RentPayment.objects.count() == 8 + 6 + 8 + 8
    assert Violation.objects.filter(ground="R-33.2").count() == 1
    assert Tenancy.objects.filter(status=Tenancy.Status.ENDING).count() == 1
    assert Reminder.objects.filter(kind=Reminder.Kind.RENEWAL).count() == 1
    assert seed(users=users) == [] and Tenancy.objects.count() == 4 and RentPayment.objects.count() == 30
