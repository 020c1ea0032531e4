"""Selection day pages: what a clerk sees and prints, and who is refused (R-16.8a, R-16.8c, R-16.8d, R-6)."""

import pytest
from django.urls import reverse

from housing.groups import Group
from housing.models import HousingUnit, Selection, SelectionSession
from housing.selection import services as selection_day
from housing.stages import Stage
from tests.factories import AllocationRoundFactory, reload, staff, take
from tests.factories.selection import announced, homes, reload_unit, selection_clerk, with_notices
from tests.housing.conftest import Portal
from tests.support.confirmations import through

pytestmark = pytest.mark.django_db


def client_for(user) -> Portal:
    """A browser of ``user`` in English, which can confirm an act (docs/decisions/0047)."""
    return Portal().login(user)


@pytest.fixture
def round_():
    return AllocationRoundFactory(groups=[Group.NO_HOUSING])


def test_a_clerk_issues_notices_and_prints_one(round_):
    apps = announced(round_, ranks=(2, 1))
    clerk = client_for(selection_clerk())
    url = reverse("housing:selection_notices", args=[round_.pk, Group.NO_HOUSING])
    response = through(clerk, clerk.post(url, {"selection_date": "2099-01-05", "place": "龙华区住房保障服务大厅"}), url)
    assert response.status_code == 302
    page = clerk.get(url).content.decode()
    assert page.index(apps[1].number) < page.index(apps[0].number)  # rank 1 first
    printed = clerk.get(reverse("housing:selection_notice", args=[apps[1].number])).content.decode()
    assert "2099-01-05" in printed and "龙华区住房保障服务大厅" in printed and 'id="notice-order">1<' in printed
    assert "@media print" not in printed or "media=\"print\"" in printed


def test_issuing_without_a_place_changes_nothing(round_):
    app = announced(round_)[0]
    response = client_for(selection_clerk()).post(
        reverse("housing:selection_notices", args=[round_.pk, Group.NO_HOUSING]), {"selection_date": "2099-01-05"})
    assert response.status_code == 400
    assert reload(app).stage == Stage.ANNOUNCED


def test_call_choose_confirm_and_no_show_through_the_pages(round_):
    first, second = with_notices(round_, ranks=(1, 2))
    home, other = homes(2)
    clerk = client_for(selection_clerk())
    response = clerk.post(reverse("housing:selection_open_session", args=[round_.pk, Group.NO_HOUSING]))
    session = SelectionSession.objects.get()
    assert response.url == reverse("housing:selection_session", args=[session.pk])
    clerk.post(reverse("housing:selection_call_next", args=[session.pk]))
    page = clerk.get(response.url).content.decode()
    assert first.applicant_name in page and str(home) in page
    choose = reverse("housing:selection_choose", args=[session.pk])
    response = through(clerk, clerk.post(choose, {"application": first.number, "version": reload(first).version,
                                                   "unit": home.pk}), choose)
    assert response.status_code == 302
    assert reload_unit(home).status == HousingUnit.Status.RESERVED
    confirmation = clerk.get(reverse("housing:selection_confirmation", args=[first.number])).content.decode()
    assert str(home) in confirmation and "Sign the contract by" in confirmation
    clerk.post(reverse("housing:selection_call_next", args=[session.pk]))
    # The second household tries the home just taken: told so, nothing changes.
    response = clerk.post(choose, {"application": second.number, "version": reload(second).version, "unit": home.pk})
    assert response.status_code == 409 and "taken" in response.content.decode()
    no_show = reverse("housing:selection_no_show", args=[session.pk])
    response = through(clerk, clerk.post(no_show, {"application": second.number, "version": reload(second).version,
                                                   "note": "未到场"}), no_show)
    assert response.status_code == 302
    assert reload(second).stage == Stage.GAVE_UP


def test_the_generic_step_page_chooses_from_the_stock(round_):
    app = with_notices(round_)[0]
    home, = homes(1)
    clerk = client_for(selection_clerk())
    url = reverse("housing:take_step", args=[app.number, "record_selection"])
    assert str(home) in clerk.get(url).content.decode()
    response = through(clerk, clerk.post(url, {"version": app.version, "unit": home.pk, "selected_on": "2026-01-05"}),
                       url)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Selection.objects.get(application=app).unit_designation == str(home)


def test_the_contract_summary_shows_the_filing_number(round_):
    app = with_notices(round_)[0]
    app = take("record_selection", app)
    app = take("sign_contract", app)
    app = take("file_contract", app)
    page = client_for(selection_clerk()).get(reverse("housing:contract_summary", args=[app.number])).content.decode()
    assert f"BA-{app.number}" in page


@pytest.mark.parametrize("unit_code,role,read", [("social_construction", "clerk", False), ("finance", "clerk", False),
                                                 ("discipline", "clerk", True), ("ccb", "reviewer", True)])
def test_others_are_refused(round_, unit_code, role, read):
    app = with_notices(round_)[0]
    session = selection_day.open_session(actor=selection_clerk(), round_id=round_.pk, group=Group.NO_HOUSING)
    home, = homes(1)
    other = client_for(staff(unit_code, role))
    page = other.get(reverse("housing:selection_session", args=[session.pk]))
    assert page.status_code == (200 if read else 404)
    if read:
        assert "Call the next household" not in page.content.decode()
    assert other.post(reverse("housing:selection_call_next", args=[session.pk])).status_code in (403, 404)
    response = other.post(reverse("housing:selection_choose", args=[session.pk]),
                          {"application": app.number, "version": app.version, "unit": home.pk})
    assert response.status_code in (403, 404)
    assert other.post(reverse("housing:selection_open_session", args=[round_.pk, Group.NO_HOUSING])).status_code \
        in (403, 404)
    assert reload_unit(home).status == HousingUnit.Status.AVAILABLE
    session.refresh_from_db()
    assert session.current is None
