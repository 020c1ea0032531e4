"""The tenancy demo seed: a few leases, one in arrears, one moving out; a second run adds nothing."""

from housing.demo.tenancy import seed
from housing.models import RentPayment, Tenancy, Violation
from tests.factories.staff import staff
from tests.factories.tenancy import ContractFactory


def test_seed(db, private_media):
    for _ in range(3):
        ContractFactory()
    users = {"ccb_clerk": staff("ccb", "clerk"), "ccb_head": staff("ccb", "head")}
    made = seed(users=users)
    assert len(made) == 3 and RentPayment.objects.count() == 8 + 6 + 8
    assert Violation.objects.filter(ground="R-33.2").count() == 1
    assert Tenancy.objects.filter(status=Tenancy.Status.ENDING).count() == 1
    assert seed(users=users) == [] and Tenancy.objects.count() == 3
