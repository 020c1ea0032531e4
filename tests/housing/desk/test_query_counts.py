"""Every staff list page costs the same number of queries at 5 and at 50 applications (docs/decisions/0004).

Each selector fixes its joins once (CONVENTIONS, "Selectors read"), so no page may run a
query per row. Each test measures a page, adds data, and measures it again; it also checks
that the second page really shows the added rows, so an empty page cannot pass for a cheap one.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from housing.groups import Form, Group
from housing.models import Application
from housing.cases import documents as documents_service
from housing.stages import Stage
from tests.factories import (
    AllocationRoundFactory, ApplicationFactory, EmployerDataFactory, MemberFactory, advance, reload, staff, take,
)
from tests.housing.conftest import PNG_BYTES, page_text, section, table_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

C2, C3, C4 = Group.MINIMUM_ALLOWANCE, Group.NO_HOUSING, Group.INSTITUTION_TALENT

# Users with different scopes (docs/decisions/0001): everything, one department's groups, subsidy cases, read-only.
USERS = {
    "ccb-clerk": ("ccb", "clerk"),
    "org_personnel-reviewer": ("org_personnel", "reviewer"),
    "finance-clerk": ("finance", "clerk"),
    "discipline": ("discipline", "reviewer"),
}


class Bulk:
    """Applications of three kinds in rotation: C4 subsidy at one employer, C2 subsidy, C3 public rental."""

    def __init__(self):
        self.round = AllocationRoundFactory()
        self.employer = EmployerDataFactory(kind="public_institution")
        self.made = 0

    def add(self, n: int, *, round_=None):
        for _ in range(n):
            kind = self.made % 5
            self.made += 1
            if kind in (0, 1, 2):
                ApplicationFactory(round=round_ or self.round, group=C4, form=Form.SUBSIDY,
                                   employer=self.employer)
            elif kind == 3:
                ApplicationFactory(round=round_ or self.round, group=C2, form=Form.SUBSIDY)
            else:
                ApplicationFactory(round=round_ or self.round, group=C3)

    def advance_some(self, stage: str, group: str, n: int):
        """Move ``n`` submitted applications of a group on (each publish_in_notice makes a new notice)."""
        candidates = Application.objects.filter(round=self.round, group=group, stage=Stage.SUBMITTED)[:n]
        for application in candidates:
            advance(application, stage)


def pages(bulk: Bulk) -> dict[str, tuple[str, dict]]:
    employer_pk = Application.objects.filter(group=C4).values_list("employer_id", flat=True).first()
    return {
        "work queue": (reverse("housing:work_queue"), {}),
        "list": (reverse("housing:application_list"), {}),
        "list by group and stage": (reverse("housing:application_list"), {"group": C4, "stage": Stage.SUBMITTED}),
        "list by employer": (reverse("housing:application_list"), {"employer": employer_pk}),
        "list by search": (reverse("housing:application_list"), {"q": f"LH-{bulk.round.year}"}),
        "round list": (reverse("housing:round_list"), {}),
        "round detail": (reverse("housing:round_detail", args=[bulk.round.pk]), {}),
    }


def measure(portal, url: str, query: dict) -> tuple[int, str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = portal.get(url, query, follow=True)  # a search is moved into the session first (one redirect)
    assert response.status_code == 200, response.status_code
    return len(ctx), page_text(response), [q["sql"] for q in ctx.captured_queries]


def list_rows(content: str) -> int:
    return len(re.findall(r'<th scope="row"><a href="/applications/', content))


@pytest.mark.parametrize("who", USERS)
def test_the_list_pages_cost_the_same_at_5_and_at_50_applications(portal, who):
    bulk = Bulk()
    bulk.add(5)
    bulk.advance_some(Stage.PUBLIC_NOTICE, C3, 1)
    portal.login(staff(*USERS[who]))
    urls = pages(bulk)
    for url, query in urls.values():  # warm up whatever is cached per process
        portal.get(url, query)
    small = {name: measure(portal, url, query) for name, (url, query) in urls.items()}

    bulk.add(35)
    bulk.add(5, round_=AllocationRoundFactory())
    bulk.add(5, round_=AllocationRoundFactory())
    bulk.advance_some(Stage.PUBLIC_NOTICE, C3, 1)  # a second public notice on the round's page
    bulk.advance_some(Stage.PUBLIC_NOTICE, C2, 1)  # and a third
    bulk.advance_some(Stage.SUBSTANTIVE_REVIEW, C4, 3)
    assert Application.objects.count() == 50
    large = {name: measure(portal, url, query) for name, (url, query) in urls.items()}

    problems = []
    for name in urls:
        (n_small, _c, _q), (n_large, _c2, sql) = small[name], large[name]
        if n_small != n_large:
            problems.append(f"{name}: {n_small} queries at 5 applications, {n_large} at 50")
    assert not problems, "\n".join(problems) + "\n" + "\n".join(large[problems[0].split(":")[0]][2])

    # The pages really show the added rows.
    user = portal.user
    visible = {
        "ccb": Application.objects.all(),
        "discipline": Application.objects.all(),
        "finance": Application.objects.filter(form=Form.SUBSIDY),
        "org_personnel": Application.objects.filter(group=C4),
    }[user.unit_code]
    assert list_rows(large["list"][1]) == min(visible.count(), 50) > list_rows(small["list"][1])
    assert list_rows(large["list by search"][1]) == min(visible.count(), 50) > list_rows(small["list by search"][1])
    by_group_stage = visible.filter(group=C4, stage=Stage.SUBMITTED).count()
    assert list_rows(large["list by group and stage"][1]) == by_group_stage > list_rows(
        small["list by group and stage"][1])
    by_employer = visible.filter(group=C4).count()
    assert list_rows(large["list by employer"][1]) == by_employer > list_rows(small["list by employer"][1])
    rounds_shown = len(table_rows(large["round list"][1]))
    assert rounds_shown == 3 > len(table_rows(small["round list"][1]))
    notices = lambda content: len(table_rows(section(content, "notices-h")))  # noqa: E731
    expected_notices = {"ccb": 3, "discipline": 3, "finance": 3, "org_personnel": 0}[user.unit_code]
    assert notices(large["round detail"][1]) == expected_notices
    if expected_notices:
        assert notices(small["round detail"][1]) == 1


def make_case(round_, *, members: int, documents: int, objections: int, returns: int) -> Application:
    """A C2 subsidy application frozen by ``objections`` objections, with its household, materials and history."""
    people = [MemberFactory(marital_status="married"), MemberFactory(relation="spouse", marital_status="married")]
    people += [MemberFactory(relation="child", marital_status="single") for _ in range(members - 2)]
    application = ApplicationFactory(round=round_, group=C2, form=Form.SUBSIDY, members=people)
    clerk = staff("ccb", "clerk")
    kinds = ["application_form", "id_cards", "hukou_booklet", "marriage_status", "housing_status"]
    for kind in kinds[:documents]:
        documents_service.upload_document(actor=clerk, application=reload(application), kind=kind,
                                          uploaded_file=SimpleUploadedFile(f"{kind}.png", PNG_BYTES))
    application = reload(application)
    for _ in range(returns):
        application = take("resubmit", take("return_for_supplement", application))
    application = advance(application, Stage.FROZEN)
    for _ in range(objections - 1):
        application = take("freeze_for_objection", application)
    return application


@pytest.mark.parametrize("who", [("ccb", "clerk"), ("social_construction", "reviewer"), ("finance", "clerk"),
                                 ("discipline", "reviewer")], ids=lambda w: w[0])
def test_the_application_page_costs_the_same_however_long_its_record(portal, allocation_round, who):
    small = make_case(allocation_round, members=2, documents=1, objections=1, returns=0)
    large = make_case(allocation_round, members=6, documents=5, objections=3, returns=2)
    assert large.history.count() > small.history.count() + 5
    portal.login(staff(*who))
    url = lambda app: reverse("housing:application_detail", args=[app.number])  # noqa: E731
    portal.get(url(small))

    n_small, content_small, _sql = measure(portal, url(small), {})
    n_large, content_large, sql = measure(portal, url(large), {})
    assert n_small == n_large, f"{n_small} queries for the short record, {n_large} for the long one:\n" + "\n".join(sql)

    # The long record is all on the page.
    assert len(table_rows(section(content_large, "household-h"))) == 6
    assert len(table_rows(section(content_small, "household-h"))) == 2
    assert len(table_rows(section(content_large, "documents-h"))) == large.documents.count() >= 5
    assert len(table_rows(section(content_large, "objections-h"))) == 3
    assert len(table_rows(section(content_large, "timeline-h"))) == large.history.count()
    assert len(re.findall(r"Checklist of ", section(content_large, "formal-h"))) == 3
