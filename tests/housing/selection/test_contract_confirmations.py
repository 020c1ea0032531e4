"""The end of an allocation is stated first and done only once exactly that is confirmed (docs/decisions/0047): one
household's selection notice from its application page (R-16.8a), the home chosen, from the application page and on
the selection-day screen (R-16.8c), the contract signed and its filing (R-16.8d)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from housing.cases.checklists import REQUIRED
from housing.cases.documents import upload_document
from housing.groups import Group
from housing.models import Contract, HousingUnit, Selection, SelectionNotice, Tenancy
from housing.selection import contracts
from housing.selection.selectors import selection_policy
from housing.stages import Stage
from publicity.models import PublicNotice
from tests.factories import AllocationRoundFactory, reload, staff, take
from tests.factories.selection import announced, calling, homes, reload_unit, selection_clerk, set_policy, with_notices
from tests.support.confirmations import confirm, confirmation_text, is_confirmation
from tests.support.materials import TINY_PDF

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = (TODAY + datetime.timedelta(days=10)).isoformat()
PLACE = "龙华区住房保障服务大厅"
FORGED = [{"confirmed": "yes"}, {"confirmed": "yes", "shown": "0" * 32}]
OTHERS = [(("ccb", "reviewer"), 403), (("finance", "clerk"), 404)]


@pytest.fixture
def round_():
    return AllocationRoundFactory(groups=[Group.NO_HOUSING, Group.LOW_INCOME_NO_HOUSING, Group.ECW_TALENT])


def step_url(application, step):
    return reverse("housing:take_step", args=[application.number, step])


def detail_url(application):
    return reverse("housing:application_detail", args=[application.number])


def facts_of(text) -> dict[str, str]:
    """The confirmation's facts, label by label."""
    start = text.index('id="confirmation-facts"')
    return dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", text[start:text.index("</dl>", start)], re.S))


def hand_in_a_file(application):
    """A clerk hands in one more file meanwhile: the application changes (R-16.e)."""
    upload_document(actor=selection_clerk(), application=reload(application), kind=REQUIRED[application.group][0],
                    uploaded_file=SimpleUploadedFile("scan.pdf", TINY_PDF, content_type="application/pdf"))


# --- one household's selection notice, from its application page (R-16.8a) ---------------------------


def test_a_single_notice_is_stated_as_the_list_s_notices_with_its_order_and_issues_nothing(portal, round_):
    first, second = announced(round_, ranks=(1, 2))
    contracts.issue_selection_notice(actor=selection_clerk(), application=first, expected_version=first.version)
    portal.login(selection_clerk())
    response = portal.submit(step_url(second, "issue_selection_notice"), {"selection_date": DAY, "place": PLACE})
    text = confirmation_text(response)
    assert f"Issue the selection notice: {Group.NO_HOUSING.label}, {round_}" in text
    assert f"1 household of this list receives its selection notice now: it is called to select its home on {DAY} " \
           f"at {PLACE}, in the order below (Art. 16(8))." in text
    facts = facts_of(text)
    assert facts["Order of selection"] == "2" and facts["Notices issued earlier for this list"] == "1"
    assert facts["Selection date"] == DAY and facts["Selection place"] == PLACE
    assert second.number in text and second.applicant_name in text and first.number not in text
    assert "Confirm and issue the notice<" in text
    assert f'href="{detail_url(second)}"' in response.content.decode()
    assert not SelectionNotice.objects.filter(application=second).exists()
    assert reload(second).stage == Stage.ANNOUNCED


def test_a_confirmed_single_notice_is_issued(portal, round_):
    app, = announced(round_)
    portal.login(selection_clerk())
    url = step_url(app, "issue_selection_notice")
    response = confirm(portal, portal.submit(url, {"selection_date": DAY, "place": PLACE}), url)
    assert response.status_code == 302 and response.url == detail_url(app)
    notice = SelectionNotice.objects.get(application=app)
    assert (notice.order, notice.selection_date.isoformat(), notice.place) == (1, DAY, PLACE)
    assert reload(app).stage == Stage.SELECTION


