"""R-3.2: the nightly job finds the duplicates planted in old data (and only those), once; members no path linked
are linked first. The job runs on a real Celery worker (config/schedule.py)."""

import datetime

import pytest
from django.utils import timezone

from housing.groups import Group
from housing.guarantees.flagging import find_flagged_sets
from housing.models import FlaggedSet, OfficeAction, PersonLink
from housing.stages import Stage
from housing.tenancy.services import renewals
from tests.factories import AllocationRoundFactory, ApplicationFactory, advance, take
from tests.factories.staff import staff
from tests.factories.tenancy_min import make_tenancy
from tests.housing.guarantees.conftest import HOLDERS, plant
from tests.markers import redis_only
from tests.support.beat import beat_and_worker, wait_until  # noqa: F401 - beat_and_worker is a fixture

pytestmark = pytest.mark.django_db


def flagged_numbers():
    return sorted(tuple(sorted(a.number for a in s.applications.all())) for s in FlaggedSet.objects.all())


def test_the_job_finds_each_planted_duplicate_once():
    # open + open across groups and rounds, as applicant and as a non-applying member
    c3 = ApplicationFactory()
    c4 = ApplicationFactory(group=Group.INSTITUTION_TALENT, round=AllocationRoundFactory())
    plant(c4, "child", c3.applicant_id_number)
    # a running subsidy and a filed lease (the walk: a subsidy drawn while the person rents)
    subsidy = HOLDERS["subsidy"]()
    home = HOLDERS["home let"]()
    plant(home, "spouse", subsidy.applicant_id_number)
    # not duplicates: a withdrawn application beside an open one; a renewal beside its own lease
    withdrawn = ApplicationFactory()
    take("withdraw", withdrawn)
    fresh = ApplicationFactory()
    plant(withdrawn, "spouse", fresh.applicant_id_number)
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=30))
    renewals.register_renewal(actor=staff("ccb", "clerk"), tenancy=tenancy, round=AllocationRoundFactory(),
                              today=today)

    assert find_flagged_sets() == 2
    assert flagged_numbers() == sorted([tuple(sorted([c3.number, c4.number])),
                                        tuple(sorted([subsidy.number, home.number]))])
    found = OfficeAction.objects.get(action="flagged_set_found")  # one staff action per run, listing its sets
    assert sorted(tuple(sorted(n)) for n in found.data["sets"].values()) == flagged_numbers()
    assert find_flagged_sets() == 0  # the same claims are flagged once
    assert FlaggedSet.objects.filter(status="open").count() == 2


def test_a_new_claim_makes_a_new_set():
    one = ApplicationFactory()
    two = ApplicationFactory()
    plant(two, "spouse", one.applicant_id_number)
    assert find_flagged_sets() == 1
    three = ApplicationFactory()
    plant(three, "child", one.applicant_id_number)
    assert find_flagged_sets() == 1
    assert FlaggedSet.objects.count() == 2


def test_members_no_path_linked_are_linked_and_found():
    one = ApplicationFactory()
    two = ApplicationFactory()
    plant(two, "spouse", one.applicant_id_number)
    PersonLink.objects.filter(application=two).delete()  # written by a script that bypassed the register
    assert find_flagged_sets() == 1
    assert PersonLink.objects.filter(application=two).count() == 2


@redis_only
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_scheduled_job_runs_on_a_real_worker_and_flags_once(beat_and_worker):
    one = ApplicationFactory()
    two = ApplicationFactory()
    plant(two, "spouse", one.applicant_id_number)
    with beat_and_worker(["one-guarantee-flagged-sets"], every_seconds=1) as finished:
        wait_until(lambda: finished.count("housing.jobs.guarantees.find_flagged_sets") >= 2, timeout=40,
                   what="two runs of the job")
    assert flagged_numbers() == [tuple(sorted([one.number, two.number]))]
