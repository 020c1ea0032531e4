"""What the staff pages answer when something is wrong: never a 500, never half a change (R-X.5, R-16.e, R-16.c).

- a stale form (someone else changed the case since the page was rendered): 409, "reload", nothing changed;
- bad intake input: 400, the error next to the field, the input kept, nothing saved;
- a step the case's stage does not allow: 409; an unknown step or application: 404;
- an upload whose content is not what its name says: refused with a specific message;
- every page answers in English once the user chose it with the language switch (R-X.4); a browser's
  Accept-Language does not change it (docs/decisions/0008).
"""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from housing.groups import Form, Group
from housing.models import (
    Application, ApplicationHistory, ApplicationNumberSequence, Document, Employer, HouseholdMember, StageCount,
)
from housing.cases import documents as documents_service
from housing.stages import Stage
from publicity.models import Objection
from housing.cases.checklists import REQUIRED
from tests.factories import (
    ApplicationFactory, advance, make_credit_code, make_id_number, reload, staff, with_wrong_check_digit,
)
from tests.factories.workflow import open_objection, wait_out_announcement
from tests.housing.conftest import PNG_BYTES, field_error, page_text, strip_tags
from tests.support.confirmations import through
from tests.support.materials import hand_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

C2, C3, C4, C6 = Group.MINIMUM_ALLOWANCE, Group.NO_HOUSING, Group.INSTITUTION_TALENT, Group.ENTERPRISE_TALENT
STALE = "Someone else changed this application while you were working on it."
NOT_NOW = "not possible"


def snapshot(application: Application) -> dict:
    app = reload(application)
    return {
        "stage": app.stage,
        "version": app.version,
        "history": ApplicationHistory.objects.filter(application=app).count(),
        "objections": sorted(Objection.objects.filter(application=app).values_list("status", flat=True)),
        "documents": Document.objects.filter(application=app).count(),
        "counts": sorted(StageCount.objects.filter(count__gt=0).values_list("group", "stage", "count")),
    }


def upload_by_someone_else(application: Application):
    """Another clerk hands in a material: the case's version moves on, its stage does not (R-16.e)."""
    documents_service.upload_document(actor=staff("ccb", "head"), application=reload(application), kind="id_cards",
                                      uploaded_file=SimpleUploadedFile("id.png", PNG_BYTES))


# page, who opens it, the stage it is opened at, what the user enters (a key ending in "_" fills every field it
# starts; every other control is submitted as the page rendered it)
STALE_CASES = {
    "formal review": ("formal_review", ("ccb", "clerk"), Stage.SUBMITTED, {"item_": "on"}),
    "substantive review": ("substantive_review", ("org_personnel", "reviewer"), Stage.SUBSTANTIVE_REVIEW,
                           {"decision_": "passed", "evidence_": "已核对", "override_": "经核对原件，改判符合"}),
    "propose": ("take_step:propose", ("org_personnel", "reviewer"), Stage.ELIGIBLE, {"rank": "1"}),
    "recheck": ("recheck", ("ccb", "clerk"), Stage.PROPOSED, {"verified_": "true"}),
    "record objection": ("record_objection", ("ccb", "clerk"), Stage.PUBLIC_NOTICE,
                         {"objector_name": "李四", "objector_contact": "13900139000", "reasons": "有房"}),
    "decide objection": ("decide_objection", ("org_personnel", "reviewer"), Stage.FROZEN,
                         {"upheld": "yes", "reason": "属实", "answer": "已答复"}),
    "issue selection notice": ("take_step:issue_selection_notice", ("ccb", "clerk"), Stage.ANNOUNCED, {}),
    "withdraw": ("take_step:withdraw", ("ccb", "clerk"), Stage.RECHECKED, {"reason": "申请人书面撤回"}),
}


def page_url(page: str, application: Application) -> str:
    if page.startswith("take_step:"):
        return reverse("housing:take_step", args=[application.number, page.split(":")[1]])
    if page == "decide_objection":
        return reverse("housing:decide_objection", args=[open_objection(application).receipt_number])
    return reverse(f"housing:{page}", args=[application.number])


