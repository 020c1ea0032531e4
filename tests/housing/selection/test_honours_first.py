"""Art. 24 (R-24, R-16.8a): among talents of equal standing, an honour holder is called first at selection, across
employers; the selection notices page and the printed notice say why each household is where it is
(docs/decisions/0040)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.groups import Group
from housing.rules.calling_order import Called, calling_key
from housing.selection import services as selection_day
from tests.factories import AllocationRoundFactory, EmployerDataFactory, make_credit_code
from tests.factories.selection import announced, selection_clerk

pytestmark = pytest.mark.django_db
GROUP = Group.INSTITUTION_TALENT
MASTER = {"talent_degree": "master", "degree_full_time": True, "contact_phone": "13800138000"}


@pytest.fixture
def round_():
    return AllocationRoundFactory(groups=[Group.NO_HOUSING, GROUP])


def talent(round_, *, code: int, rank: int = 1, honours=(), facts=None):
    employer = EmployerDataFactory(credit_code=make_credit_code(code), kind="public_institution")
    return announced(round_, GROUP, ranks=(rank,), employer=employer,
                     facts={**(facts or MASTER), "honours": list(honours)})[0]


def issue(round_):
    return selection_day.issue_selection_notices(actor=selection_clerk(), round_id=round_.pk, group=GROUP,
                                                 selection_date=timezone.localdate() + datetime.timedelta(days=3),
                                                 place="龙华区住房保障服务大厅")


def test_an_otherwise_equal_labour_model_is_called_before_the_employer_with_the_lower_credit_code(round_):
    plain = talent(round_, code=100)  # the lower credit code, called first before
    model = talent(round_, code=200, honours=["labour_model"])
    notices = issue(round_)
    assert [n.application_id for n in notices] == [model.pk, plain.pk]


def test_honours_do_not_jump_a_better_rank_or_a_higher_standing(round_):
    first_rank = talent(round_, code=100)
    second_rank_model = talent(round_, code=100, rank=2, honours=["moral_model"])
    senior = talent(round_, code=300, facts={"talent_title": "full_senior", "talent_title_basis": "national_exam",
                                             "contact_phone": "13800138000"})
    model = talent(round_, code=200, honours=["bravery_award"])
    notices = issue(round_)
    assert [n.application_id for n in notices] == [senior.pk, model.pk, first_rank.pk, second_rank_model.pk]


def test_equal_talents_without_honours_keep_the_credit_code_order(round_):
    later = talent(round_, code=300)
    earlier = talent(round_, code=100)
    assert [n.application_id for n in issue(round_)] == [earlier.pk, later.pk]


def test_the_rule_puts_rank_then_standing_then_honour_then_employer():
    def c(number, **kw):
        return Called(number=number, rank=kw.pop("rank", 1), talent=True, **kw)

    order = sorted([c("e", employer_code="A", degree="bachelor"), c("d", employer_code="A", degree="master"),
                    c("c", employer_code="B", degree="master", honours=("labour_model",)),
                    c("b", employer_code="A", title="deputy_senior"), c("f", employer_code="A", rank=2,
                                                                     title="full_senior", honours=("moral_model",)),
                    c("g", employer_code="Z", rank=None)], key=calling_key)
    assert [x.number for x in order] == ["b", "c", "d", "e", "f", "g"]


def test_the_notices_page_and_the_printed_notice_give_the_reason(portal, round_):
    plain = talent(round_, code=100)
    model = talent(round_, code=200, honours=["labour_model"])
    issue(round_)
    portal.login(selection_clerk())
    page = portal.get(reverse("housing:selection_notices", args=[round_.pk, GROUP])).content.decode()
    assert "Why in this order" in page
    assert "honour holder: called first among equals (Art. 24)" in page
    assert page.index(model.number) < page.index(plain.number)
    printed = portal.get(reverse("housing:selection_notice", args=[model.number])).content.decode()
    assert "Rank 1 at the employer; then Master (Art. 23(2)); honour holder: called first among equals" in printed