@pytest.mark.parametrize("forged", FORGED)
def test_a_single_notice_without_a_true_confirmation_issues_nothing(portal, round_, forged):
    app, = announced(round_)
    portal.login(selection_clerk())
    response = portal.post(step_url(app, "issue_selection_notice"),
                           {"version": app.version, "selection_date": DAY, "place": PLACE, **forged})
    assert is_confirmation(response)
    assert not SelectionNotice.objects.exists() and reload(app).stage == Stage.ANNOUNCED


def test_a_single_notice_whose_order_changed_meanwhile_is_stated_afresh(portal, round_):
    # R-23.2: talents are ranked within each employer, so two employers' first households wait side by side.
    mine, = announced(round_, Group.ECW_TALENT)
    other, = announced(round_, Group.ECW_TALENT)
    assert mine.employer_id != other.employer_id
    portal.login(selection_clerk())
    url = step_url(mine, "issue_selection_notice")
    shown = portal.submit(url, {"selection_date": DAY, "place": PLACE})
    assert facts_of(confirmation_text(shown))["Order of selection"] == "1"
    # Meanwhile the other employer's household gets number 1.
    contracts.issue_selection_notice(actor=selection_clerk(), application=other, expected_version=other.version)
    response = confirm(portal, shown, url)
    assert response.status_code == 409
    text = confirmation_text(response)
    assert "has changed in the meantime" in text and facts_of(text)["Order of selection"] == "2"
    assert not SelectionNotice.objects.filter(application=mine).exists()
    assert confirm(portal, response, url).status_code == 302
    assert SelectionNotice.objects.get(application=mine).order == 2


def test_a_refused_single_notice_is_refused_before_any_confirmation(portal, round_):
    app, = announced(round_)
    url = step_url(app, "issue_selection_notice")
    for (unit, role), status in OTHERS:
        portal.login(staff(unit, role))
        assert portal.post(url, {"version": app.version, "selection_date": DAY, "place": PLACE}).status_code == status
    # The announcement period still runs: refused as before, with the reason and no statement.
    PublicNotice.objects.filter(entries=app).update(announced_at=timezone.now() - datetime.timedelta(days=6))
    portal.login(selection_clerk())
    response = portal.post(url, {"version": app.version, "selection_date": DAY, "place": PLACE})
    assert not is_confirmation(response) and "announcement period" in response.content.decode()
    assert not SelectionNotice.objects.exists() and reload(app).stage == Stage.ANNOUNCED


# --- the home chosen (R-16.8c) -----------------------------------------------------------------------


def sign_by(selected_on=TODAY):
    return (selected_on + datetime.timedelta(days=selection_policy(selected_on).sign_within_days)).isoformat()


def test_the_home_chosen_is_stated_with_its_figures_and_the_day_to_sign_by_and_nothing_is_held(portal, round_):
    app, = with_notices(round_)
    home, = homes(1)
    portal.login(selection_clerk())
    response = portal.submit(step_url(app, "record_selection"), {"unit": home.pk, "selected_on": TODAY.isoformat()})
    text = confirmation_text(response)
    assert f"Record the home chosen by {app.applicant_name}" in text
    assert f"{app.applicant_name} (application {app.number}) chooses the home {home} on {TODAY.isoformat()} " \
           f"(Art. 16(8)). The contract must be signed by {sign_by()}." in text
    facts = facts_of(text)
    assert facts["Application"] == app.number and facts["Applicant"] == app.applicant_name
    assert (facts["Project"], facts["Building"], facts["Unit number"]) == (
        home.building.project.name, home.building.name, home.number)
    assert (facts["Unit type"], facts["Floor area (m²)"], facts["Floor"]) == ("One bedroom", "45.00", "3")
    assert facts["Monthly rent (yuan)"] == "1,200.00" and facts["Monthly rent in capital figures"] == "人民币壹仟贰佰元整"
    assert facts["Selected on"] == TODAY.isoformat() and facts["Sign the contract by"] == sign_by()
    assert "Employer" not in facts
    assert "no longer offered to the other households" in text and "The next step is the contract" in text
    assert f'href="{detail_url(app)}"' in response.content.decode()
    assert not Selection.objects.exists() and reload_unit(home).status == HousingUnit.Status.AVAILABLE
    assert reload(app).stage == Stage.SELECTION


