"""The one door to the policy parameters (housing/policy.py, SPEC §13): one set of defaults, the version in force
on a day, and "no policy in force" as a message on the page, never a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.exceptions import ApplicationError
from housing.groups import Group
from housing.models import PolicyVersion, Ranking
from housing.policy import DEFAULTS, NoPolicyInForce, policy_in_force, policy_or_defaults
from housing.stages import Stage
from publicity import services as publicity
from publicity.models import PublicNotice
from tests.factories import ApplicationFactory, advance, reload, staff
from tests.factories.applications import EmployerDataFactory

pytestmark = pytest.mark.django_db

NO_POLICY = "No policy version is in force on"


def test_the_models_defaults_are_the_shipped_defaults():
    blank = PolicyVersion()
    for name in ("notice_days", "announcement_days", "transfer_lookback_years", "employer_quota_cap",
                 "give_up_limit", "sign_within_days", "buy_back_depreciation_rate", "mask_id_head", "mask_id_tail",
                 "mask_name_keeps_last", "unit_types_by_household_size"):
        assert getattr(blank, name) == getattr(DEFAULTS, name), name
    assert {title: getattr(blank, f"subsidy_{title}") for title in DEFAULTS.talent_subsidies} == \
        dict(DEFAULTS.talent_subsidies)


def test_without_a_version_in_force_the_door_says_so_or_gives_the_defaults():
    PolicyVersion.objects.all().delete()
    day = timezone.localdate()
    with pytest.raises(NoPolicyInForce) as missing:
        policy_in_force(day)
    assert isinstance(missing.value, ApplicationError) and day.isoformat() in str(missing.value)
    assert policy_or_defaults(day) is DEFAULTS


def test_the_notice_period_follows_notice_days_of_the_version_in_force(allocation_round):
    PolicyVersion.objects.update(notice_days=10)
    advance(ApplicationFactory(round=allocation_round), Stage.RECHECKED)
    notice = publicity.publish_public_notice(actor=staff("ccb", "clerk"), round=allocation_round,
                                             group=Group.NO_HOUSING)
    assert notice.ends_on - notice.starts_on == datetime.timedelta(days=9)


def test_the_notice_period_is_that_of_the_version_in_force_on_its_first_day(allocation_round):
    """Art. 43: a successor version applies from its first day; a notice starting before it keeps the earlier
    period, one starting on it takes the successor's (docs/decisions/0040: a notice starts today or later)."""
    today = timezone.localdate()
    PolicyVersion.objects.update(effective_to=today + datetime.timedelta(days=1))
    PolicyVersion.objects.create(version="successor", effective_from=today + datetime.timedelta(days=2),
                                 notice_days=15)
    advance(ApplicationFactory(round=allocation_round, c3=True), Stage.RECHECKED)
    advance(ApplicationFactory(round=allocation_round, c1=True), Stage.RECHECKED)
    clerk = staff("ccb", "clerk")
    earlier = publicity.publish_public_notice(actor=clerk, round=allocation_round, group=Group.NO_HOUSING)
    later = publicity.publish_public_notice(actor=clerk, round=allocation_round, group=Group.LOW_INCOME_NO_HOUSING,
                                            starts_on=today + datetime.timedelta(days=2))
    assert (earlier.ends_on - earlier.starts_on).days + 1 == 7
    assert (later.ends_on - later.starts_on).days + 1 == 15


def test_publishing_without_a_version_in_force_is_a_message_and_publishes_nothing(portal, allocation_round):
    application = advance(ApplicationFactory(round=allocation_round), Stage.RECHECKED)
    PolicyVersion.objects.all().delete()
    portal.login(staff("ccb", "clerk"))
    response = portal.submit(reverse("housing:publish_notice", args=[allocation_round.pk]),
                             {"group": Group.NO_HOUSING})
    assert response.status_code == 409
    assert NO_POLICY in response.content.decode()
    assert not PublicNotice.objects.exists() and reload(application).stage == Stage.RECHECKED


def test_a_ranking_with_an_employer_quota_and_no_version_in_force_is_a_message(portal, round_with_homes):
    advance(ApplicationFactory(round=round_with_homes, group=Group.INSTITUTION_TALENT,
                               employer=EmployerDataFactory(),
                               facts={"talent_degree": "master", "degree_full_time": True}), Stage.ELIGIBLE)
    PolicyVersion.objects.all().delete()
    portal.login(staff("org_personnel", "reviewer"))
    response = portal.submit(reverse("housing:ranking_create", args=[round_with_homes.pk]),
                             {"group": Group.INSTITUTION_TALENT, "seed": "s", "rule_text": "规则",
                              "employer_quota": 5})
    assert response.status_code == 409
    assert NO_POLICY in response.content.decode()
    assert not Ranking.objects.exists()
