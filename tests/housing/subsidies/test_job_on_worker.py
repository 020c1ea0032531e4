"""R-8.2, R-X.6: the real beat sends "subsidy-batch" repeatedly, a real worker on Redis runs it: each eligible
household is paid once, the stopped one and the one with a home not at all, one reminder for Finance."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from housing.models import Reminder, SubsidyBatch, SubsidyPayment
from housing.subsidies.services import stop_subsidy
from tests.factories import staff
from tests.factories.subsidies import filed_home, running_subsidy
from tests.markers import redis_only
from tests.support.beat import wait_until

pytestmark = [redis_only, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
TASK = "housing.jobs.subsidies.prepare_monthly_batch"


def test_the_monthly_job_run_twice_by_a_real_worker_pays_each_household_once(beat_and_worker):
    # The flush after a transactional test also empties the shipped policy: put it back as migrate would.
    importlib.import_module("housing.migrations.0003_default_policy").ship_defaults(apps, None)
    this = timezone.localdate().replace(day=1)
    paid = [running_subsidy(start_month=this) for _ in range(2)]
    stopped = running_subsidy(start_month=this)
    stop_subsidy(actor=staff("finance", "reviewer"), subsidy=stopped, from_month=this, reason="书面申请终止")
    housed = running_subsidy(start_month=this)
    filed_home(id_number=housed.application.applicant_id_number, term_start=this)

    with beat_and_worker(["subsidy-batch"], every_seconds=0.5) as finished:
        wait_until(lambda: finished.count(TASK) >= 2, what="two runs of the subsidy-batch job")

    batch = SubsidyBatch.objects.get(month=this)
    assert sorted(SubsidyPayment.objects.filter(batch=batch).values_list("subsidy_id", flat=True)) == \
        sorted(s.pk for s in paid)
    assert SubsidyPayment.objects.filter(subsidy=stopped).count() == 0
    assert SubsidyPayment.objects.filter(subsidy=housed).count() == 0
    assert housed.changes.filter(kind="stop", reason__regex=r"Art\. 3\(2\)|第三条第（二）项").count() == 1
    assert list(Reminder.objects.values_list("key", flat=True)) == [f"subsidy-batch:{this:%Y-%m}"]