def test_a_home_for_sale_is_stated_with_its_price(portal, round_):
    app, = with_notices(round_, Group.LOW_INCOME_NO_HOUSING)
    home, = homes(1, form="economic_housing")
    portal.login(selection_clerk())
    text = confirmation_text(portal.submit(step_url(app, "record_selection"), {"unit": home.pk}))
    facts = facts_of(text)
    assert facts["Price (yuan)"] == "600,000.00" and facts["Price in capital figures"] == "人民币陆拾万元整"
    assert "Monthly rent (yuan)" not in facts


def test_a_talent_s_home_is_stated_with_the_employer(portal, round_):
    app, = with_notices(round_, Group.ECW_TALENT)
    home, = homes(1)
    portal.login(selection_clerk())
    facts = facts_of(confirmation_text(portal.submit(step_url(app, "record_selection"), {"unit": home.pk})))
    assert facts["Employer"] == reload(app).employer.name


def test_a_confirmed_choice_holds_the_home(portal, round_):
    app, = with_notices(round_)
    home, = homes(1)
    portal.login(selection_clerk())
    url = step_url(app, "record_selection")
    response = confirm(portal, portal.submit(url, {"unit": home.pk, "selected_on": TODAY.isoformat()}), url)
    assert response.status_code == 302
    selection = Selection.objects.get(application=app)
    assert (selection.unit_id, selection.sign_by.isoformat()) == (home.pk, sign_by())
    assert reload_unit(home).status == HousingUnit.Status.RESERVED and reload(app).stage == Stage.UNIT_SELECTED


@pytest.mark.parametrize("forged", FORGED)
def test_a_choice_without_a_true_confirmation_holds_nothing(portal, round_, forged):
    app, = with_notices(round_)
    home, = homes(1)
    portal.login(selection_clerk())
    response = portal.post(step_url(app, "record_selection"),
                           {"version": app.version, "unit": home.pk, "selected_on": TODAY.isoformat(), **forged})
    assert is_confirmation(response)
    assert not Selection.objects.exists() and reload_unit(home).status == HousingUnit.Status.AVAILABLE


def test_a_choice_confirmed_after_the_signing_period_changed_is_stated_afresh(portal, round_):
    app, = with_notices(round_)
    home, = homes(1)
    set_policy(sign_within_days=7)
    portal.login(selection_clerk())
    url = step_url(app, "record_selection")
    shown = portal.submit(url, {"unit": home.pk, "selected_on": TODAY.isoformat()})
    assert facts_of(confirmation_text(shown))["Sign the contract by"] == sign_by()
    set_policy(sign_within_days=14)  # the policy in force changes meanwhile (SPEC §13)
    response = confirm(portal, shown, url)
    assert response.status_code == 409
    text = confirmation_text(response)
    later = (TODAY + datetime.timedelta(days=14)).isoformat()
    assert "has changed in the meantime" in text and facts_of(text)["Sign the contract by"] == later
    assert not Selection.objects.exists() and reload_unit(home).status == HousingUnit.Status.AVAILABLE
    assert confirm(portal, response, url).status_code == 302
    assert Selection.objects.get(application=app).sign_by.isoformat() == later


