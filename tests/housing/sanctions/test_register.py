"""R-35, R-36, R-37, R-29, SPEC §12: the register, its bans at intake, and who may enter it."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from housing.exceptions import InvalidInput, NotPermitted
from housing.models import Contract, HouseholdMember, OfficeAction, OwnershipTransfer
from housing.rules.sanctions import barred_until, is_barred
from housing.sanctions.services import record_sanction
from housing.stages import Stage
from publicity.cache import generation
from publicity.models import RegisterEntry
from tests.factories import ApplicationFactory, EmployerDataFactory, MemberFactory, advance, staff
from tests.housing.conftest import page_text
from tests.support.confirmations import confirm, confirmation_text

D = datetime.date


@pytest.mark.parametrize("ground, refused, until", [
    ("R-36.1", D(2020, 5, 10), D(2030, 5, 10)),
    ("R-36.2", D(2020, 5, 10), D(2023, 5, 10)),
    ("R-37", D(2020, 5, 10), D(2023, 5, 10)),
    ("R-36.1", D(2024, 2, 29), D(2034, 2, 28)),  # no 29 February then: the last day of the month
    ("R-36.2", D(2024, 2, 29), D(2027, 2, 28)),
    ("R-36.2", D(2023, 2, 28), D(2026, 2, 28)),
    ("R-36.1", D(2020, 2, 29), D(2030, 2, 28)),
])
def test_ban_lengths(ground, refused, until):
    assert barred_until(ground, refused) == until


@pytest.mark.parametrize("on, barred", [(D(2023, 5, 9), True), (D(2023, 5, 10), True), (D(2023, 5, 11), False),
                                        (D(2020, 5, 9), False), (D(2020, 5, 10), True)])
def test_the_ban_covers_its_first_and_last_day(on, barred):
    assert is_barred(barred_from=D(2020, 5, 10), until=D(2023, 5, 10), on=on) is barred


pytestmark = pytest.mark.django_db


def _enter(*, until_offset: int, ground="R-36.2", **who):
    """A register entry whose ban ends ``until_offset`` days from today."""
    today = timezone.localdate()
    return RegisterEntry.objects.create(
        subject="employer" if ground == "R-37" else "person", ground=ground, facts="虚报收入",
        barred_from=today - datetime.timedelta(days=400), barred_until=today + datetime.timedelta(days=until_offset),
        entered_by=staff("ccb", "reviewer"), entered_at=timezone.now(), **who)


@pytest.mark.django_db(transaction=True)
def test_record_sanction_for_a_refused_application(client):
    """Committed for real: the public register's cache generation moves once the entry is saved."""
    importlib.import_module("housing.migrations.0003_default_policy").ship_defaults(apps, None)
    app = advance(ApplicationFactory(), Stage.REFUSED)
    url = reverse("publicity:register")
    assert app.applicant_name not in page_text(client.get(url))  # the page is cached now
    before = generation()
    entry = record_sanction(actor=staff("ccb", "head"), ground="R-36.1", facts="隐瞒名下房产并提供虚假证明",
                            application=app)
    today = timezone.localdate()
    assert (entry.name, entry.id_number) == (app.applicant_name, app.applicant_id_number)
    assert entry.fine == Decimal("30000.00") and entry.barred_from == today
    assert entry.barred_until == barred_until("R-36.1", today)
    assert OfficeAction.objects.get(action="record_sanction").article == "R-36"
    assert generation() != before  # the public register page is rebuilt
    text = page_text(client.get(url))
    assert app.applicant_id_number[:6] in text and app.applicant_id_number not in text
    assert "30,000.00" in text or "30000.00" in text


def test_no_entry_for_an_application_not_refused(allocation_round):
    app = ApplicationFactory(round=allocation_round)
    with pytest.raises(InvalidInput) as exc:
        record_sanction(actor=staff("ccb", "head"), ground="R-36.2", facts="x", application=app)
    assert "application" in exc.value.field_errors and not RegisterEntry.objects.exists()


def test_a_refusal_date_other_than_the_history_is_refused(allocation_round):
    app = advance(ApplicationFactory(round=allocation_round), Stage.REFUSED)
    with pytest.raises(InvalidInput) as exc:
        record_sanction(actor=staff("ccb", "head"), ground="R-36.2", facts="x", application=app,
                        decided_on=timezone.localdate() - datetime.timedelta(days=3))
    assert "decided_on" in exc.value.field_errors


