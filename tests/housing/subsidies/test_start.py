"""Starting a subsidy after the announcement (R-16.a): amounts from the policy in force (R-27, R-26), none for
leading and outstanding talents (R-3.1)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from housing.exceptions import InvalidInput
from housing.groups import Form, Group
from housing.models import Application, PolicyVersion, Subsidy
from housing.subsidies.start import start_subsidy
from housing.stages import Stage
from tests.factories import ApplicationFactory, staff
from tests.factories.workflow import advance

THIS = timezone.localdate().replace(day=1)


@pytest.fixture
def announced(allocation_round):
    app = ApplicationFactory(round=allocation_round, group=Group.ECW_TALENT, form=Form.SUBSIDY)
    Application.objects.filter(pk=app.pk).update(talent_title="", talent_degree="master")
    return advance(Application.objects.get(pk=app.pk), Stage.ANNOUNCED)


def test_a_talent_subsidy_starts_at_the_policy_amount(announced):
    PolicyVersion.objects.update(subsidy_master=Decimal("1100.00"))
    start_subsidy(actor=staff("finance", "clerk"), application=announced, expected_version=announced.version,
                  start_month=THIS + datetime.timedelta(days=3))
    subsidy = Subsidy.objects.get(application=announced)
    assert subsidy.monthly_amount == Decimal("1100.00") and subsidy.start_month == THIS


def test_a_leading_talent_is_refused_a_subsidy_and_nothing_starts(announced):
    Application.objects.filter(pk=announced.pk).update(leading_talent=True)
    app = Application.objects.get(pk=announced.pk)
    with pytest.raises(InvalidInput) as exc:
        start_subsidy(actor=staff("finance", "clerk"), application=app, expected_version=app.version,
                      start_month=THIS)
    assert "R-3.1" in str(exc.value.message)
    assert not Subsidy.objects.exists() and Application.objects.get(pk=app.pk).stage == Stage.ANNOUNCED