def test_a_refused_choice_is_refused_before_any_confirmation(portal, round_):
    app, = with_notices(round_)
    home, = homes(1)
    url = step_url(app, "record_selection")
    for (unit, role), status in OTHERS:
        portal.login(staff(unit, role))
        assert portal.post(url, {"version": app.version, "unit": home.pk}).status_code == status
    # A stale version is refused as before, with no statement.
    portal.login(selection_clerk())
    response = portal.post(url, {"version": app.version - 1, "unit": home.pk, "selected_on": TODAY.isoformat()})
    assert not is_confirmation(response) and response.status_code == 409
    assert not Selection.objects.exists() and reload(app).stage == Stage.SELECTION


# --- the home chosen on the selection-day screen (R-16.8c) -------------------------------------------


def choose(portal, session, application, home):
    return portal.post(reverse("housing:selection_choose", args=[session.pk]),
                       {"application": application.number, "version": reload(application).version, "unit": home.pk})


def test_the_selection_day_screen_states_the_choice_and_cancels_to_the_session(portal, round_):
    first, second = with_notices(round_, ranks=(1, 2))
    home, _spare = homes(2)
    session = calling(round_)
    portal.login(selection_clerk())
    response = choose(portal, session, first, home)
    text = confirmation_text(response)
    assert f"{first.applicant_name} (application {first.number}) chooses the home {home}" in text
    facts = facts_of(text)
    assert facts["Monthly rent (yuan)"] == "1,200.00" and facts["Sign the contract by"] == sign_by()
    assert f'href="{reverse("housing:selection_session", args=[session.pk])}"' in response.content.decode()
    assert not Selection.objects.exists() and reload_unit(home).status == HousingUnit.Status.AVAILABLE
    session.refresh_from_db()
    assert session.current_id == first.pk


def test_a_choice_confirmed_on_the_selection_day_screen_goes_on_as_before(portal, round_):
    first, = with_notices(round_)
    home, = homes(1)
    session = calling(round_)
    portal.login(selection_clerk())
    url = reverse("housing:selection_choose", args=[session.pk])
    response = confirm(portal, choose(portal, session, first, home), url)
    assert response.status_code == 302 and response.url == reverse("housing:selection_session", args=[session.pk])
    assert f"{first.number} chose {home}." in portal.get(response.url).content.decode()
    assert Selection.objects.get(application=first).session_id == session.pk
    assert reload_unit(home).status == HousingUnit.Status.RESERVED
    session.refresh_from_db()
    assert session.current is None


@pytest.mark.parametrize("forged", FORGED)
def test_a_choice_on_the_selection_day_screen_without_a_true_confirmation_holds_nothing(portal, round_, forged):
    first, = with_notices(round_)
    home, = homes(1)
    session = calling(round_)
    portal.login(selection_clerk())
    response = portal.post(reverse("housing:selection_choose", args=[session.pk]),
                           {"application": first.number, "version": first.version, "unit": home.pk, **forged})
    assert is_confirmation(response)
    assert not Selection.objects.exists() and reload_unit(home).status == HousingUnit.Status.AVAILABLE


def test_a_choice_confirmed_after_the_rent_changed_is_stated_afresh(portal, round_):
    first, = with_notices(round_)
    home, = homes(1)
    session = calling(round_)
    portal.login(selection_clerk())
    url = reverse("housing:selection_choose", args=[session.pk])
    shown = choose(portal, session, first, home)
    assert facts_of(confirmation_text(shown))["Monthly rent (yuan)"] == "1,200.00"
    # Meanwhile a stock import corrects the rent of the home (R-16.8b).
    HousingUnit.objects.filter(pk=home.pk).update(monthly_rent=Decimal("1250.00"), version=home.version + 1)
    response = confirm(portal, shown, url)
    assert response.status_code == 409
    facts = facts_of(confirmation_text(response))
    assert facts["Monthly rent (yuan)"] == "1,250.00" and facts["Monthly rent in capital figures"] == "人民币壹仟贰佰伍拾元整"
    assert not Selection.objects.exists()
    assert confirm(portal, response, url).status_code == 302
    assert reload_unit(home).status == HousingUnit.Status.RESERVED