def test_employer_entry_has_no_fine(allocation_round):
    employer = EmployerDataFactory()
    entry = record_sanction(actor=staff("ccb", "head"), ground="R-37", facts="将住房出租给非本单位职工",
                            name=employer.name, credit_code=employer.credit_code,
                            decided_on=D(2024, 2, 29))
    assert entry.subject == "employer" and entry.fine is None and entry.barred_until == D(2027, 2, 28)


@pytest.mark.parametrize("user", [("ccb", "clerk"), ("ccb", "reviewer"), ("finance", "head"), ("discipline", "head"),
                                  ("org_personnel", "reviewer")])
def test_only_a_ccb_head_enters_the_register(user):
    with pytest.raises(NotPermitted):
        record_sanction(actor=staff(*user), ground="R-36.2", facts="x", name="张三",
                        id_number=MemberFactory()["id_number"], decided_on=D(2024, 1, 1))


# --- intake ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("offset, refused", [(-1, False), (0, True), (1, True)])
def test_intake_refuses_while_the_applicant_is_barred(allocation_round, offset, refused):
    applicant = MemberFactory()
    entry = _enter(until_offset=offset, name=applicant["name"], id_number=applicant["id_number"])
    if not refused:
        ApplicationFactory(round=allocation_round, members=[applicant])
        return
    with pytest.raises(InvalidInput) as exc:
        ApplicationFactory(round=allocation_round, members=[applicant])
    message = exc.value.field_errors["members.0.id_number"][0]
    assert entry.barred_until.isoformat() in message and "Art. 36" in message


def test_intake_refuses_a_barred_co_applicant_but_not_a_listed_non_applicant(allocation_round):
    applicant, spouse = MemberFactory(marital_status="married"), MemberFactory(relation="spouse",
                                                                                 marital_status="married")
    _enter(until_offset=30, ground="R-36.1", name=spouse["name"], id_number=spouse["id_number"])
    with pytest.raises(InvalidInput) as exc:
        ApplicationFactory(round=allocation_round, members=[dict(applicant), dict(spouse)])
    assert "Art. 36" in exc.value.field_errors["members.1.id_number"][0]
    ApplicationFactory(round=allocation_round, members=[dict(applicant), {**spouse, "applying": False}])


def test_intake_refuses_a_talent_application_of_a_barred_employer(allocation_round):
    employer = EmployerDataFactory()
    entry = _enter(until_offset=0, ground="R-37", name=employer.name, credit_code=employer.credit_code)
    with pytest.raises(InvalidInput) as exc:
        ApplicationFactory(round=allocation_round, c4=True, employer=employer)
    message = exc.value.field_errors["employer.credit_code"][0]
    assert entry.barred_until.isoformat() in message and "Art. 37" in message


def test_a_seller_at_market_price_never_applies_for_economic_housing_again(allocation_round):
    """R-29."""
    sold = advance(ApplicationFactory(round=allocation_round, c1=True), Stage.FILED)
    seller = sold.applicant_id_number
    OwnershipTransfer.objects.create(
        contract=Contract.objects.get(application=sold), seller_id_number=seller, sale_price=Decimal("1500000.00"),
        ordinary_price=Decimal("1600000.00"), land_revenue_share=Decimal("0.5000"),
        land_revenue_payment=Decimal("50000.00"), first_right_declined_on=D(2024, 1, 10),
        recorded_by=staff("ccb", "head"))
    member = MemberFactory(id_number=seller)
    with pytest.raises(InvalidInput) as exc:
        ApplicationFactory(round=allocation_round, c1=True, members=[dict(member)])
    assert "Art. 29" in exc.value.field_errors["members.0.id_number"][0]
    ApplicationFactory(round=allocation_round, members=[dict(member)])  # C3 public rental: not economic housing


# --- pages -----------------------------------------------------------------------------------------------

def test_a_ccb_head_enters_a_sanction_on_the_page(portal, allocation_round):
    app = advance(ApplicationFactory(round=allocation_round), Stage.REFUSED)
    portal.login(staff("ccb", "head"))
    url = reverse("housing:sanction_create")
    response = portal.submit(url, {"ground": "R-36.2", "application": app.number, "facts": "伪造收入证明"})
    # Published and not removed: stated first with the fine and the ban (docs/decisions/0047).
    stated = confirmation_text(response)
    assert "10,000.00" in stated and "人民币壹万元整" in stated
    assert barred_until("R-36.2", timezone.localdate()).isoformat() in stated
    assert not RegisterEntry.objects.exists()
    response = confirm(portal, response, url)
    assert response.status_code == 302
    page = page_text(portal.get(reverse("housing:sanction_list")))
    assert app.applicant_id_number in page and "10,000.00" in page
    assert barred_until("R-36.2", timezone.localdate()).isoformat() in page


