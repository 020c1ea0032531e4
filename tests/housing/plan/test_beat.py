"""R-15.2, R-X.6: a late demand report is flagged to discipline inspection by a real Celery beat run against Redis
(tests/support/beat.py), not by calling the job; repeated runs flag the unit once."""

import datetime

import pytest
from django.utils import timezone

from housing.groups import Group
from housing.models import DemandDeadlineMiss, OfficeAction
from housing.plan.services import demand_deadline, last_passed_deadline, submit_demand_report
from tests.factories import staff
from tests.housing.plan.conftest import at
from tests.markers import redis_only
from tests.support.beat import wait_until

TASK = "housing.jobs.plan.flag_late_demand_reports"


@redis_only
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_beat_flags_a_unit_whose_report_came_late_once(beat_and_worker):
    year, deadline = last_passed_deadline(timezone.localdate())
    late_day = deadline + datetime.timedelta(days=1)
    submit_demand_report(actor=staff("org_personnel", "reviewer"), group=Group.INSTITUTION_TALENT, year=year,
                         rental_households=8, at=at(late_day))
    for group in (Group.LOW_INCOME_NO_HOUSING, Group.NO_HOUSING):  # the CCB reported both groups on time
        field = "sale_households" if group == Group.LOW_INCOME_NO_HOUSING else "rental_households"
        submit_demand_report(actor=staff("ccb", "clerk"), group=group, year=year, at=at(demand_deadline(year)),
                             **{field: 5})
    with beat_and_worker(["demand-report-deadline"], every_seconds=0.5) as finished:
        wait_until(lambda: finished.count(TASK) >= 3, what="three runs of the demand-deadline job")
    misses = {m.unit.code: m for m in DemandDeadlineMiss.objects.filter(year=year)}
    assert "org_personnel" in misses and "ccb" not in misses
    assert misses["org_personnel"].missing_groups == [Group.INSTITUTION_TALENT]
    assert misses["org_personnel"].deadline == deadline
    assert DemandDeadlineMiss.objects.filter(unit__code="org_personnel").count() == 1
    assert OfficeAction.objects.filter(action="flag_demand_deadline_miss", object_id=str(misses["org_personnel"].pk),
                                       actor__isnull=True).count() == 1