def test_a_refused_choice_on_the_selection_day_screen_is_refused_before_any_confirmation(portal, round_):
    first, second = with_notices(round_, ranks=(1, 2))
    home, = homes(1)
    session = calling(round_)
    for (unit, role), status in OTHERS:
        portal.login(staff(unit, role))
        assert choose(portal, session, first, home).status_code == status
    # A home taken meanwhile by another household is refused as before.
    take("record_selection", second, unit=home)
    portal.login(selection_clerk())
    response = choose(portal, session, first, home)
    assert not is_confirmation(response) and response.status_code == 409
    assert "has just been taken by another household" in response.content.decode()
    assert reload(first).stage == Stage.SELECTION


# --- signing the contract (R-16.8d) ------------------------------------------------------------------


def talent_with_a_home(round_):
    app, = with_notices(round_, Group.ECW_TALENT)
    return take("record_selection", app)


def lease(application, **changes):
    start = TODAY + datetime.timedelta(days=1)
    return {"number": f"HT-{application.number}", "signed_on": TODAY.isoformat(), "term_start": start.isoformat(),
            "term_end": (start + datetime.timedelta(days=730)).isoformat(), **changes}


def test_the_contract_is_stated_with_its_parties_term_and_rent_in_capital_figures_and_nothing_is_signed(
        portal, round_):
    app = talent_with_a_home(round_)
    employer = app.employer.name
    home = Selection.objects.get(application=app).unit
    portal.login(selection_clerk())
    data = lease(app, signatory=employer, signed_by_employer="on", monthly_rent="1350.00")
    response = portal.submit(step_url(app, "sign_contract"), data)
    text = confirmation_text(response)
    assert f"Sign contract HT-{app.number} for {app.applicant_name}" in text
    assert f"Contract HT-{app.number} is recorded as signed on {TODAY.isoformat()} by {employer} and " \
           f"{home.building.project.property_owner}: the lease of the home {home} from {data['term_start']} to " \
           f"{data['term_end']}, at 1,350.00 yuan a month (Art. 16(8))." in text
    facts = facts_of(text)
    assert facts["Contract number"] == f"HT-{app.number}" and facts["Application"] == app.number
    assert facts["Applicant"] == app.applicant_name and facts["Employer"] == employer
    assert facts["Home"] == str(home) and facts["Property owner"] == home.building.project.property_owner
    assert facts["Signed by"] == employer and facts["Signed by the employer for the household"] == "Yes"
    assert (facts["Signed on"], facts["Term starts"], facts["Term ends"]) == (
        TODAY.isoformat(), data["term_start"], data["term_end"])
    assert facts["Monthly rent (yuan)"] == "1,350.00" and facts["Monthly rent in capital figures"] == "人民币壹仟叁佰伍拾元整"
    assert f"{employer} signs for the household" in text
    assert "the City Construction Bureau files the contract: filing lets the home and starts the lease" in text
    assert f'href="{detail_url(app)}"' in response.content.decode()
    assert not Contract.objects.exists() and reload(app).stage == Stage.UNIT_SELECTED


def test_a_sale_contract_is_stated_with_its_price_in_capital_figures(portal, round_):
    app, = with_notices(round_, Group.LOW_INCOME_NO_HOUSING)
    app = take("record_selection", app)
    portal.login(selection_clerk())
    response = portal.submit(step_url(app, "sign_contract"), {"number": f"HT-{app.number}",
                                                              "term_start": TODAY.isoformat()})
    text = confirmation_text(response)
    facts = facts_of(text)
    # The price as the chosen home states it (R-16.8d).
    assert facts["Price (yuan)"] == "600,000.00" and facts["Price in capital figures"] == "人民币陆拾万元整"
    assert facts["Term ends"] == "—" and "Monthly rent (yuan)" not in facts and "Employer" not in facts
    assert "the sale of the home" in text and "filing sells the home" in text
    assert not Contract.objects.exists()


