"""R-3.2 (Art. 3): intake refuses a person who already holds an open application or a guarantee, as applicant,
co-applicant or member, across groups, rounds and forms; nothing is saved; the renewal of one's own lease passes."""

import datetime

import pytest
from django.utils import timezone, translation

from housing.exceptions import InvalidInput
from housing.groups import Form, Group
from housing.guarantees.register import link_members, normalise_id_number
from housing.models import Application, HouseholdMember, Person, PersonLink, Subsidy, Tenancy
from housing.review.services.intake import IntakeData, intake_refusals_many, register_application
from housing.stages import Stage
from housing.tenancy.services import renewals
from tests.factories import AllocationRoundFactory, IntakeDataFactory, advance, make_id_number, reload, take
from tests.factories.tenancy_min import make_tenancy
from tests.housing.guarantees.conftest import HOLDERS, household

pytestmark = pytest.mark.django_db

RELATIONS = ["applicant", "spouse", "child"]


def person(n: int) -> str:
    return make_id_number(birth=datetime.date(1985, 3, 1) + datetime.timedelta(days=n), order=777)


def register(clerk, relation, id_number, **kwargs):
    data = IntakeDataFactory.build(members=household(relation, id_number), **kwargs)
    return register_application(actor=clerk, data=data)


def refusal(clerk, relation, id_number, **kwargs) -> str:
    before = Application.objects.count()
    with pytest.raises(InvalidInput) as refused:
        register(clerk, relation, id_number, **kwargs)
    assert Application.objects.count() == before  # nothing saved
    return " ".join(m for messages in refused.value.field_errors.values() for m in messages)


@pytest.mark.parametrize("first", RELATIONS)
@pytest.mark.parametrize("second", RELATIONS)
def test_a_person_on_an_open_application_is_refused_in_any_role_naming_its_number(clerk, first, second):
    """C3 then C4 in the same round: the other group does not help."""
    number = person(1)
    earlier = register(clerk, first, number, group=Group.NO_HOUSING)
    message = refusal(clerk, second, number, group=Group.INSTITUTION_TALENT, round=earlier.round)
    assert earlier.number in message and "Art. 3" in message and "still open" in message


def test_the_same_group_and_round_and_another_round_are_refused_too(clerk):
    number = person(2)
    earlier = register(clerk, "applicant", number)
    assert earlier.number in refusal(clerk, "applicant", number, round=earlier.round)
    assert earlier.number in refusal(clerk, "spouse", number, round=AllocationRoundFactory())


@pytest.mark.parametrize("holder, words", [
    ("home let", "already rents a home"),
    ("home bought", "bought a home"),
    ("subsidy", "draws a housing subsidy"),
])
@pytest.mark.parametrize("relation", RELATIONS)
def test_a_person_holding_a_guarantee_is_refused(clerk, holder, words, relation):
    number = person(3)
    held = HOLDERS[holder](members=household(relation, number))
    form = {"group": Group.ENTERPRISE_TALENT, "form": Form.SUBSIDY} if holder != "subsidy" else {}
    message = refusal(clerk, "applicant", number, **form)
    assert held.number in message and words in message and "Art. 3" in message


@pytest.mark.parametrize("ending", ["withdraw", "refuse"])
def test_a_closed_application_no_longer_counts(clerk, ending):
    number = person(4)
    earlier = register(clerk, "applicant", number)
    if ending == "withdraw":
        take("withdraw", earlier)
    else:
        take("refuse", advance(earlier, Stage.SUBSTANTIVE_REVIEW))
    assert register(clerk, "spouse", number).members.filter(id_number=number).exists()


def test_a_lease_whose_keys_came_back_no_longer_counts(clerk):
    tenancy = make_tenancy(ends_on=timezone.localdate() + datetime.timedelta(days=200))
    number = tenancy.application.applicant_id_number
    assert tenancy.application.number in refusal(clerk, "applicant", number)
    Tenancy.objects.filter(pk=tenancy.pk).update(status=Tenancy.Status.ENDING)  # moving out: still held
    assert tenancy.application.number in refusal(clerk, "applicant", number)
    Tenancy.objects.filter(pk=tenancy.pk).update(status=Tenancy.Status.ENDED)
    assert register(clerk, "applicant", number).applicant_id_number == number


@pytest.mark.parametrize("stopped_from, refused", [
    (lambda this: this, False),  # stopped from this month: no longer paid, no longer held
    (lambda this: (this + datetime.timedelta(days=32)).replace(day=1), True),  # stopped from next month: still held
])
def test_a_stopped_subsidy_counts_until_its_stop_month(clerk, stopped_from, refused):
    number = person(5)
    held = HOLDERS["subsidy"](members=household("applicant", number))
    Subsidy.objects.filter(application=held).update(stopped_from=stopped_from(timezone.localdate().replace(day=1)))
    if refused:
        assert held.number in refusal(clerk, "applicant", number)
    else:
        assert register(clerk, "applicant", number)


def test_the_renewal_of_ones_own_lease_is_the_one_exception(clerk):
    """R-31: the tenant re-applies for the home held; any other claim of a member still refuses it."""
    today = timezone.localdate()
    tenancy = make_tenancy(ends_on=today + datetime.timedelta(days=30))
    renewal = renewals.register_renewal(actor=clerk, tenancy=tenancy, round=AllocationRoundFactory(), today=today)
    assert renewal.renews_id == tenancy.pk
    # the tenant, now on the renewal, may not open a second application beside it: the lease is named
    assert "already rents a home" in refusal(clerk, "applicant", tenancy.application.applicant_id_number)
    other = make_tenancy(ends_on=today + datetime.timedelta(days=30))
    spouse = person(6)
    elsewhere = register(clerk, "applicant", spouse)
    HouseholdMember.objects.create(application=other.application, relation="spouse", applying=True, name="配偶",
                                   id_number=spouse)
    link_members(other.application.members.all())
    with pytest.raises(InvalidInput) as refused:
        renewals.register_renewal(actor=clerk, tenancy=other, round=AllocationRoundFactory(), today=today)
    assert elsewhere.number in " ".join(m for ms in refused.value.field_errors.values() for m in ms)


def test_the_refusal_reads_in_chinese_with_the_article(clerk):
    number = person(7)
    earlier = register(clerk, "applicant", number)
    with translation.override("zh-hans"):
        message = refusal(clerk, "applicant", number)
    assert earlier.number in message and "第三条" in message


def test_an_employers_roster_gets_the_same_refusal(clerk):
    number = person(8)
    held = HOLDERS["subsidy"](members=household("applicant", number))
    data = IntakeDataFactory.build(members=household("spouse", number), group=Group.ENTERPRISE_TALENT)
    clean = IntakeDataFactory.build(group=Group.ENTERPRISE_TALENT, round=data.round)
    refused, accepted = intake_refusals_many([data, clean])
    assert held.number in " ".join(refused["members.1.id_number"]) and accepted == {}


def test_every_member_is_linked_to_one_person_by_the_normalised_number(clerk):
    number = person(9)
    app = register(clerk, "spouse", number)
    assert PersonLink.objects.filter(application=app).count() == 2
    assert Person.objects.get(id_number=number).links.get().member.relation == "spouse"
    # an old row typed with a lower-case x and spaces is the same person
    assert normalise_id_number(" 44030919850301777x ") == "44030919850301777X"
