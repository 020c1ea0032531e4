"""R-6, R-38, R-X.2: every read of personal data leaves a record: who, when, from where, what (the application),
never the ID number searched for; discipline inspection reads them (docs/decisions/0042)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from housing.cases import documents as documents_service
from housing.models import Document, PersonalDataRead
from housing.models.history import AppendOnlyError
from housing.stages import Stage
from publicity.online.services import file_objection_online
from tests.factories import ApplicationFactory, advance, reload, staff
from tests.factories.workflow import latest_notice
from tests.support.publicity_online import contact_code

pytestmark = pytest.mark.django_db

PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
             b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
PDF_BYTES = b"%PDF-1.4\n" + b"0" * 100
Kind = PersonalDataRead.Kind


@pytest.fixture
def clerk(as_user):
    user = staff("ccb", "clerk")
    return user, as_user(user, address="10.20.30.40")


def the_read(kind) -> PersonalDataRead:
    [read] = PersonalDataRead.objects.filter(kind=kind)
    return read


def assert_no_id_number(read, application):
    assert application.applicant_id_number not in " ".join(
        str(v) for v in (read.detail, read.application_number, read.actor_name, read.address))


def test_a_dossier_download_is_recorded(clerk, application):
    user, client = clerk
    assert client.get(reverse("housing:application_dossier", args=[application.number])).status_code == 200
    read = the_read(Kind.DOSSIER)
    assert (read.actor, read.actor_name, read.actor_unit) == (user, "ccb-clerk", "ccb")
    assert read.application_number == application.number and read.address == "10.20.30.40"
    assert_no_id_number(read, application)


def test_a_material_download_is_recorded(clerk, application, private_media):
    documents_service.upload_document(actor=staff("ccb", "head"), application=reload(application), kind="id_cards",
                                      uploaded_file=SimpleUploadedFile("id.png", PNG_BYTES))
    document = Document.objects.get(application=application)
    _user, client = clerk
    response = client.get(reverse("housing:document_download", args=[application.number, document.pk]))
    assert response.status_code == 200
    read = the_read(Kind.DOCUMENT)
    assert read.application_number == application.number and read.detail
    assert_no_id_number(read, application)


def test_objection_evidence_download_is_recorded(clerk, allocation_round, private_media):
    entry = advance(ApplicationFactory(round=allocation_round, c4=True), Stage.PUBLIC_NOTICE)
    objection = file_objection_online(
        notice=latest_notice(entry), application_id=entry.pk, objector_name="李四", objector_contact="13900139000",
        reasons="名下有房", verification_code=contact_code("13900139000"),
        evidence=SimpleUploadedFile("证明.pdf", PDF_BYTES))
    _user, client = clerk
    response = client.get(reverse("housing:objection_evidence", args=[objection.receipt_number]))
    assert response.status_code == 200
    read = the_read(Kind.EVIDENCE)
    assert read.application_number == entry.number and read.detail == objection.receipt_number


def test_a_search_by_id_number_is_recorded_without_the_number(clerk, application):
    _user, client = clerk
    response = client.post(reverse("housing:application_list"), {"q": application.applicant_id_number})
    client.get(response.url)
    read = the_read(Kind.ID_SEARCH)
    assert read.application_number == application.number and application.number in read.detail
    assert_no_id_number(read, application)
    assert application.applicant_id_number[:6] not in read.detail


def test_a_search_by_name_or_number_is_not_a_read_of_an_id_number(clerk, application):
    _user, client = clerk
    for term in (application.applicant_name, application.number):
        client.get(client.post(reverse("housing:application_list"), {"q": term}).url)
    assert not PersonalDataRead.objects.exists()


def test_a_refused_download_leaves_no_read(as_user, application):
    outsider = as_user(staff("finance", "clerk"))
    assert outsider.get(reverse("housing:application_dossier", args=[application.number])).status_code == 404
    assert not PersonalDataRead.objects.exists()


def test_discipline_reads_the_records_and_filters_them(clerk, application, as_user):
    _user, client = clerk
    client.get(reverse("housing:application_dossier", args=[application.number]))
    page = as_user(staff("discipline", "reviewer")).get(
        reverse("housing:personal_data_reads"), {"username": "ccb-clerk", "application": application.number.lower()})
    text = page.content.decode()
    assert "Dossier downloaded" in text and application.number in text and "10.20.30.40" in text
    empty = as_user(staff("discipline", "reviewer")).get(reverse("housing:personal_data_reads"), {"kind": "evidence"})
    assert application.number not in empty.content.decode()


def test_a_read_is_never_changed_or_deleted(clerk, application):
    _user, client = clerk
    client.get(reverse("housing:application_dossier", args=[application.number]))
    read = the_read(Kind.DOSSIER)
    with pytest.raises(AppendOnlyError):
        read.save()
    with pytest.raises(AppendOnlyError):
        PersonalDataRead.objects.all().delete()
