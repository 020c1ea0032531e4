"""SPEC §13: dated policy versions, the shipped defaults, and the snapshot the rules read."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError

from housing.models.policy import LowIncomeLine, PolicyVersion
from housing.rules.eligibility import evaluate
from housing.policy import NoPolicyInForce, policy_in_force
from tests.housing.rules.builders import dossier

defaults = importlib.import_module("housing.migrations.0003_default_policy")


@pytest.fixture
def shipped(db):
    # The data migration's own function: rows from migrations do not survive a transactional test's flush.
    defaults.ship_defaults(apps, None)
    return PolicyVersion.objects.get(version=defaults.DEFAULT_VERSION)


def test_shipped_defaults(shipped):
    snapshot = policy_in_force(dt.date(2026, 3, 15))
    assert snapshot.version == defaults.DEFAULT_VERSION
    assert (snapshot.notice_days, snapshot.announcement_days, snapshot.transfer_lookback_years) == (7, 7, 5)
    assert (snapshot.employer_quota_cap, snapshot.give_up_limit) == (50, 3)
    assert snapshot.talent_subsidies == {
        "full_senior": Decimal("2500.00"), "deputy_senior": Decimal("2000.00"), "doctorate": Decimal("1500.00"),
        "master": Decimal("1000.00"), "bachelor": Decimal("500.00"),
    }
    # No official figures are shipped (SPEC §13).
    assert snapshot.low_income_line_by_year == {} and snapshot.asset_limit is None and snapshot.c2_subsidy_standard is None
    assert shipped.effective_from == dt.date(2014, 12, 1) and shipped.effective_to is None


def test_shipping_twice_changes_nothing(shipped):
    defaults.ship_defaults(apps, None)
    assert PolicyVersion.objects.filter(version=defaults.DEFAULT_VERSION).count() == 1


@pytest.mark.parametrize("on, version", [
    (dt.date(2014, 12, 1), "2014"),
    (dt.date(2025, 12, 31), "2014"),    # the end date is inclusive
    (dt.date(2026, 1, 1), "2026"),
    (dt.date(2030, 1, 1), "2026"),
])
def test_the_version_in_force_on_a_day(db, on, version):
    PolicyVersion.objects.all().delete()
    PolicyVersion.objects.create(version="2014", effective_from=dt.date(2014, 12, 1), effective_to=dt.date(2025, 12, 31))
    v2026 = PolicyVersion.objects.create(version="2026", effective_from=dt.date(2026, 1, 1), asset_limit=Decimal("300000"))
    LowIncomeLine.objects.create(policy=v2026, year=2024, amount=Decimal("30000"))
    snapshot = policy_in_force(on)
    assert snapshot.version == version
    if version == "2026":
        assert snapshot.low_income_line_by_year == {2024: Decimal("30000.00")}
        assert snapshot.asset_limit == Decimal("300000.00")


def test_no_version_in_force(db):
    PolicyVersion.objects.all().delete()
    PolicyVersion.objects.create(version="2014", effective_from=dt.date(2014, 12, 1))
    with pytest.raises(NoPolicyInForce):
        policy_in_force(dt.date(2014, 11, 30))


def test_entered_figures_decide_the_conditions_they_were_missing_for(db):
    PolicyVersion.objects.all().delete()
    version = PolicyVersion.objects.create(version="v", effective_from=dt.date(2014, 12, 1),
                                           asset_limit=Decimal("200000"))
    d = dossier("low_income_no_housing")
    assert evaluate(d, policy_in_force(d.application_date)).condition("R-18.2").passed is None
    LowIncomeLine.objects.bulk_create([LowIncomeLine(policy=version, year=y, amount=Decimal("40000")) for y in (2024, 2025)])
    assert evaluate(d, policy_in_force(d.application_date)).eligible is True


@pytest.mark.parametrize("start, end, ok", [
    (dt.date(2020, 1, 1), dt.date(2020, 12, 31), False),   # inside the open-ended version
    (dt.date(2010, 1, 1), dt.date(2014, 11, 30), True),    # ends the day before it starts
    (dt.date(2010, 1, 1), dt.date(2014, 12, 1), False),    # overlaps by one day
    (dt.date(2010, 1, 1), dt.date(2009, 12, 31), False),   # ends before it starts
])
def test_versions_must_not_overlap(db, start, end, ok):
    PolicyVersion.objects.all().delete()
    PolicyVersion.objects.create(version="2014", effective_from=dt.date(2014, 12, 1))
    candidate = PolicyVersion(version="new", effective_from=start, effective_to=end)
    if ok:
        candidate.full_clean()
    else:
        with pytest.raises(ValidationError):
            candidate.full_clean()


def test_the_administrator_edits_versions_in_the_admin():
    model_admin = admin.site._registry[PolicyVersion]
    assert [inline.model for inline in model_admin.inlines] == [LowIncomeLine]
    assert model_admin.has_delete_permission(request=None) is False


def test_the_admin_pages_render(admin_client, shipped):
    assert admin_client.get("/admin/housing/policyversion/").status_code == 200
    assert admin_client.get(f"/admin/housing/policyversion/{shipped.pk}/change/").status_code == 200
    assert admin_client.get("/admin/housing/policyversion/add/").status_code == 200