def fill_by_prefix(portal, form, entries: dict) -> dict:
    changes = {}
    for key, value in entries.items():
        names = [n for n in form.names() if n == key or (key.endswith("_") and n.startswith(key))]
        assert names, f"no field {key!r} on the page"
        changes.update({n: value for n in names})
    return portal.fill(form, changes)


@pytest.mark.parametrize("case", STALE_CASES)
def test_a_form_rendered_before_someone_else_changed_the_case_is_refused_with_409(portal, allocation_round, case):
    page, who, stage, entries = STALE_CASES[case]
    application = advance(ApplicationFactory(round=allocation_round, group=C4), stage,
                          notice_over=True if stage == Stage.ANNOUNCED else None)
    if stage == Stage.ANNOUNCED:
        wait_out_announcement(application)  # selection notices follow the announcement period (R-16.8a)
    if page == "formal_review":
        hand_in(application, REQUIRED[application.group], actor=staff("ccb", "clerk"))  # files to pass
    url = page_url(page, application)
    portal.login(staff(*who))
    response = portal.get(url)
    assert response.status_code == 200
    data = fill_by_prefix(portal, portal.page_form(response), entries)

    upload_by_someone_else(application)
    before = snapshot(application)
    response = portal.post(url, data)

    assert response.status_code == 409, strip_tags(page_text(response))[:1500]
    text = page_text(response)
    assert STALE in text and "Reload" in text
    assert snapshot(application) == before

    # Reloaded, the same entries go through.
    response = portal.get(url)
    assert response.status_code == 200
    response = portal.post(url, fill_by_prefix(portal, portal.page_form(response), entries))
    assert through(portal, response, url).status_code == 302
    assert reload(application).version > before["version"]


def test_of_two_clerks_on_the_same_case_the_second_is_told_to_reload(portal, allocation_round):
    application = advance(ApplicationFactory(round=allocation_round, group=C3), Stage.UNIT_SELECTED)
    url = reverse("housing:take_step", args=[application.number, "withdraw"])
    first, second = portal, type(portal)()
    first.login(staff("ccb", "clerk"))
    second.login(staff("ccb", "head"))
    form_first = first.fill(first.page_form(first.get(url)), {"reason": "申请人书面撤回"})
    form_second = second.fill(second.page_form(second.get(url)), {"reason": "申请人再次书面撤回"})

    assert through(first, first.post(url, form_first), url).status_code == 302
    before = snapshot(application)
    response = second.post(url, form_second)
    assert response.status_code == 409
    assert STALE in page_text(response)
    assert snapshot(application) == before
    assert before["stage"] == Stage.WITHDRAWN


def test_a_damaged_version_field_is_refused_and_changes_nothing(portal, allocation_round):
    """A form that lost its hidden version cannot be checked against the case (R-16.e): 400, nothing changed."""
    submitted = ApplicationFactory(round=allocation_round, group=C3)
    eligible = advance(ApplicationFactory(round=allocation_round, group=C3), Stage.ELIGIBLE)
    portal.login(staff("ccb", "clerk", "reviewer", "head"))
    for application, url, data in [
        (submitted, reverse("housing:formal_review", args=[submitted.number]), {"version": "abc"}),
        (eligible, reverse("housing:take_step", args=[eligible.number, "propose"]), {"version": "", "rank": "1"}),
    ]:
        before = snapshot(application)
        response = portal.post(url, data)
        assert response.status_code == 400, url
        assert snapshot(application) == before
    assert "reload it and try again" in page_text(portal.post(reverse("housing:formal_review",
                                                                      args=[submitted.number]), {"version": "abc"}))


# --- intake -------------------------------------------------------------------------------------------

def intake_entries(round_, **extra) -> dict:
    entries = {
        "round": round_.pk, "group": C3, "form": Form.PUBLIC_RENTAL,
        "members-0-relation": "applicant", "members-0-name": "陈建国",
        "members-0-id_number": make_id_number(birth=datetime.date(1990, 5, 17), order=12),
        "members-0-marital_status": "married", "members-0-hukou": "longhua",
        "members-1-relation": "spouse", "members-1-applying": "on", "members-1-name": "林晓梅",
        "members-1-id_number": make_id_number(birth=datetime.date(1991, 2, 3), order=34),
        "members-1-marital_status": "married",
    }
    entries.update(extra)
    return entries


