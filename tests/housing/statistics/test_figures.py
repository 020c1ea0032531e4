"""Each figure equals a count made another way from the rows the services left (Arts. 5, 6, 16, 25–37)."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from housing.groups import Group
from housing.models import ApplicationHistory, HousingUnit, SubsidyPayment
from housing.rules.dates import add_months, first_of_month
from housing.sanctions.services import record_sanction
from housing.stages import Stage
from housing.statistics import figures
from housing.statistics.scope import Filters, Scope
from housing.subsidies.services import prepare_batch
from tests.factories import AllocationRoundFactory, ApplicationFactory, reload, staff
from tests.factories.plan import add_stock, approved_plan_with_homes
from tests.factories.subsidies import running_subsidy
from tests.factories.tenancy import TenancyFactory, pay
from tests.factories.workflow import advance

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(groups=None)


def table(scope: Scope, filters: Filters, key: str) -> dict:
    """The figure's rows by their first cell, as the page and the download show them."""
    built = {f.key: f for f in figures.build(scope, filters, figures.numbers(scope, filters, timezone.localdate()))}
    figure = built[key]
    return {"columns": [str(c) for c in figure.columns], "rows": {str(r[0]): list(r[1:]) for r in figure.rows}}


@pytest.fixture
def round_():
    return AllocationRoundFactory()


@pytest.fixture
def mixed(round_):
    """C3 and C4 applications at several stages, and a C2 one refused."""
    apps = [ApplicationFactory(round=round_) for _ in range(3)]
    apps += [advance(ApplicationFactory(round=round_), Stage.SUBSTANTIVE_REVIEW) for _ in range(2)]
    apps.append(ApplicationFactory(round=round_, c4=True))
    apps.append(advance(ApplicationFactory(round=round_, c2=True), Stage.REFUSED))
    return [reload(a) for a in apps]


def test_applications_per_stage_and_group_are_the_applications_counted(mixed, round_):
    expected = Counter((Stage(a.stage).label, a.group) for a in mixed)
    t = table(EVERYTHING, Filters(year=round_.year, round_id=round_.pk), "stages")
    codes = t["columns"][1:-1]
    assert codes == ["C1", "C2", "C3", "C4", "C5", "C6"]
    got = {}
    for label, values in t["rows"].items():
        for group, n in zip(Group.values, values[:-1]):
            if n:
                got[(label, group)] = n
        assert values[-1] == sum(values[:-1])
    assert got == {(str(label), group): n for (label, group), n in expected.items()}


def test_entries_per_month_are_the_history_rows_counted(mixed, round_):
    year = timezone.localdate().year
    expected = Counter()
    for row in ApplicationHistory.objects.filter(application__in=mixed):
        day = timezone.localdate(row.at)
        if row.to_stage and row.to_stage != row.from_stage and day.year == year:
            expected[(f"{day:%Y-%m}", str(Stage(row.to_stage).label))] += 1
    t = table(EVERYTHING, Filters(year=year), "flow")
    got = {(month, stage): n for month, values in t["rows"].items() for stage, n in zip(t["columns"][1:], values) if n}
    assert got == dict(expected) and expected


def test_waiting_lists_count_the_announced_not_housed(round_):
    announced = [advance(ApplicationFactory(round=round_), Stage.ANNOUNCED) for _ in range(2)]
    advance(ApplicationFactory(round=round_), Stage.PUBLIC_NOTICE)  # not yet on an announced list
    t = table(EVERYTHING, Filters(year=round_.year), "waiting")
    row = t["rows"][str(Group.NO_HOUSING.label)]
    assert row[0] == len(announced) and row[-1] == len(announced)


def test_days_in_the_notice_count_the_stays_that_ended_and_the_ones_there_now(round_):
    passed = advance(ApplicationFactory(round=round_), Stage.ANNOUNCED)
    advance(ApplicationFactory(round=round_), Stage.PUBLIC_NOTICE)
    ended = ApplicationHistory.objects.filter(application=passed, from_stage=Stage.PUBLIC_NOTICE).count()
    t = table(EVERYTHING, Filters(year=timezone.localdate().year), "stays")
    notice = next(v for k, v in t["rows"].items() if k.startswith(("Public notice", "公示")))
    period, stays_ended, _mean, _longest, _over, there_now, _past = notice
    assert (stays_ended, there_now) == (ended, 1)
    assert period == 7  # the shipped notice_days (SPEC §13)


def test_homes_by_status_and_project_are_the_homes_counted():
    homes = add_stock("public_rental", 5)
    HousingUnit.objects.filter(pk=homes[0].pk).update(status=HousingUnit.Status.LET)
    project = homes[0].building.project.name
    t = table(EVERYTHING, Filters(year=timezone.localdate().year), "homes")
    statuses = t["columns"][1:]
    row = dict(zip(statuses, t["rows"][project]))
    assert row[str(HousingUnit.Status.AVAILABLE.label)] == 4 and row[str(HousingUnit.Status.LET.label)] == 1


def test_allocations_are_counted_against_the_plans_quota():
    year = timezone.localdate().year
    approved_plan_with_homes(year, homes_per_unit=3)
    round_ = AllocationRoundFactory(year=year)
    chosen = advance(ApplicationFactory(round=round_), Stage.UNIT_SELECTED)
    t = table(EVERYTHING, Filters(year=year), "units")
    ccb = next(v for k, v in t["rows"].items() if "城市建设" in k or "Construction" in k)
    assert ccb[:2] == [3, 1] and chosen.stage == Stage.UNIT_SELECTED


def test_subsidy_payees_and_spend_are_the_batch_counted():
    month = first_of_month(timezone.localdate())
    subsidies = [running_subsidy(start_month=month) for _ in range(2)]
    prepare_batch(actor=staff("finance", "clerk"), month=month)
    payments = SubsidyPayment.objects.filter(month=month)
    t = table(EVERYTHING, Filters(year=month.year), "subsidies")
    payees, spend = t["rows"][f"{month:%Y-%m}"]
    assert payees == len(subsidies) == payments.count()
    assert Decimal(str(spend)) == sum(p.amount for p in payments)


def test_rents_unpaid_are_the_due_lease_months_without_a_payment():
    last = add_months(first_of_month(timezone.localdate()), -1)  # due: its rent fell due by its last day
    tenancy = TenancyFactory()
    pay(tenancy, last)
    t = table(EVERYTHING, Filters(year=last.year), "tenancy")
    lease_month = first_of_month(tenancy.starts_on)
    today = timezone.localdate()
    expected = {}
    month = datetime.date(last.year, 1, 1)
    while month.year == last.year:
        due = add_months(month, 1) <= today and lease_month <= month <= tenancy.ends_on
        expected[f"{month:%Y-%m}"] = 1 if due and month != last else 0
        month = add_months(month, 1)
    assert {m: v[0] for m, v in t["rows"].items()} == expected


def test_register_entries_and_bans_are_the_register_counted(round_):
    refused = advance(ApplicationFactory(round=round_), Stage.REFUSED)
    record_sanction(actor=staff("ccb", "head"), ground="R-36.1", facts="隐瞒名下房产", application=refused)
    year = timezone.localdate().year
    t = table(EVERYTHING, Filters(year=year), "bans")
    assert [v for k, v in t["rows"].items() if "第三十六条" in k or "Art. 36" in k][0] == [1, 1]
    months = table(EVERYTHING, Filters(year=year), "sanctions")["rows"]
    assert sum(v[2] for v in months.values()) == 1