def test_a_confirmed_contract_is_recorded_as_stated(portal, round_):
    app = talent_with_a_home(round_)
    portal.login(selection_clerk())
    url = step_url(app, "sign_contract")
    data = lease(app, signatory=app.employer.name, signed_by_employer="on", monthly_rent="1350.00")
    response = confirm(portal, portal.submit(url, data), url)
    assert response.status_code == 302
    contract = Contract.objects.get(application=app)
    assert (contract.number, contract.signatory, contract.signed_by_employer, contract.monthly_rent) == (
        f"HT-{app.number}", app.employer.name, True, Decimal("1350.00"))
    assert reload(app).stage == Stage.CONTRACTED


@pytest.mark.parametrize("forged", FORGED)
def test_a_contract_without_a_true_confirmation_is_not_recorded(portal, round_, forged):
    app = talent_with_a_home(round_)
    portal.login(selection_clerk())
    url = step_url(app, "sign_contract")
    page = portal.get(url)
    response = portal.post(url, {**portal.fill(portal.page_form(page), lease(app)), **forged})
    assert is_confirmation(response)
    assert not Contract.objects.exists() and reload(app).stage == Stage.UNIT_SELECTED


def test_a_contract_confirmed_after_the_application_changed_is_refused(portal, round_, private_media):
    app = talent_with_a_home(round_)
    portal.login(selection_clerk())
    url = step_url(app, "sign_contract")
    shown = portal.submit(url, lease(app))
    confirmation_text(shown)
    hand_in_a_file(app)
    response = confirm(portal, shown, url)
    assert response.status_code == 409 and not is_confirmation(response)
    assert not Contract.objects.exists() and reload(app).stage == Stage.UNIT_SELECTED


def test_a_refused_contract_is_refused_before_any_confirmation(portal, round_):
    app = talent_with_a_home(round_)
    url = step_url(app, "sign_contract")
    for (unit, role), status in OTHERS:
        portal.login(staff(unit, role))
        assert portal.post(url, {"version": app.version, **lease(app)}).status_code == status
    # Art. 30: a talent's lease runs at most 3 years; refused as before, on the field, with no statement.
    portal.login(selection_clerk())
    start = TODAY + datetime.timedelta(days=1)
    response = portal.submit(url, lease(app, term_end=(start + datetime.timedelta(days=4 * 365)).isoformat()))
    assert not is_confirmation(response) and response.status_code == 400
    assert "at most 3 years" in response.content.decode()
    assert not Contract.objects.exists() and reload(app).stage == Stage.UNIT_SELECTED


# --- filing the contract (R-16.8d) -------------------------------------------------------------------


def signed(round_, group=Group.NO_HOUSING):
    app, = with_notices(round_, group)
    return take("sign_contract", take("record_selection", app))


def test_filing_a_lease_states_the_tenancy_it_starts_and_files_nothing(portal, round_):
    app = signed(round_)
    contract = Contract.objects.get(application=app)
    portal.login(selection_clerk())
    response = portal.submit(step_url(app, "file_contract"), {"filing_number": f"BA-{app.number}"})
    text = confirmation_text(response)
    assert f"File contract {contract.number} of {app.applicant_name}" in text
    assert f"Contract {contract.number} of {app.applicant_name} is filed under number BA-{app.number} on " \
           f"{TODAY.isoformat()} (Art. 16(8)): the home {contract.unit} is let to the household, and its lease runs " \
           f"from {contract.term_start.isoformat()} to {contract.term_end.isoformat()} at 1,200.00 yuan a month." \
           in text
    facts = facts_of(text)
    assert (facts["Filing number"], facts["Filed on"], facts["Contract number"]) == (
        f"BA-{app.number}", TODAY.isoformat(), contract.number)
    assert facts["Applicant"] == app.applicant_name and facts["Home"] == str(contract.unit)
    assert (facts["Lease starts"], facts["Lease ends"]) == (contract.term_start.isoformat(),
                                                           contract.term_end.isoformat())
    assert facts["Monthly rent (yuan)"] == "1,200.00" and facts["Monthly rent in capital figures"] == "人民币壹仟贰佰元整"
    assert "The home is let: it leaves the stock" in text and "is not undone" in text
    assert f'href="{detail_url(app)}"' in response.content.decode()
    assert reload_unit(contract.unit).status == HousingUnit.Status.RESERVED and not Tenancy.objects.exists()
    assert Contract.objects.get(application=app).filing_number == "" and reload(app).stage == Stage.CONTRACTED