def saved_anything() -> tuple:
    return (Application.objects.count(), HouseholdMember.objects.count(), ApplicationHistory.objects.count(),
            Employer.objects.count(), sorted(ApplicationNumberSequence.objects.values_list("group", "last")),
            sorted(StageCount.objects.values_list("group", "stage", "count")))


@pytest.mark.parametrize("row", [0, 1], ids=["applicant", "co-applicant"])
def test_an_id_number_with_a_wrong_check_digit_is_refused_next_to_the_field(portal, allocation_round, row):
    portal.login(staff("ccb", "clerk"))
    before = saved_anything()
    entries = intake_entries(allocation_round)
    bad = with_wrong_check_digit(entries[f"members-{row}-id_number"])
    entries[f"members-{row}-id_number"] = bad

    response = portal.submit(reverse("housing:intake"), entries, query={"rows": 2})

    assert response.status_code == 400
    content = page_text(response)
    assert field_error(content, f"id_members-{row}-id_number") == \
        "The check digit of this resident ID number is wrong."
    assert field_error(content, f"id_members-{1 - row}-id_number") == ""
    assert "Nothing was saved" in content
    assert saved_anything() == before
    # What the clerk typed is still there to correct (R-X.5).
    form = portal.page_form(response)
    data = form.data()
    assert data[f"members-{row}-id_number"] == [bad]
    assert data["members-0-name"] == ["陈建国"] and data["members-1-name"] == ["林晓梅"]
    assert data["group"] == [C3]


def test_an_intake_refused_by_the_service_shows_each_error_next_to_its_field(portal, allocation_round):
    """Errors only the intake service finds (R-21.1, R-HH.4, a person twice) land on the right fields too."""
    portal.login(staff("ccb", "clerk"))
    before = saved_anything()
    entries = intake_entries(allocation_round, group=C4, employer_name="龙华区人民医院",
                             employer_credit_code=make_credit_code(77), employer_kind="ecw_institution",
                             **{"members-0-hukou_by_joining": "on"})
    entries["members-1-id_number"] = entries["members-0-id_number"]

    response = portal.submit(reverse("housing:intake"), entries, query={"rows": 2})

    assert response.status_code == 400
    content = page_text(response)
    assert "does not belong to the chosen talent group" in field_error(content, "id_employer_kind")
    assert "appears twice" in field_error(content, "id_members-1-id_number")
    assert "cannot be the applicant" in field_error(content, "id_members-0-hukou_by_joining")
    assert saved_anything() == before


def test_a_bad_credit_code_is_refused_next_to_the_field(portal, allocation_round):
    portal.login(staff("ccb", "clerk"))
    before = saved_anything()
    entries = intake_entries(allocation_round, group=C6, employer_name="龙华科技有限公司",
                             employer_credit_code=with_wrong_check_digit(make_credit_code(78)),
                             employer_kind="enterprise")
    response = portal.submit(reverse("housing:intake"), entries, query={"rows": 2})
    assert response.status_code == 400
    assert "check character" in field_error(page_text(response), "id_employer_credit_code")
    assert saved_anything() == before


# --- stage, step and number -----------------------------------------------------------------------------

