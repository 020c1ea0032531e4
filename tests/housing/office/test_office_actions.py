"""R-6, R-38: discipline inspection (and the CCB) read every staff action on records outside an application's own
history, including what the scheduled jobs did; nobody else does."""

import pytest
from django.urls import reverse

from housing.models import HousingUnit
from housing.office.log import record_action
from tests.factories import staff
from tests.factories.stock import HousingUnitFactory

URL = reverse("housing:office_actions")


@pytest.fixture
def actions(db):
    home = HousingUnitFactory()
    record_action(actor=staff("ccb", "clerk"), action="unit_sent_to_repair", obj=home, article="R-16.8b",
                  summary="漏水维修")
    record_action(actor=None, action="unit_updated_by_import", obj=home, summary="夜间任务")
    return home


@pytest.mark.parametrize("unit, role", [("discipline", "reviewer"), ("ccb", "clerk"), ("ccb", "head")])
def test_the_supervisors_read_every_action_with_who_did_it(portal, actions, unit, role):
    portal.login(staff(unit, role))
    page = portal.get(URL)
    text = page.content.decode()
    assert page.status_code == 200
    # who acted by name, the scheduled jobs as such, the article as people cite it (decision 0048)
    assert "漏水维修" in text and "夜间任务" in text and "Scheduled job" in text and "Art. 16(8)" in text
    assert "scheduled-job" not in text and "R-16.8b" not in text


def test_filters_narrow_to_one_record_type_and_one_login(portal, actions):
    portal.login(staff("discipline", "reviewer"))
    text = portal.get(URL, {"record_type": HousingUnit._meta.model_name, "actor": "scheduled-job"}).content.decode()
    assert "夜间任务" in text and "漏水维修" not in text
    assert "漏水维修" not in portal.get(URL, {"record_type": "tenancy"}).content.decode()


@pytest.mark.parametrize("unit, role", [("finance", "head"), ("social_construction", "head"), ("joint_meeting", "head")])
def test_other_units_are_refused(portal, actions, unit, role):
    portal.login(staff(unit, role))
    assert portal.get(URL).status_code == 403