def test_filing_a_sale_states_that_the_home_is_sold(portal, round_):
    app = signed(round_, Group.LOW_INCOME_NO_HOUSING)
    contract = Contract.objects.get(application=app)
    portal.login(selection_clerk())
    text = confirmation_text(portal.submit(step_url(app, "file_contract"), {"filing_number": f"BA-{app.number}"}))
    assert f"the home {contract.unit} is sold to the household." in text and "The home is sold" in text
    assert "Lease starts" not in facts_of(text)
    assert reload_unit(contract.unit).status == HousingUnit.Status.RESERVED


def test_a_confirmed_filing_lets_the_home_and_starts_the_tenancy(portal, round_):
    app = signed(round_)
    contract = Contract.objects.get(application=app)
    portal.login(selection_clerk())
    url = step_url(app, "file_contract")
    response = confirm(portal, portal.submit(url, {"filing_number": f"BA-{app.number}"}), url)
    assert response.status_code == 302
    assert Contract.objects.get(application=app).filing_number == f"BA-{app.number}"
    assert reload_unit(contract.unit).status == HousingUnit.Status.LET
    tenancy = Tenancy.objects.get(contract=contract)
    assert (tenancy.starts_on, tenancy.ends_on, tenancy.monthly_rent) == (
        contract.term_start, contract.term_end, Decimal("1200.00"))
    assert reload(app).stage == Stage.FILED


@pytest.mark.parametrize("forged", FORGED)
def test_a_filing_without_a_true_confirmation_files_nothing(portal, round_, forged):
    app = signed(round_)
    portal.login(selection_clerk())
    response = portal.post(step_url(app, "file_contract"), {"version": app.version, "filing_number": "BA-1",
                                                            "filed_on": TODAY.isoformat(), **forged})
    assert is_confirmation(response)
    assert Contract.objects.get(application=app).filing_number == "" and not Tenancy.objects.exists()
    assert reload(app).stage == Stage.CONTRACTED


def test_a_filing_confirmed_after_the_application_changed_is_refused(portal, round_, private_media):
    app = signed(round_)
    portal.login(selection_clerk())
    url = step_url(app, "file_contract")
    shown = portal.submit(url, {"filing_number": f"BA-{app.number}"})
    confirmation_text(shown)
    hand_in_a_file(app)
    response = confirm(portal, shown, url)
    assert response.status_code == 409 and not is_confirmation(response)
    assert Contract.objects.get(application=app).filing_number == "" and not Tenancy.objects.exists()


def test_a_refused_filing_is_refused_before_any_confirmation(portal, round_):
    app = signed(round_)
    url = step_url(app, "file_contract")
    for (unit, role), status in OTHERS:
        portal.login(staff(unit, role))
        assert portal.post(url, {"version": app.version, "filing_number": "BA-1",
                                 "filed_on": TODAY.isoformat()}).status_code == status
    # A filing number another contract was filed under is refused as before, with no statement.
    other = take("file_contract", signed(round_))
    portal.login(selection_clerk())
    response = portal.submit(url, {"filing_number": f"BA-{other.number}"})
    assert not is_confirmation(response) and response.status_code == 400
    assert "already used" in response.content.decode()
    assert Contract.objects.get(application=app).filing_number == "" and reload(app).stage == Stage.CONTRACTED