@pytest.mark.parametrize("page,who,stage", [
    ("take_step:issue_selection_notice", ("ccb", "clerk"), Stage.SUBMITTED),
    ("take_step:propose", ("public_affairs", "reviewer"), Stage.SUBMITTED),
    ("take_step:file_contract", ("ccb", "clerk"), Stage.PUBLIC_NOTICE),
    ("take_step:start_subsidy", ("finance", "clerk"), Stage.ELIGIBLE),
    ("take_step:resubmit", ("ccb", "clerk"), Stage.SUBSTANTIVE_REVIEW),
    ("formal_review", ("ccb", "clerk"), Stage.SUBSTANTIVE_REVIEW),
    ("substantive_review", ("public_affairs", "reviewer"), Stage.SUBMITTED),
    ("recheck", ("ccb", "clerk"), Stage.PUBLIC_NOTICE),
    ("record_objection", ("ccb", "clerk"), Stage.PROPOSED),
])
def test_a_step_the_stage_does_not_allow_answers_409_and_changes_nothing(portal, allocation_round, page, who, stage):
    """R-16.c: no stage can be skipped; the page says so and offers no form."""
    application = advance(ApplicationFactory(round=allocation_round, group=Group.ECW_TALENT, form=Form.SUBSIDY), stage)
    url = page_url(page, application)
    portal.login(staff(*who))
    before = snapshot(application)

    response = portal.get(url)
    assert response.status_code == 409
    assert NOT_NOW in page_text(response)
    assert "<button type=\"submit\"" not in section_main(response)

    if page != "record_objection":
        # Posting a form anyway (an old tab, a crafted request) is refused the same way.
        data = {"version": application.version, "rank": "1", "filing_number": "BA-1", "filed_on": "2026-01-01",
                "start_month": "2026-01", "note": "x", "unit_designation": "1-101", "selected_on": "2026-01-01"}
        response = portal.post(url, data)
        assert response.status_code == 409, strip_tags(page_text(response))[:1000]
        assert NOT_NOW in page_text(response)
    assert snapshot(application) == before


def section_main(response) -> str:
    content = page_text(response)
    return content[content.index('<main id="main">'):]


@pytest.mark.parametrize("step", ["fly_to_the_moon", "pass_formal_review", "approve_eligibility", "announce",
                                  "publish_in_notice", "intake", "PROPOSE"])
def test_an_unknown_step_answers_404(portal, application, step):
    """Only the steps of the generic page exist there; the reviews and the notices have their own pages."""
    portal.login(staff("ccb", "clerk", "reviewer", "head"))
    url = reverse("housing:take_step", args=[application.number, step])
    before = snapshot(application)
    assert portal.get(url).status_code == 404
    assert portal.post(url, {"version": application.version}).status_code == 404
    assert snapshot(application) == before


def missing_urls(number="LH-2026-C3-999999") -> list[str]:
    return [
        reverse("housing:application_detail", args=[number]),
        reverse("housing:take_step", args=[number, "withdraw"]),
        reverse("housing:formal_review", args=[number]),
        reverse("housing:substantive_review", args=[number]),
        reverse("housing:recheck", args=[number]),
        reverse("housing:record_objection", args=[number]),
        reverse("housing:upload_document", args=[number]),
        reverse("housing:document_download", args=[number, 1]),
    ]


def test_an_application_number_that_does_not_exist_answers_404_on_every_page(portal, application):
    portal.login(staff("ccb", "clerk", "reviewer", "head"))
    for url in missing_urls():
        assert portal.get(url).status_code == 404, url
        assert portal.post(url, {"version": 1, "reason": "x"}).status_code in (404, 405), url
    for url in (reverse("housing:decide_objection", args=["YY-20260101-DEADBEEF"]),
                reverse("housing:round_detail", args=[987654]),
                reverse("housing:publish_notice", args=[987654])):
        assert portal.get(url).status_code == 404, url
    assert portal.post(reverse("housing:announce_notice", args=[987654])).status_code == 404
    # A document of another application is missing for this one.
    other = ApplicationFactory(round=application.round)
    upload_by_someone_else(other)
    document = Document.objects.get(application=other)
    assert portal.get(reverse("housing:document_download", args=[application.number, document.pk])).status_code == 404
    assert portal.get(reverse("housing:document_download", args=[other.number, document.pk])).status_code == 200


def as_answered(response, number: str) -> str:
    page = re.sub(r"/documents/\d+/", "/documents/N/", response.content.decode().replace(number, "NUMBER"))
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', page)


