"""The staff queue of objections and inquiries (R-16.5, R-16.6, R-X.2): each unit sees what concerns the groups
it may see, acts only where it holds the duty, and everyone else is refused the same way as for a missing record."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from housing.stages import Stage
from publicity import services as publicity
from publicity.models import Inquiry, Objection
from publicity.online.services import file_inquiry_online, file_objection_online
from tests.support.publicity_online import contact_code
from tests.factories import ApplicationFactory, advance, reload, staff
from tests.factories.workflow import latest_notice
from tests.housing.conftest import page_text, table_rows
from tests.support.confirmations import through

pytestmark = pytest.mark.django_db

QUEUE = reverse("housing:publicity_queue")
PDF_BYTES = b"%PDF-1.4\n" + b"0" * 100


def in_notice(round_, **traits):
    return advance(ApplicationFactory(round=round_, **traits), Stage.PUBLIC_NOTICE)


def object_to(application, *, evidence=None) -> Objection:
    return file_objection_online(notice=latest_notice(application), application_id=application.pk,
                                 objector_name="李四", objector_contact="13900139000", reasons="名下有房",
                                 verification_code=contact_code("13900139000"), evidence=evidence)


def ask(application=None, *, notice=None) -> Inquiry:
    return file_inquiry_online(notice=notice or latest_notice(application),
                               application_id=application.pk if application else None,
                               asker_name="赵六", asker_contact="13800138000", question="何时选房？")


@pytest.fixture
def cases(allocation_round, private_media):
    """An objection (with evidence) and an inquiry about a C4 entry, the same about a C6 subsidy entry, and a
    general question about the C4 notice."""
    c4 = in_notice(allocation_round, c4=True)
    c6 = in_notice(allocation_round, c6=True, subsidy=True)
    return {
        "c4": c4, "c6": c6,
        "c4_objection": object_to(c4, evidence=SimpleUploadedFile("证明.pdf", PDF_BYTES)),
        "c6_objection": object_to(c6),
        "c4_inquiry": ask(c4), "c6_inquiry": ask(c6),
        "c4_general": ask(notice=latest_notice(c4)),
    }


def receipts(portal, **query) -> set[str]:
    response = portal.get(QUEUE, query)
    assert response.status_code == 200
    return {row[0] for row in table_rows(response.content.decode())}


# unit -> which of the cases it sees (R-X.2: the same scope as the applications themselves)
SCOPE = {
    "ccb": {"c4_objection", "c6_objection", "c4_inquiry", "c6_inquiry", "c4_general"},
    "discipline": {"c4_objection", "c6_objection", "c4_inquiry", "c6_inquiry", "c4_general"},
    "org_personnel": {"c4_objection", "c4_inquiry", "c4_general"},
    "econ_services": {"c6_objection", "c6_inquiry"},
    "finance": {"c6_objection", "c6_inquiry"},  # the subsidy cases it pays
    "social_construction": set(),
    "verify_civil_affairs": set(),
}


@pytest.mark.parametrize("unit", list(SCOPE))
def test_each_unit_sees_exactly_the_objections_and_inquiries_of_its_groups(portal, cases, unit):
    portal.login(staff(unit, "reviewer"))
    expected = {cases[name].receipt_number for name in SCOPE[unit]}
    seen = receipts(portal) | receipts(portal, kind="inquiries")
    assert seen == expected


def test_open_and_decided_are_filtered(portal, cases):
    portal.login(staff("org_personnel", "reviewer"))
    c4 = reload(cases["c4"])
    publicity.decide_objection(actor=staff("org_personnel", "reviewer"), objection=cases["c4_objection"],
                               expected_version=c4.version, upheld=False, reason="经查不实", answer="异议不成立",
                               investigation_notes="调取不动产登记记录")
    assert cases["c4_objection"].receipt_number not in receipts(portal)
    assert receipts(portal, status="decided") == {cases["c4_objection"].receipt_number}
    assert receipts(portal, kind="inquiries", status="decided") == set()
    assert receipts(portal, kind="nonsense", status="nonsense") == set()  # falls back to open objections


def actions(portal, **query) -> dict[str, str]:
    """receipt number -> the text of the row's last cell (its actions)."""
    return {row[0]: row[-1] for row in table_rows(portal.get(QUEUE, query).content.decode())}


def test_only_the_responsible_units_deciders_are_offered_to_decide_or_answer(portal, cases):
    c4_objection, c6_objection = cases["c4_objection"].receipt_number, cases["c6_objection"].receipt_number
    c4_inquiry, general = cases["c4_inquiry"].receipt_number, cases["c4_general"].receipt_number

    portal.login(staff("org_personnel", "reviewer"))
    assert actions(portal)[c4_objection] == "Decide Evidence"
    assert actions(portal, kind="inquiries") == {c4_inquiry: "Answer", general: "Read"}
    portal.login(staff("ccb", "clerk"))  # records objections, answers general questions; decides no C4/C6 case
    assert actions(portal) == {c4_objection: "Evidence", c6_objection: ""}
    assert actions(portal, kind="inquiries")[c4_inquiry] == "Read"
    assert actions(portal, kind="inquiries")[general] == "Answer"
    portal.login(staff("econ_services", "reviewer"))
    assert actions(portal) == {c6_objection: "Decide"}
    portal.login(staff("discipline", "head"))  # reads, changes nothing
    assert actions(portal) == {c4_objection: "Evidence", c6_objection: ""}
    assert set(actions(portal, kind="inquiries").values()) == {"Read"}


