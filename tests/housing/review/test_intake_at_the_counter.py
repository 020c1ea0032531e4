"""Intake at the counter (R-12.2, R-16.2, R-39.3, R-X.5; decision 0044): files attached with the application in one
transaction, a form with errors keeps the files already chosen, rows added and removed without script, the
receipt and who may open it, and the formal review that passes no item without a file."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from housing.cases.checklists import MATERIALS, REQUIRED
from housing.exceptions import InvalidInput, NotPermitted
from housing.groups import Group
from housing.models import Application, ApplicationHistory, Document, FormalReview
from housing.review.services import materials as materials_service
from housing.review.services.intake import register_application
from housing.review.services.materials import Material
from housing.review.services.reviews import conclude_formal_review
from housing.stages import Stage
from housing.web.staged_uploads import INTAKE_UPLOADS, UnknownUpload
from tests.factories import AllocationRoundFactory, ApplicationFactory, IntakeDataFactory, make_id_number, reload, staff
from tests.housing.conftest import field_error, page_text
from tests.support.materials import TINY_PDF, hand_in

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def clerk(db):
    return staff("ccb", "clerk")


@pytest.fixture
def round_(db):
    return AllocationRoundFactory()


def stored_files(media: Path) -> list[Path]:
    return [p for p in (media / "documents").rglob("*") if p.is_file()] if (media / "documents").exists() else []


def c3_materials() -> list[Material]:
    return [Material(kind=code, name=f"{code}.pdf", content=TINY_PDF) for code in REQUIRED[Group.NO_HOUSING]]


# --- the service: the application and its files in one transaction ---------------------------------------------
def test_the_files_are_attached_with_the_application(clerk, round_, private_media):
    data = IntakeDataFactory.build(round=round_, c3=True)
    application = register_application(actor=clerk, data=data, materials=c3_materials())
    documents = Document.objects.filter(application=application)
    assert sorted(documents.values_list("kind", flat=True)) == sorted(REQUIRED[Group.NO_HOUSING])
    assert all(d.file.read() == TINY_PDF for d in documents)
    events = list(ApplicationHistory.objects.filter(application=application).values_list("event", flat=True))
    assert events == ["intake"] + ["document_uploaded"] * len(REQUIRED[Group.NO_HOUSING])
    assert reload(application).version == 1  # nobody saw it before its files


def test_a_refused_file_refuses_the_whole_intake_and_stores_nothing(clerk, round_, private_media):
    data = IntakeDataFactory.build(round=round_, c3=True)
    bad = [*c3_materials(), Material(kind="id_cards", name="scan.pdf", content=PNG)]  # a PNG named .pdf
    with pytest.raises(InvalidInput) as refused:
        register_application(actor=clerk, data=data, materials=bad)
    assert "scan.pdf" in refused.value.field_errors["materials"][0]
    assert not Application.objects.exists() and not Document.objects.exists()
    assert stored_files(private_media) == []


def test_a_material_outside_the_groups_checklist_is_refused_naming_it(clerk, round_, private_media):
    data = IntakeDataFactory.build(round=round_, c3=True)
    with pytest.raises(InvalidInput) as refused:
        register_application(actor=clerk, data=data,
                             materials=[Material(kind="title_certificate", name="职称.pdf", content=TINY_PDF)])
    assert str(MATERIALS["title_certificate"]) in refused.value.field_errors["materials"][0]
    assert not Application.objects.exists()


def test_a_failure_while_attaching_leaves_neither_the_application_nor_any_file(clerk, round_, private_media,
                                                                             monkeypatch):
    data = IntakeDataFactory.build(round=round_, c3=True)
    real = materials_service.append_history
    calls = []

    def fails_on_the_third(**kwargs):
        calls.append(kwargs["event"])
        if len(calls) == 3:
            raise RuntimeError("the disk is full")  # a fault halfway through the files
        return real(**kwargs)

    monkeypatch.setattr(materials_service, "append_history", fails_on_the_third)
    with pytest.raises(RuntimeError):
        register_application(actor=clerk, data=data, materials=c3_materials())
    assert not Application.objects.exists() and not Document.objects.exists()
    assert not ApplicationHistory.objects.exists()
    assert stored_files(private_media) == []


def test_only_a_ccb_clerk_registers_with_files(round_, private_media):
    data = IntakeDataFactory.build(round=round_, c3=True)
    with pytest.raises(NotPermitted):
        register_application(actor=staff("ccb", "reviewer"), data=data, materials=c3_materials())
    assert not Application.objects.exists() and stored_files(private_media) == []


# --- the page: rows without script, files kept through errors ------------------------------------------------
def entries(round_, **extra) -> dict:
    data = {
        "round": round_.pk, "group": Group.NO_HOUSING, "form": "",
        "members-TOTAL_FORMS": "2", "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "1",
        "members-MAX_NUM_FORMS": "10",
        "members-0-relation": "applicant", "members-0-applying": "on", "members-0-name": "陈建国",
        "members-0-id_number": make_id_number(birth=datetime.date(1990, 5, 17), order=12),
        "members-0-marital_status": "married",
        "members-1-relation": "spouse", "members-1-applying": "on", "members-1-name": "林晓梅",
        "members-1-id_number": make_id_number(birth=datetime.date(1991, 2, 3), order=34),
    }
    data.update(extra)
    return data


def test_add_a_person_keeps_what_was_entered_and_shows_no_error_yet(portal, clerk, round_, private_media):
    portal.login(clerk)
    data = entries(round_)
    data["members-1-id_number"] = "not yet"
    response = portal.post(reverse("housing:intake"), {**data, "add_person": "1"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="members-TOTAL_FORMS" value="3"' in content
    assert 'value="林晓梅"' in content and 'value="not yet"' in content
    assert field_error(content, "id_members-1-id_number") == "" and "Nothing was saved" not in content
    assert '<option value="child" selected>' in content  # the household has a spouse: the new row is a child
    assert not Application.objects.exists()


def test_remove_a_person_moves_the_later_rows_up(portal, clerk, round_, private_media):
    portal.login(clerk)
    data = entries(round_, **{"members-TOTAL_FORMS": "3", "members-2-relation": "child", "members-2-name": "陈小明",
                              "members-2-id_number": "x"})
    response = portal.post(reverse("housing:intake"), {**data, "remove_person": "1"})
    content = response.content.decode()
    assert 'name="members-TOTAL_FORMS" value="2"' in content
    assert 'value="林晓梅"' not in content
    assert 'name="members-1-name" value="陈小明"' in content or 'value="陈小明"' in content


def test_a_form_with_errors_keeps_the_files_and_the_next_submission_attaches_them(portal, clerk, round_,
                                                                                 private_media):
    portal.login(clerk)
    data = entries(round_)
    good_spouse = data["members-1-id_number"]
    data["members-1-id_number"] = "440309199001011234"  # a wrong check digit
    data["files_id_cards"] = [SimpleUploadedFile("身份证.pdf", TINY_PDF)]
    response = portal.post(reverse("housing:intake"), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "身份证.pdf" in content and field_error(content, "id_members-1-id_number")
    assert not Application.objects.exists() and not Document.objects.exists()
    [token] = _staged_tokens(content)

    data = entries(round_, **{"members-1-id_number": good_spouse, "staged": token, "staged_kind": "id_cards"})
    response = portal.post(reverse("housing:intake"), data)
    assert response.status_code == 302 and "/receipt/" in response["Location"]
    application = Application.objects.get()
    assert list(application.documents.values_list("kind", "original_name")) == [("id_cards", "身份证.pdf")]
    with pytest.raises(UnknownUpload):  # used: the file is now the application's document
        INTAKE_UPLOADS.load(actor=clerk, token=token)


def test_a_kept_file_of_another_clerk_is_not_attached(portal, clerk, round_, private_media):
    other = staff("ccb", "head")
    staged = INTAKE_UPLOADS.stage(actor=other, name="身份证.pdf", fmt="pdf", content=TINY_PDF)
    portal.login(clerk)
    response = portal.post(reverse("housing:intake"),
                           entries(round_, staged=staged.token, staged_kind="id_cards"))
    assert response.status_code == 400
    assert "no longer kept" in page_text(response)
    assert not Application.objects.exists()


def test_a_file_without_its_material_is_kept_and_asked_for(portal, clerk, round_, private_media):
    portal.login(clerk)
    data = entries(round_, files=[SimpleUploadedFile("scan-7.pdf", TINY_PDF)], files_kind="")
    response = portal.post(reverse("housing:intake"), data)
    assert response.status_code == 400
    assert "Choose the material “scan-7.pdf” is for." in page_text(response)
    assert len(_staged_tokens(response.content.decode())) == 1
    assert not Application.objects.exists()


def _staged_tokens(content: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="staged" value="([^"]+)">', content)


# --- who may register and print ---------------------------------------------------------------------------
@pytest.mark.parametrize("unit,role", [("ccb", "reviewer"), ("org_personnel", "clerk"), ("discipline", "reviewer"),
                                       ("finance", "clerk")])
def test_only_the_ccb_counter_opens_the_intake(portal, round_, unit, role):
    portal.login(staff(unit, role))
    assert portal.get(reverse("housing:intake")).status_code == 403
    assert portal.post(reverse("housing:intake"), entries(round_)).status_code == 403
    assert not Application.objects.exists()


def test_the_receipt_shows_what_was_received_with_the_id_number_masked(portal, clerk, round_, private_media):
    data = IntakeDataFactory.build(round=round_, c3=True)
    application = register_application(actor=clerk, data=data, materials=c3_materials()[:2])
    portal.login(clerk)
    response = portal.get(reverse("housing:intake_receipt", args=[application.number]))
    assert response.status_code == 200
    content = page_text(response)
    assert application.number in content and application.applicant_name in content
    assert application.applicant_id_number not in content
    assert application.lookup_code in content and "/public/status/" in content
    assert "Not yet received" in content  # the items without a file
    assert "materials are still to be handed in" in content


@pytest.mark.parametrize("unit,role,status", [
    ("ccb", "reviewer", 403),        # sees the application, does not register
    ("discipline", "reviewer", 403),  # reads everything, registers nothing
    ("org_personnel", "clerk", 404),  # a C3 application is outside its scope: as if it did not exist
    ("finance", "clerk", 404),
])
def test_the_receipt_is_refused_as_the_application_page_is(portal, clerk, round_, unit, role, status):
    application = ApplicationFactory(round=round_, c3=True)
    portal.login(staff(unit, role))
    page_status = portal.get(reverse("housing:application_detail", args=[application.number])).status_code
    assert portal.get(reverse("housing:intake_receipt", args=[application.number])).status_code == status
    if status == 404:
        assert page_status == 404
    assert portal.get(reverse("housing:intake_receipt", args=["LH-2099-C3-999999"])).status_code == 404


def test_the_next_household_starts_with_the_round_group_and_employer(portal, clerk, round_):
    application = ApplicationFactory(round=round_, c4=True)
    portal.login(clerk)
    content = portal.get(reverse("housing:intake"), {"after": application.number}).content.decode()
    assert f'<option value="{round_.pk}" selected>' in content
    assert f'value="{application.employer.credit_code}"' in content
    assert f'<option value="{Group.INSTITUTION_TALENT}" selected>' in content


# --- the formal review passes no item without a file (R-39.3) --------------------------------------------------
def test_an_item_without_a_file_cannot_pass_and_the_message_names_it(clerk, round_, private_media):
    application = ApplicationFactory(round=round_, c3=True)
    required = REQUIRED[application.group]
    hand_in(application, required[:-1], actor=clerk)
    with pytest.raises(InvalidInput) as refused:
        conclude_formal_review(actor=clerk, application=application, expected_version=1,
                               items={code: True for code in required})
    assert list(refused.value.field_errors) == [required[-1]]
    assert str(MATERIALS[required[-1]]) in refused.value.field_errors[required[-1]][0]
    assert reload(application).stage == Stage.SUBMITTED and not FormalReview.objects.exists()
    # Left unticked, the same item returns the application for supplement.
    returned = conclude_formal_review(actor=clerk, application=application, expected_version=1,
                                      items={code: code != required[-1] for code in required})
    assert returned.stage == Stage.RETURNED


def test_the_checklist_starts_ticked_where_a_file_is_and_all_present_passes(portal, clerk, round_, private_media):
    application = ApplicationFactory(round=round_, c3=True)
    required = REQUIRED[application.group]
    hand_in(application, required[:2], actor=clerk)
    portal.login(clerk)
    url = reverse("housing:formal_review", args=[application.number])
    content = portal.get(url).content.decode()
    assert content.count("checked") == 2
    assert 'name="all_present"' not in content  # not every item has a file
    response = portal.post(url, {"version": 1, "all_present": "1"})  # posted anyway: refused naming the items
    assert response.status_code == 400 and str(MATERIALS[required[2]]) in page_text(response)
    assert reload(application).stage == Stage.SUBMITTED

    hand_in(application, required, actor=clerk)
    assert 'name="all_present"' in portal.get(url).content.decode()
    response = portal.post(url, {"version": 1, "all_present": "1"})
    assert response.status_code == 302
    assert reload(application).stage == Stage.SUBSTANTIVE_REVIEW