def test_a_case_outside_the_users_scope_answers_exactly_like_a_missing_one(portal, allocation_round):
    """docs/decisions/0001, R-X.2: a C3 case is nobody's business at Organisation & Personnel."""
    application = ApplicationFactory(round=allocation_round, group=C3)
    upload_by_someone_else(application)
    document = Document.objects.get(application=application)
    portal.login(staff("org_personnel", "clerk", "reviewer", "head"))
    fake = application.number[:-6] + "999999"
    for real_url, fake_url in zip(missing_urls(application.number), missing_urls(fake), strict=True):
        real_url = real_url.replace("/documents/1/", f"/documents/{document.pk}/")
        real, missing = portal.get(real_url), portal.get(fake_url)
        assert real.status_code == missing.status_code == 404, real_url
        # The portal's 404 page (decision 0045) carries the address asked for (the language switch returns to it)
        # and a fresh CSRF token: apart from those, a hidden case and a missing one answer the same page.
        assert as_answered(real, application.number) == as_answered(missing, fake), real_url
    listing = page_text(portal.get(reverse("housing:application_list"), {"q": application.number}, follow=True))
    assert f'href="/applications/{application.number}/"' not in listing
    assert "No application matches these filters." in listing


# --- uploads ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,says", [
    ("户口簿.pdf", PNG_BYTES, "The file is not really a PDF: its content does not match its name ending “.pdf”."),
    ("scan.pdf", b"<html><body>not a pdf</body></html>",
     "The file is not really a PDF: its content does not match its name ending “.pdf”."),
    ("photo.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "The file is not really a JPG"),
    ("form.docx", b"PK\x03\x04" + b"\x00" * 40, "Only PDF, JPG or PNG files are accepted"),
    ("empty.pdf", b"", "The submitted file is empty."),
])
def test_the_upload_refuses_a_file_that_is_not_what_its_name_says(portal, application, private_media, name, content,
                                                                   says):
    portal.login(staff("ccb", "clerk"))
    url = reverse("housing:upload_document", args=[application.number])
    before = snapshot(application)
    response = portal.submit(url, {"kind": "hukou_booklet", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    content_html = page_text(response)
    assert says in field_error(content_html, "id_file"), field_error(content_html, "id_file")
    assert snapshot(application) == before
    assert not [p for p in private_media.rglob("*") if p.is_file()]


def test_a_real_pdf_is_accepted(portal, application, private_media):
    portal.login(staff("ccb", "clerk"))
    url = reverse("housing:upload_document", args=[application.number])
    pdf = SimpleUploadedFile("户口簿.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n")
    response = portal.submit(url, {"kind": "hukou_booklet", "file": pdf})
    assert response.status_code == 302
    document = Document.objects.get(application=application)
    assert (document.kind, document.extension, document.original_name) == ("hukou_booklet", "pdf", "户口簿.pdf")
    assert len([p for p in private_media.rglob("*") if p.is_file()]) == 1


def test_a_material_not_on_the_groups_checklist_is_refused(portal, application):
    portal.login(staff("ccb", "clerk"))
    url = reverse("housing:upload_document", args=[application.number])
    before = snapshot(application)
    # The C3 checklist asks for no minimum-allowance certificate; the page does not offer it.
    assert "allowance_certificate" not in portal.page_form(portal.get(url)).choices("kind")
    response = portal.post(url, {"kind": "allowance_certificate", "file": SimpleUploadedFile("a.png", PNG_BYTES)})
    assert response.status_code == 400
    assert field_error(page_text(response), "id_kind")
    assert snapshot(application) == before


def test_a_closed_case_takes_no_more_materials(portal, allocation_round):
    application = advance(ApplicationFactory(round=allocation_round), Stage.REFUSED)
    portal.login(staff("ccb", "clerk"))
    assert reverse("housing:upload_document", args=[application.number]) not in portal.action_urls(application.number)
    before = snapshot(application)
    response = portal.submit(reverse("housing:upload_document", args=[application.number]),
                             {"kind": "id_cards", "file": SimpleUploadedFile("a.png", PNG_BYTES)})
    assert response.status_code == 400
    assert "This application is closed" in page_text(response)
    assert snapshot(application) == before


# --- language ---------------------------------------------------------------------------------------------

@pytest.fixture
def every_page(allocation_round):
    """(user, url, status) of every staff page, with a case at a stage where the page has its form."""
    submitted = ApplicationFactory(round=allocation_round, group=C2, form=Form.SUBSIDY)
    upload_by_someone_else(submitted)
    in_review = advance(ApplicationFactory(round=allocation_round, group=C2), Stage.SUBSTANTIVE_REVIEW)
    proposed = advance(ApplicationFactory(round=allocation_round, group=C3), Stage.PROPOSED)
    frozen = advance(ApplicationFactory(round=allocation_round, group=C2), Stage.FROZEN)
    rechecked = advance(ApplicationFactory(round=allocation_round, group=C4), Stage.RECHECKED)
    announced = advance(ApplicationFactory(round=allocation_round, group=C2, form=Form.SUBSIDY), Stage.ANNOUNCED)
    ccb, social, finance = staff("ccb", "clerk"), staff("social_construction", "reviewer"), staff("finance", "clerk")
    document = Document.objects.get(application=submitted)
    rid = allocation_round.pk
    return [
        (None, reverse(settings.LOGIN_URL), 200),  # first: the test client's logout() forgets every cookie
        (ccb, reverse("housing:work_queue"), 200),
        (ccb, reverse("housing:application_list"), 200),
        (ccb, reverse("housing:application_list") + f"?group={C2}&stage=bogus", 200),
        (ccb, reverse("housing:application_detail", args=[submitted.number]), 200),
        (ccb, reverse("housing:intake"), 200),
        (ccb, reverse("housing:upload_document", args=[submitted.number]), 200),
        (ccb, reverse("housing:formal_review", args=[submitted.number]), 200),
        (ccb, reverse("housing:formal_review", args=[proposed.number]), 409),
        (social, reverse("housing:substantive_review", args=[in_review.number]), 200),
        (ccb, reverse("housing:recheck", args=[proposed.number]), 200),
        (ccb, reverse("housing:take_step", args=[submitted.number, "withdraw"]), 200),
        (ccb, reverse("housing:take_step", args=[submitted.number, "issue_selection_notice"]), 409),
        (finance, reverse("housing:take_step", args=[announced.number, "start_subsidy"]), 200),
        (ccb, reverse("housing:record_objection", args=[frozen.number]), 200),
        (social, reverse("housing:decide_objection", args=[open_objection(frozen).receipt_number]), 200),
        (ccb, reverse("housing:round_list"), 200),
        (ccb, reverse("housing:round_create"), 200),
        (ccb, reverse("housing:round_detail", args=[rid]), 200),
        (ccb, reverse("housing:publish_notice", args=[rid]) + f"?group={rechecked.group}", 200),
        (social, reverse("housing:application_detail", args=[frozen.number]), 200),
        (finance, reverse("housing:work_queue"), 200),
        (ccb, reverse("housing:document_download", args=[submitted.number, document.pk]), 200),
    ]


def language_of(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    return match.group(1) if match else ""


@pytest.mark.parametrize("how", ["cookie", "switch"])
def test_every_page_answers_in_english_when_the_user_chose_it(every_page, how):
    """R-X.4, docs/decisions/0008: Simplified Chinese by default, English once chosen with the language switch."""
    client = Client()
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    else:
        response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert response.status_code == 302
    problems = []
    for user, url, status in every_page:
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        if response.status_code != status:
            problems.append(f"{url}: {response.status_code}, expected {status}")
            continue
        if response.get("Content-Disposition", "").startswith("attachment"):
            continue  # a document download is the file itself
        if response.get("Content-Language") != "en" or language_of(response) != "en":
            problems.append(f"{url}: Content-Language {response.get('Content-Language')}, "
                            f"<html lang={language_of(response)!r}>")
        if "Longhua affordable-housing portal" not in page_text(response):
            problems.append(f"{url}: the English title is missing")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("browser", [{}, {"accept-language": "en-US,en;q=0.9"}],
                         ids=["no-preference", "english-browser"])
def test_without_the_switch_the_pages_are_in_simplified_chinese(every_page, browser):
    """docs/decisions/0008: a browser set up in English does not change the language; only the switch does."""
    client = Client(headers=browser)
    for user, url, status in every_page:
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, url
        if not response.get("Content-Disposition", "").startswith("attachment"):
            assert response.get("Content-Language") == "zh-hans", url
            assert language_of(response) == "zh-Hans", url
