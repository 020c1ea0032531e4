"""Fixtures shared by every test. Factories are registered here explicitly (CONVENTIONS, Tests)."""

import importlib
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone

pytest_plugins = [
    "tests.support.both_factors",  # force_login: both factors for heads and administrators (decision 0029)
    "tests.support.frozen_clock",  # PORTAL_FROZEN_AT: the whole session at one instant (docs/decisions/0023)
    "tests.support.beat",  # beat_and_worker: a real Celery beat and worker (R-X.6)
]

from tests.factories.plan import approved_plan_with_homes
from tests.factories import (
    AllocationRoundFactory,
    ApplicationFactory,
    IntakeDataFactory,
    StaffUserFactory,
    staff,
)

# A test suite creates hundreds of accounts; the production hasher would take minutes.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client and the live server speak plain HTTP, as `make run` does; tests/test_deployment.py checks the
# production defaults (HTTPS only) in a process of their own.
settings.SECURE_SSL_REDIRECT = False

# The cache (page cache, rate limits) of this run only: a per-process prefix on Redis, memory otherwise,
# so runs side by side and the broker in the same Redis database are never touched.
if "redis" in settings.CACHES["default"]["BACKEND"].lower():
    settings.CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"
else:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def clear_cache():
    from django.core.cache import cache

    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is not None:  # Redis: only this run's keys
        redis = client(write=True)
        for key in redis.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*"):
            redis.delete(key)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no cached page and no rate-limit counter."""
    clear_cache()
    yield


@pytest.fixture(autouse=True)
def units_of_the_measures(request):
    """A transactional test ends with a flush that also empties what the data migrations ship: the units
    (departments/migrations/0002_units.py) and the policy version of the shipped defaults
    (housing/migrations/0003_default_policy.py). Put them back before each such test, as migrate would, so a
    test sees the same database whichever transactional test ran before it."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        importlib.import_module("departments.migrations.0002_units").create_units(apps, None)
        importlib.import_module("housing.migrations.0003_default_policy").ship_defaults(apps, None)


@pytest.fixture
def staff_user_factory(db):
    return StaffUserFactory


@pytest.fixture
def allocation_round_factory(db):
    return AllocationRoundFactory


@pytest.fixture
def application_factory(db):
    return ApplicationFactory


@pytest.fixture
def intake_data_factory(db):
    return IntakeDataFactory


@pytest.fixture
def ccb_clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture
def allocation_round(db):
    """An open round of this year inviting every group."""
    return AllocationRoundFactory()


@pytest.fixture
def round_with_homes(db):
    """An open round of this year inviting every group, under an approved plan that gives each group unit 20
    homes (R-15.3), so its rankings can propose them."""
    approved_plan_with_homes(timezone.localdate().year)
    return AllocationRoundFactory()


@pytest.fixture
def application(db, allocation_round):
    """A C3 public-rental application just registered (stage ``submitted``)."""
    return ApplicationFactory(round=allocation_round)


@pytest.fixture
def clock(monkeypatch):
    """Move today's date (Asia/Shanghai) for deadline tests: ``clock.travel_to(day)``.

    Only ``timezone.localdate()`` moves, which is what every deadline of the product reads.
    """
    real_localdate = timezone.localdate

    class Clock:
        def travel_to(self, day):
            def localdate(value=None, timezone=None):
                return day if value is None else real_localdate(value, timezone)

            monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return Clock()