def test_the_page_shows_what_is_missing(portal):
    portal.login(staff("ccb", "head"))
    response = portal.submit(reverse("housing:sanction_create"), {"ground": "R-36.1", "facts": "x"})
    assert response.status_code == 400 and not RegisterEntry.objects.exists()
    assert "ban counts from it" in page_text(response)


@pytest.mark.parametrize("user, list_status", [(("ccb", "clerk"), 200), (("discipline", "head"), 200),
                                               (("finance", "head"), 403), (("org_personnel", "head"), 403)])
def test_who_reads_and_who_may_not_enter(portal, user, list_status):
    portal.login(staff(*user))
    assert portal.get(reverse("housing:sanction_list")).status_code == list_status
    assert portal.get(reverse("housing:sanction_create")).status_code == 403
    response = portal.post(reverse("housing:sanction_create"), {"ground": "R-36.2", "facts": "x", "name": "张三",
                                                                 "id_number": MemberFactory()["id_number"],
                                                                 "decided_on": "2024-01-01"})
    assert response.status_code == 403 and not RegisterEntry.objects.exists()


@pytest.mark.parametrize("who, applying, refused", [
    ("spouse", True, True),  # the co-buying spouse (before: only the signer of the transfer was refused)
    ("spouse", False, True),  # the spouse, not a co-applicant on the sale: a buyer of the household's home
    ("child", False, False),  # a member who was not a buyer may apply
])
def test_every_buyer_on_a_sale_at_market_price_is_barred(allocation_round, who, applying, refused):
    """R-29 (Art. 29): the bar reaches every buyer on the sale (docs/decisions/0041)."""
    sold = advance(ApplicationFactory(round=allocation_round, c1=True), Stage.FILED)
    other = MemberFactory(relation=who, applying=applying, marital_status="married" if who == "spouse" else "single")
    HouseholdMember.objects.create(application=sold, **{k: v for k, v in dict(other).items()
                                                          if k in {f.name for f in HouseholdMember._meta.fields}})
    OwnershipTransfer.objects.create(
        contract=Contract.objects.get(application=sold), seller_id_number=sold.applicant_id_number,
        sale_price=Decimal("1500000.00"), ordinary_price=Decimal("1600000.00"), land_revenue_share=Decimal("0.5000"),
        land_revenue_payment=Decimal("50000.00"), first_right_declined_on=D(2024, 1, 10),
        recorded_by=staff("ccb", "head"))
    again = MemberFactory(id_number=other["id_number"])
    if refused:
        with pytest.raises(InvalidInput) as exc:
            ApplicationFactory(round=allocation_round, c1=True, members=[dict(again)])
        assert "Art. 29" in exc.value.field_errors["members.0.id_number"][0]
    else:
        ApplicationFactory(round=allocation_round, c1=True, members=[dict(again)])


def test_an_entry_posted_without_a_true_confirmation_is_not_made(portal, allocation_round):
    app = advance(ApplicationFactory(round=allocation_round), Stage.REFUSED)
    portal.login(staff("ccb", "head"))
    for forged in ({"confirmed": "yes"}, {"confirmed": "yes", "shown": "0" * 32}):
        response = portal.post(reverse("housing:sanction_create"),
                               {"ground": "R-36.2", "application": app.number, "facts": "伪造收入证明", **forged})
        assert 'id="confirm-act"' in response.content.decode()
    assert not RegisterEntry.objects.exists()


def test_an_entry_confirmed_for_other_facts_is_refused(portal, allocation_round):
    """A confirmation covers exactly what it stated: changing a field on the way is a stale confirmation."""
    app = advance(ApplicationFactory(round=allocation_round), Stage.REFUSED)
    portal.login(staff("ccb", "head"))
    url = reverse("housing:sanction_create")
    shown = portal.submit(url, {"ground": "R-36.2", "application": app.number, "facts": "伪造收入证明"})
    response = confirm(portal, shown, url, {"ground": "R-36.1"})
    assert response.status_code == 409 and "has changed in the meantime" in response.content.decode()
    assert "30,000.00" in response.content.decode()
    assert not RegisterEntry.objects.exists()