def test_the_responsible_unit_answers_through_the_page_and_the_asker_reads_it(portal, cases, client):
    inquiry = cases["c4_inquiry"]
    portal.login(staff("org_personnel", "reviewer"))
    response = portal.submit(reverse("housing:answer_inquiry", args=[inquiry.receipt_number]),
                             {"answer": "公告后七日内发出选房通知。"})
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.answer, inquiry.answered_by) == ("公告后七日内发出选房通知。", staff("org_personnel", "reviewer"))
    assert inquiry.receipt_number in receipts(portal, kind="inquiries", status="decided")
    lookup = client.get(reverse("publicity:objection_lookup"),
                        {"receipt": inquiry.receipt_number, "contact": "13800138000"})
    assert "公告后七日内发出选房通知。" in page_text(lookup)


def test_an_empty_answer_is_refused_on_its_field(portal, cases):
    portal.login(staff("ccb", "clerk"))
    url = reverse("housing:answer_inquiry", args=[cases["c4_general"].receipt_number])
    response = portal.submit(url, {"answer": ""})
    assert response.status_code == 400
    assert Inquiry.objects.get(pk=cases["c4_general"].pk).answered_at is None


# (who, which inquiry) -> what answering gets: 403 where the user sees it but holds no duty, 404 where not even
# that (R-X.2). Read-only discipline inspection and other units are refused.
REFUSALS = [
    (("ccb", "clerk"), "c4_inquiry", 403),
    (("ccb", "head"), "c6_inquiry", 403),
    (("org_personnel", "clerk"), "c4_inquiry", 403),
    (("org_personnel", "reviewer"), "c6_inquiry", 404),
    (("org_personnel", "reviewer"), "c4_general", 403),
    (("econ_services", "head"), "c4_inquiry", 404),
    (("discipline", "head"), "c4_inquiry", 403),
    (("discipline", "head"), "c4_general", 403),
    (("finance", "head"), "c6_inquiry", 403),
    (("finance", "head"), "c4_general", 404),
    (("verify_civil_affairs", "head"), "c4_general", 404),
]


@pytest.mark.parametrize(("who", "which", "status"), REFUSALS)
def test_answering_is_refused_to_everyone_else(portal, cases, who, which, status):
    portal.login(staff(*who))
    inquiry = cases[which]
    url = reverse("housing:answer_inquiry", args=[inquiry.receipt_number])
    assert portal.post(url, {"answer": "答复"}).status_code == status
    inquiry.refresh_from_db()
    assert inquiry.answered_at is None


def test_reading_an_inquiry_is_open_to_those_who_see_it(portal, cases):
    portal.login(staff("discipline", "head"))
    response = portal.get(reverse("housing:answer_inquiry", args=[cases["c4_inquiry"].receipt_number]))
    assert response.status_code == 200
    assert 'name="answer"' not in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [
    (("org_personnel", "reviewer"), 200),
    (("ccb", "clerk"), 200),
    (("discipline", "head"), 200),  # reads everything
    (("econ_services", "head"), 404),
    (("finance", "head"), 404),  # not a subsidy case
    (("verify_planning_land", "head"), 404),
])
def test_the_evidence_is_downloaded_only_by_staff_who_see_the_application(portal, cases, who, status):
    portal.login(staff(*who))
    response = portal.get(reverse("housing:objection_evidence", args=[cases["c4_objection"].receipt_number]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert "attachment" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]


def test_the_evidence_needs_a_login(client, cases):
    response = client.get(reverse("housing:objection_evidence", args=[cases["c4_objection"].receipt_number]))
    assert response.status_code == 302 and reverse("departments:login") in response["Location"]


def test_an_objection_without_evidence_has_nothing_to_download(portal, cases):
    portal.login(staff("ccb", "clerk"))
    url = reverse("housing:objection_evidence", args=[cases["c6_objection"].receipt_number])
    assert portal.get(url).status_code == 404


def test_the_decide_page_shows_the_evidence_and_keeps_investigation_notes(portal, cases):
    objection = cases["c4_objection"]
    portal.login(staff("org_personnel", "reviewer"))
    url = reverse("housing:decide_objection", args=[objection.receipt_number])
    page = portal.get(url).content.decode()
    assert reverse("housing:objection_evidence", args=[objection.receipt_number]) in page
    assert "contact confirmed with a code" in page or "联系方式已经验证码确认" in page  # decision 0035
    response = portal.submit(url, {"upheld": "yes", "reason": "经查属实", "answer": "异议成立，已取消资格",
                                   "investigation_notes": "调取不动产登记记录"})
    response = through(portal, response, url)  # a decision is confirmed first (decision 0047)
    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.status, objection.investigation_notes) == (Objection.Status.UPHELD, "调取不动产登记记录")
    assert reload(cases["c4"]).stage == Stage.REMOVED_ON_OBJECTION


def test_the_staff_navigation_links_the_queue(portal, cases):
    portal.login(staff("social_construction", "reviewer"))
    assert f'href="{QUEUE}"' in portal.get(reverse("housing:work_queue")).content.decode()


def test_the_queue_costs_the_same_however_many_rows(portal, allocation_round, django_assert_max_num_queries):
    portal.login(staff("ccb", "clerk"))
    app = in_notice(allocation_round, c3=True)
    object_to(app)
    ask(app)
    baseline = {}
    for kind in ("objections", "inquiries"):
        with CaptureQueriesContext(connection) as few:
            portal.get(QUEUE, {"kind": kind})
        baseline[kind] = len(few)
    for _ in range(6):
        object_to(app)
        ask(app)
    for kind in ("objections", "inquiries"):
        with django_assert_max_num_queries(baseline[kind]):
            portal.get(QUEUE, {"kind": kind})
