"""The header per role (decision 0045): each login is offered what its role works on, grouped by chapter, and never a
page it may not open (the views refuse those on every request: tests/test_navigation.py)."""

import pytest
from django.urls import reverse

from housing.web.navigation import CHAPTERS, groups_for
from tests.factories import staff
from tests.factories.rosters import employer_account
from housing.groups import Group

pytestmark = pytest.mark.django_db


def offered(user) -> dict[str, list[str]]:
    """{chapter key: [URL name, ...]} of the header for ``user``."""
    return {group.key: [link.url_name for link in group.links] for group in groups_for(user)}


def test_a_ccb_clerk_registers_applications_and_runs_notices_selection_stock_and_tenancies():
    assert offered(staff("ccb", "clerk")) == {
        "applications": ["housing:intake", "housing:application_list"],
        "publicity": ["housing:round_list", "housing:publicity_queue"],
        "allocation": ["housing:demand_overview", "housing:plan_list", "housing:stock_list", "housing:selection_home"],
        "after_allocation": ["housing:tenancy_list", "housing:renewal_list", "housing:ownership_list"],
        "oversight": ["housing:override_list"],  # R-12.4: the recheck reads the reviewers' departures
    }


def test_a_reviewer_sees_the_reviews_notices_and_the_unit_s_figures_not_the_clerk_s_work():
    groups = offered(staff("ccb", "reviewer"))
    assert groups == {
        "applications": ["housing:application_list"],
        "publicity": ["housing:round_list", "housing:publicity_queue"],
        "allocation": ["housing:demand_overview", "housing:plan_list"],
        "oversight": ["housing:statistics"],
    }
    # the CCB's reviewer may read the stock and the tenancies, but does not work on them, nor registers anyone
    flat = [name for names in groups.values() for name in names]
    assert not {"housing:intake", "housing:stock_list", "housing:tenancy_list", "housing:audit_trail"} & set(flat)


def test_a_talent_unit_s_reviewer_gets_its_rosters_and_the_joint_meeting_s_decisions():
    groups = offered(staff("org_personnel", "reviewer"))
    assert groups["applications"] == ["housing:application_list", "housing:roster_list"]
    assert "housing:joint_meeting_decisions" in groups["allocation"]
    assert offered(staff("econ_services", "reviewer"))["applications"] == [
        "housing:application_list", "housing:roster_list", "housing:key_enterprise_lists"]


@pytest.mark.parametrize("role", ["clerk", "reviewer"])
def test_finance_sees_the_subsidies_and_the_batches_only(role):
    assert offered(staff("finance", role)) == {
        "applications": ["housing:application_list"],
        "after_allocation": ["housing:subsidy_list", "housing:subsidy_batch_list"],
    }


def test_a_head_sees_everything_the_unit_reads():
    groups = offered(staff("ccb", "head"))
    assert groups["oversight"] == ["housing:audit_trail", "housing:override_list", "housing:audit_records",
                                   "housing:retention", "housing:statistics"]
    assert "housing:flagged_set_list" in groups["applications"]
    assert "housing:sanction_list" in groups["after_allocation"]
    finance_head = offered(staff("finance", "head"))
    assert "housing:plan_list" in finance_head["allocation"]  # a head reads what the unit reads
    assert "housing:tenancy_list" in finance_head["after_allocation"]


def test_discipline_inspection_sees_every_area_it_supervises_and_no_register_link():
    groups = offered(staff("discipline", "reviewer"))
    flat = {name for names in groups.values() for name in names}
    assert {"housing:audit_trail", "housing:audit_records", "housing:stock_list", "housing:subsidy_batch_list",
            "housing:sanction_list", "housing:roster_list"} <= flat
    assert "housing:intake" not in flat  # it reads and changes nothing


def test_the_joint_meeting_and_an_agency_see_their_own_work():
    assert offered(staff("joint_meeting", "head")) == {
        "allocation": ["housing:demand_overview", "housing:plan_list", "housing:joint_meeting_decisions"],
        "oversight": ["housing:statistics"],
    }
    assert offered(staff("verify_public_security", "clerk")) == {"applications": ["housing:verification_queue"]}


def test_an_employer_is_offered_its_own_pages_only():
    assert offered(employer_account(Group.ECW_TALENT).user) == {
        "employer": ["housing:employer_home", "housing:employer_roster_upload"]}


def test_every_link_of_the_chapters_resolves_and_names_a_chapter_once():
    names = [entry.url_name for chapter in CHAPTERS for entry in chapter.entries]
    assert len(names) == len(set(names))
    for name in names:
        assert reverse(name)


def test_the_page_shown_is_marked_current(client):
    client.force_login(staff("ccb", "clerk"))
    page = client.get(reverse("housing:application_list")).content.decode()
    assert f'<a href="{reverse("housing:application_list")}" aria-current="page">' in page
    assert f'href="{reverse("housing:intake")}" class="nav-primary"' in page


def test_the_header_is_grouped_and_folds_behind_a_menu(client):
    client.force_login(staff("finance", "reviewer"))
    page = client.get(reverse("housing:work_queue")).content.decode()
    assert '<details class="site-menu">' in page and "<summary>" in page
    assert 'id="nav-after_allocation-h"' in page and 'id="nav-publicity-h"' not in page
