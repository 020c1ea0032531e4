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
    assert "Art. 3(1)" in str(exc.value.message)
    assert not Subsidy.objects.exists() and Application.objects.get(pk=app.pk).stage == Stage.ANNOUNCED


# --- docs/decisions/0041: the amount of the qualifying route; C2 only at the approved standard ---------------

@pytest.mark.parametrize("title, basis, degree, amount", [
    ("deputy_senior", "", "master", "1000.00"),  # a title by no recognised route: paid as a master (before: 2,000)
    ("deputy_senior", "national_exam", "master", "2000.00"),
    ("full_senior", "guangdong_certificate", "", "2500.00"),
    ("", "", "doctorate", "1500.00"),
])
def test_a_talent_starts_at_the_amount_of_the_route_it_qualified_by(announced, title, basis, degree, amount):
    Application.objects.filter(pk=announced.pk).update(talent_title=title, talent_title_basis=basis,
                                                       talent_degree=degree)
    app = Application.objects.get(pk=announced.pk)
    start_subsidy(actor=staff("finance", "clerk"), application=app, expected_version=app.version, start_month=THIS)
    assert Subsidy.objects.get(application=app).monthly_amount == Decimal(amount)


@pytest.fixture
def announced_c2(allocation_round):
    PolicyVersion.objects.update(c2_subsidy_standard=Decimal("700.00"))  # for the review of the household
    app = advance(ApplicationFactory(round=allocation_round, c2=True, subsidy=True), Stage.ANNOUNCED)
    PolicyVersion.objects.update(c2_subsidy_standard=None)
    return app


@pytest.mark.parametrize("entered", [Decimal("800.00"), None])
def test_a_c2_subsidy_does_not_start_without_the_approved_standard(announced_c2, entered):
    with pytest.raises(InvalidInput) as exc:
        start_subsidy(actor=staff("finance", "clerk"), application=announced_c2,
                      expected_version=announced_c2.version, start_month=THIS, monthly_amount=entered)
    assert "Art. 26" in str(exc.value.message) and exc.value.article == "R-26"
    assert not Subsidy.objects.exists()
    PolicyVersion.objects.update(c2_subsidy_standard=Decimal("700.00"))
    start_subsidy(actor=staff("finance", "clerk"), application=announced_c2, expected_version=announced_c2.version,
                  start_month=THIS)
    assert Subsidy.objects.get().monthly_amount == Decimal("700.00")
