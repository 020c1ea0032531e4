"""R-39.4, R-6: every override of the eligibility check is listed for discipline inspection and the CCB
(docs/decisions/0011); every other account is refused on the server."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from housing.rules.catalogue import CONDITIONS_BY_GROUP
from housing.review.selectors import pre_decisions
from housing.review.services import reviews
from housing.stages import Stage
from tests.factories import ApplicationFactory, StaffUserFactory, advance, staff
from tests.housing.conftest import ALL_CASE_ROLES, page_text, section, table_rows

pytestmark = pytest.mark.django_db

URL = reverse("housing:override_list")
OTHER_UNITS = ["org_personnel", "econ_services", "social_construction", "public_affairs", "finance", "joint_meeting",
               "verify_planning_land", "verify_family_planning", "verify_social_security", "verify_public_security",
               "verify_civil_affairs", "verify_subdistrict"]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def review(application, reviewer, *, overrides: dict[str, str], reason=""):
    """Decide every condition as the engine does, except ``overrides`` {cid: reason}, which flip it."""
    engine = pre_decisions(application)
    decisions = {}
    for cid in CONDITIONS_BY_GROUP[application.group]:
        passed = engine.get(cid).passed
        passed = True if passed is None else passed
        decisions[cid] = ((not passed) if cid in overrides else passed, f"已核对 {cid}")
    refused = any(p is False for p, _e in decisions.values())
    return reviews.conclude_substantive_review(
        actor=reviewer, application=application, expected_version=application.version, decisions=decisions,
        reason=reason or ("不符合条件" if refused else ""), override_reasons=overrides)


@pytest.fixture
def overrides(allocation_round):
    """A CCB reviewer refused a C3 case against the engine; an Org & Personnel reviewer passed a C4 talent the
    engine failed; an Economic Services reviewer agreed with the engine on a C6 case (no override)."""
    c3 = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)
    c4 = advance(ApplicationFactory(round=allocation_round, c4=True), Stage.SUBSTANTIVE_REVIEW)
    c6 = advance(ApplicationFactory(round=allocation_round, c6=True), Stage.SUBSTANTIVE_REVIEW)
    review(c3, staff("ccb", "reviewer"), overrides={"R-20.4": "不动产登记查询显示名下有房"})
    review(c4, staff("org_personnel", "reviewer"), overrides={"R-21.1": "出生日期以户口簿为准，未超龄"})
    review(c6, staff("econ_services", "reviewer"), overrides={})
    return {"c3": c3, "c4": c4, "c6": c6}


def listed(response) -> dict[str, list[str]]:
    """The rows of the list by application number."""
    return {row[0]: row for row in table_rows(section(page_text(response), "overrides-h")) if len(row) > 1}


def test_discipline_reads_every_override_with_what_the_engine_said_and_why(english, overrides):
    english.force_login(staff("discipline", "reviewer"))
    response = english.get(URL)
    assert response.status_code == 200
    rows = listed(response)
    assert set(rows) == {overrides["c3"].number, overrides["c4"].number}  # the C6 case followed the engine

    (number, group, condition, engine, decided, reason, reviewer, unit, when, policy) = rows[overrides["c4"].number]
    assert group.startswith("C4")
    assert condition.startswith("Art. 21(1) Works for an eligible employer")
    assert engine.startswith("Fails") and "must be under 33" in engine
    assert decided == "Passed"
    assert reason == "出生日期以户口簿为准，未超龄"
    assert "org_personnel-reviewer" in reviewer and unit == "Organisation & Personnel Bureau"
    assert when.startswith(timezone.localdate().isoformat())
    assert policy == "2014-48-defaults"

    c3 = rows[overrides["c3"].number]
    assert c3[2].startswith("Art. 20(4) ") and c3[3].startswith("Passes") and c3[4] == "Failed"
    assert c3[7] == "City Construction Bureau"


def test_the_list_filters_by_unit_group_and_day(english, overrides):
    english.force_login(staff("ccb", "clerk"))
    c3, c4 = overrides["c3"].number, overrides["c4"].number
    assert set(listed(english.get(URL, {"unit": "org_personnel"}))) == {c4}
    assert set(listed(english.get(URL, {"unit": "ccb"}))) == {c3}
    assert set(listed(english.get(URL, {"group": "no_housing"}))) == {c3}
    assert set(listed(english.get(URL, {"group": "enterprise_talent"}))) == set()
    today = timezone.localdate()
    assert set(listed(english.get(URL, {"decided_from": today.isoformat(), "decided_to": today.isoformat()}))) == {
        c3, c4}
    tomorrow = today + datetime.timedelta(days=1)
    assert set(listed(english.get(URL, {"decided_from": tomorrow.isoformat()}))) == set()
    assert set(listed(english.get(URL, {"decided_to": (today - datetime.timedelta(days=1)).isoformat()}))) == set()
    # A bad value is reported and left out; the other filters still apply.
    response = english.get(URL, {"unit": "ccb", "decided_from": "not-a-day"})
    assert response.status_code == 200 and set(listed(response)) == {c3}


def test_the_list_is_paginated_at_a_constant_number_of_queries(english, allocation_round, monkeypatch):
    monkeypatch.setattr("housing.desk.views.audit.OVERRIDES_PER_PAGE", 2)
    reviewer = staff("ccb", "reviewer")
    numbers = []
    for _ in range(3):
        app = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.SUBSTANTIVE_REVIEW)
        review(app, reviewer, overrides={"R-20.4": "名下有房", "R-20.3": "曾购政策性住房"})
        numbers.append(app.number)
    english.force_login(staff("discipline", "head"))
    with CaptureQueriesContext(connection) as first_queries:
        first = english.get(URL)
    assert first.context["page"].paginator.count == 6 and len(first.context["rows"]) == 2
    assert "Page 1 of 3" in page_text(first)
    with CaptureQueriesContext(connection) as last_queries:
        last = english.get(URL, {"page": 3})
    assert len(last.context["rows"]) == 2 and len(first_queries) == len(last_queries)
    seen = [row.application.number for page in (1, 2, 3) for row in english.get(URL, {"page": page}).context["rows"]]
    assert sorted(seen) == sorted(n for n in numbers for _ in range(2))


@pytest.mark.parametrize("unit,role", [(unit, role) for unit in ("discipline", "ccb") for role in ALL_CASE_ROLES])
def test_discipline_and_every_ccb_role_may_read_the_list(client, unit, role):
    client.force_login(staff(unit, role))
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("unit", OTHER_UNITS)
def test_every_other_unit_is_refused_whatever_its_roles(client, overrides, unit):
    client.force_login(staff(unit, *ALL_CASE_ROLES))
    response = client.get(URL)
    assert response.status_code == 403
    assert overrides["c4"].number not in response.content.decode()


@pytest.mark.parametrize("account", ["sysadmin", "superuser"])
def test_an_administrator_is_refused(client, account):
    """A system administrator manages accounts and policy, and reads no case (SPEC §2)."""
    client.force_login(StaffUserFactory(username=account, **{account: True}))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse(settings.LOGIN_URL) in response["Location"]


def test_a_post_is_not_allowed(client):
    client.force_login(staff("discipline", "reviewer"))
    assert client.post(URL).status_code == 405


def test_the_menu_links_the_list_only_for_those_who_may_read_it(english):
    english.force_login(staff("discipline", "reviewer"))
    assert f'href="{URL}"' in english.get(reverse("housing:application_list")).content.decode()
    english.force_login(staff("ccb", "clerk"))
    assert f'href="{URL}"' in english.get(reverse("housing:application_list")).content.decode()
    english.force_login(staff("org_personnel", "head"))
    assert f'href="{URL}"' not in english.get(reverse("housing:application_list")).content.decode()
