"""Who reads which figures (R-5, R-6, R-X.2): each audience within its scope, everyone else refused."""

import pytest
from django.urls import reverse

from housing.stages import Stage
from tests.factories import AllocationRoundFactory, ApplicationFactory, staff
from tests.factories.rosters import employer_account
from tests.factories.workflow import advance

pytestmark = pytest.mark.django_db
PAGE = reverse("housing:statistics")
DOWNLOAD = reverse("housing:statistics_download", args=["stages"])


@pytest.fixture
def round_with_c3_and_c4():
    round_ = AllocationRoundFactory()
    for _ in range(3):
        ApplicationFactory(round=round_)  # C3: the CCB's group
    advance(ApplicationFactory(round=round_, c4=True), Stage.SUBSTANTIVE_REVIEW)  # C4: Org & Personnel's
    return round_


def stage_table(html: str) -> str:
    start = html.index('id="fig-stages-h"')
    return html[start:html.index("</table>", start)]


@pytest.mark.parametrize("unit, role", [("ccb", "clerk"), ("discipline", "reviewer"), ("joint_meeting", "reviewer")])
def test_the_ccb_discipline_and_the_joint_meeting_read_every_group(client, round_with_c3_and_c4, unit, role):
    client.force_login(staff(unit, role))
    html = client.get(PAGE, {"round": round_with_c3_and_c4.pk}).content.decode()
    table = stage_table(html)
    assert ">C3<" in table and ">C4<" in table
    assert 'id="fig-homes-h"' in html  # the stock belongs to no group: shown to readers of every group


def test_a_responsible_unit_reads_only_its_own_groups(client, round_with_c3_and_c4):
    client.force_login(staff("org_personnel", "reviewer"))
    response = client.get(PAGE, {"round": round_with_c3_and_c4.pk})
    assert response.status_code == 200
    html = response.content.decode()
    table = stage_table(html)
    assert ">C4<" in table and ">C3<" not in table
    assert 'id="fig-homes-h"' not in html
    # the one C4 application, in substantive review; none of the three C3 ones
    assert '<td class="num">1</td><td class="num">1</td>' in table and ">3<" not in table


def test_a_talent_unit_asking_for_another_units_group_is_refused(client, round_with_c3_and_c4):
    client.force_login(staff("org_personnel", "reviewer"))
    assert client.get(PAGE, {"group": "no_housing"}).status_code == 403
    assert client.get(DOWNLOAD, {"group": "enterprise_talent"}).status_code == 403
    assert client.get(PAGE, {"group": "institution_talent"}).status_code == 200


def test_the_ccb_may_filter_any_group(client, round_with_c3_and_c4):
    client.force_login(staff("ccb", "clerk"))
    html = client.get(PAGE, {"group": "institution_talent", "round": round_with_c3_and_c4.pk}).content.decode()
    table = stage_table(html)
    assert ">C4<" in table and ">C3<" not in table


def test_anonymous_is_sent_to_sign_in(client):
    for url in (PAGE, DOWNLOAD):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login" in response["Location"]


@pytest.mark.parametrize("unit", ["finance", "verify_public_security", "verify_subdistrict"])
def test_units_outside_the_oversight_are_refused(client, unit):
    client.force_login(staff(unit, "clerk"))
    assert client.get(PAGE).status_code == 403
    assert client.get(DOWNLOAD).status_code == 403


def test_an_employers_account_is_refused(client):
    client.force_login(employer_account().user)
    assert client.get(PAGE).status_code == 403
    assert client.get(DOWNLOAD).status_code == 403


def test_the_header_links_the_page_for_those_who_may_read_it(client):
    client.force_login(staff("social_construction", "reviewer"))
    assert f'href="{PAGE}"' in client.get(reverse("housing:work_queue")).content.decode()
    client.force_login(staff("finance", "clerk"))
    assert f'href="{PAGE}"' not in client.get(reverse("housing:work_queue")).content.decode()


@pytest.mark.parametrize("query", [{"year": "abc"}, {"round": "999999"}, {"group": "nobody"}, {"year": "1"}])
def test_bad_filters_get_a_clear_error_not_a_500(client, query):
    client.force_login(staff("ccb", "clerk"))
    response = client.get(PAGE, query)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert client.get(DOWNLOAD, query).status_code == 400


def test_an_unknown_figure_is_not_found(client):
    client.force_login(staff("ccb", "clerk"))
    assert client.get(reverse("housing:statistics_download", args=["nothing"])).status_code == 404
