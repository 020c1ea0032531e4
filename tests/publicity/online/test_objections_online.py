"""Objections filed online (R-16.6): a receipt and the entry frozen inside the period; a clear refusal outside
it; bad input and bad files change nothing (R-X.5); the objector follows the decision with the receipt."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from departments.permissions import DUTIES, PUBLIC_ONLINE, may
from housing.groups import Group
from housing.models import ApplicationHistory
from housing.cases.history import verify_chain
from housing.stages import Stage
from publicity.masking import mask_name
from publicity.models import Objection
from publicity.online.services import file_objection_online
from tests.factories import ApplicationFactory, actor_for, advance, reload, take
from tests.factories.workflow import latest_notice
from housing.exceptions import InvalidInput
from tests.support.publicity_online import (
    PDF_BYTES,
    contact_code,
    PNG_BYTES,
    english_client,
    entry_value,
    field_error,
    in_notice,
    media,
    notice,
    objection_url,
    resident,
    text,
)

pytestmark = pytest.mark.django_db


def objection_data(page, in_notice, **changes):
    data = {"objector_name": "李四", "objector_contact": "139 0013 9000",
            "entry": entry_value(page, mask_name(in_notice.applicant_name)),
            "reasons": "申请人名下在深圳另有住房。"}
    data.update(changes)
    if "verification_code" not in data:
        try:
            data["verification_code"] = contact_code(data["objector_contact"])
        except InvalidInput:  # no code can reach this contact; the filing is refused on the contact's field
            data["verification_code"] = "000000"
    return {k: v for k, v in data.items() if v is not None}


def file_objection(client, notice, in_notice, **changes):
    page = client.get(objection_url(notice))
    assert page.status_code == 200
    return client.post(objection_url(notice), objection_data(page, in_notice, **changes))


def history_count(app) -> int:
    return ApplicationHistory.objects.filter(application=app).count()


def test_an_objection_in_the_period_gives_a_receipt_and_freezes_the_entry(resident, notice, in_notice):
    response = file_objection(resident, notice, in_notice)

    assert response.status_code == 302
    objection = Objection.objects.get()
    receipt = resident.get(response["Location"])
    assert receipt.status_code == 200
    assert objection.receipt_number in text(receipt)
    assert re.fullmatch(r"YY-\d{8}-[0-9A-F]{8}", objection.receipt_number)
    assert (objection.application, objection.notice, objection.filed_online, objection.received_by) == (
        in_notice, notice, True, None)
    assert objection.objector_contact == "13900139000"  # one spelling, so the lookup matches however it is typed
    assert reload(in_notice).stage == Stage.FROZEN


def test_the_online_objection_is_recorded_in_the_history_like_a_recorded_one(resident, notice, in_notice):
    """The same transition as the CCB's path; no staff account; the chain stays intact (R-X.1)."""
    file_objection(resident, notice, in_notice)
    row = ApplicationHistory.objects.filter(application=in_notice).order_by("-seq").first()
    objection = Objection.objects.get()
    assert (row.event, row.from_stage, row.to_stage) == ("freeze_for_objection", Stage.PUBLIC_NOTICE, Stage.FROZEN)
    assert (row.actor, row.actor_name, row.actor_unit) == (None, "public-online", "")
    assert row.payload == {"objection": objection.receipt_number, "filed_online": True}
    assert verify_chain(in_notice) == []


def test_a_second_objection_online_joins_the_first_and_the_entry_stays_frozen(resident, notice, in_notice):
    take("freeze_for_objection", in_notice)  # recorded by the CCB
    before = history_count(in_notice)
    response = file_objection(resident, notice, in_notice, objector_name="王五")
    assert response.status_code == 302
    assert Objection.objects.count() == 2
    frozen = reload(in_notice)
    assert frozen.stage == Stage.FROZEN
    assert history_count(in_notice) == before + 1
    assert frozen.history.order_by("-seq").first().event == "objection_recorded"


def test_the_online_actor_holds_only_the_duty_an_objection_exercises():
    for group in Group.values:
        assert may(PUBLIC_ONLINE, "freeze_for_objection", group)
        assert not any(may(PUBLIC_ONLINE, duty, group) for duty in DUTIES if duty != "freeze_for_objection")
        assert not any(may(AnonymousUser(), duty, group) for duty in DUTIES)


def test_the_form_shows_each_entry_by_rank_and_masked_name_only(resident, notice, in_notice):
    page = resident.get(objection_url(notice))
    content = page.content.decode()
    assert mask_name(in_notice.applicant_name) in text(page)
    assert in_notice.applicant_name not in content
    assert in_notice.applicant_id_number not in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert "no-store" in page["Cache-Control"]


def test_the_object_link_of_a_row_chooses_its_entry_on_the_form(resident, notice, in_notice):
    """The notice's "Object to LH-…" link names the entry; the form opens with it chosen."""
    page = resident.get(objection_url(notice), {"entry": in_notice.number})
    value = entry_value(page, mask_name(in_notice.applicant_name))
    assert f'<option value="{value}" selected>' in page.content.decode()
    unknown = resident.get(objection_url(notice), {"entry": "LH-1999-C3-999999"})
    assert unknown.status_code == 200 and '<option value="" selected>' in unknown.content.decode()


@pytest.mark.parametrize("day", ["before", "after"])
def test_an_objection_outside_the_period_is_refused_naming_the_period_and_nothing_is_saved(
        resident, notice, in_notice, clock, day):
    page = resident.get(objection_url(notice))
    data = objection_data(page, in_notice)
    before = history_count(in_notice)
    clock.travel_to(notice.starts_on - datetime.timedelta(days=1) if day == "before"
                    else notice.ends_on + datetime.timedelta(days=1))

    response = resident.post(objection_url(notice), data)

    assert response.status_code == 400
    shown = text(response)
    assert "only during the notice period" in shown
    assert f"{notice.starts_on:%Y-%m-%d} to {notice.ends_on:%Y-%m-%d}" in shown
    assert not Objection.objects.exists()
    assert reload(in_notice).stage == Stage.PUBLIC_NOTICE
    assert history_count(in_notice) == before


def test_the_form_is_not_offered_after_the_period(resident, notice, clock):
    clock.travel_to(notice.ends_on + datetime.timedelta(days=1))
    page = resident.get(objection_url(notice))
    assert f"from {notice.starts_on:%Y-%m-%d} to {notice.ends_on:%Y-%m-%d}" in text(page)
    assert 'name="reasons"' not in page.content.decode()


def test_an_objection_may_carry_a_pdf_kept_under_the_receipt_number(resident, notice, in_notice, media):
    response = file_objection(resident, notice, in_notice,
                              evidence=SimpleUploadedFile("房产证明.pdf", PDF_BYTES, "application/pdf"))
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.evidence_name == "房产证明.pdf"
    assert objection.evidence.name.endswith(f"{objection.receipt_number}.pdf")
    assert objection.evidence.read() == PDF_BYTES


@pytest.mark.parametrize(("name", "content", "message"), [
    ("证明.exe", PDF_BYTES, "Only PDF, JPG or PNG files are accepted"),
    ("证明.pdf", PNG_BYTES, "not really a PDF"),
    ("照片.jpg", b"GIF89a" + bytes(100), "not really a JPG"),
    ("证明.pdf", b"", "empty"),
])
def test_a_file_of_the_wrong_type_is_refused_on_its_field_and_nothing_is_saved(
        resident, notice, in_notice, media, name, content, message):
    before = history_count(in_notice)
    response = file_objection(resident, notice, in_notice, evidence=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in field_error(response, "evidence")
    assert not Objection.objects.exists()
    assert reload(in_notice).stage == Stage.PUBLIC_NOTICE
    assert history_count(in_notice) == before
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


def test_a_file_over_the_limit_is_refused_and_nothing_is_saved(resident, notice, in_notice, media, settings):
    settings.OBJECTION_EVIDENCE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("证明.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    response = file_objection(resident, notice, in_notice, evidence=big)
    assert response.status_code == 400
    assert "larger than 1 MB" in field_error(response, "evidence")
    assert not Objection.objects.exists()
    assert reload(in_notice).stage == Stage.PUBLIC_NOTICE
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_the_limit_is_shown_on_the_form(resident, notice, settings):
    settings.OBJECTION_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
    assert "at most 5 MB" in text(resident.get(objection_url(notice)))


def test_a_file_refused_inside_the_transaction_leaves_no_file(notice, in_notice, media, monkeypatch):
    """A failure after the file was stored (here: the freeze) removes the file again (R-X.5)."""
    def fail(**kwargs):
        raise RuntimeError("the freeze failed")

    monkeypatch.setattr("publicity.online.services.freeze_for_objection", fail)
    with pytest.raises(RuntimeError):
        file_objection_online(notice=notice, application_id=in_notice.pk, objector_name="李四",
                              objector_contact="13900139000", reasons="名下有房",
                              verification_code=contact_code("13900139000"), evidence=SimpleUploadedFile("证明.pdf", PDF_BYTES))
    assert not Objection.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.parametrize(("field", "value", "message"), [
    ("objector_contact", "somewhere in Longhua", "mobile or landline number"),
    ("objector_contact", "1390013900", "mobile or landline number"),
    ("objector_name", "", "required"),
    ("reasons", "", "required"),
    ("entry", "", "required"),
    ("entry", "99", "valid choice"),
])
def test_bad_input_is_marked_on_its_field_and_nothing_is_saved(resident, notice, in_notice, field, value, message):
    response = file_objection(resident, notice, in_notice, **{field: value})
    assert response.status_code == 400
    assert message in field_error(response, field)
    assert not Objection.objects.exists()
    assert reload(in_notice).stage == Stage.PUBLIC_NOTICE


@pytest.mark.parametrize(("typed", "kept"), [
    ("13900139000", "13900139000"),
    ("+86 139-0013-9000", "13900139000"),
    ("Li.Si@Example.COM", "li.si@example.com"),
])
def test_a_telephone_or_email_is_kept_in_one_spelling(resident, notice, in_notice, typed, kept):
    assert file_objection(resident, notice, in_notice, objector_contact=typed).status_code == 302
    assert Objection.objects.get().objector_contact == kept


def test_an_entry_no_longer_on_the_list_is_not_offered_and_cannot_be_objected_to(resident, allocation_round):
    staying = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.RECHECKED)
    leaving = advance(ApplicationFactory(round=allocation_round, c3=True), Stage.PUBLIC_NOTICE)
    notice = latest_notice(leaving)
    page = resident.get(objection_url(notice))
    value = entry_value(page, mask_name(leaving.applicant_name))
    take("withdraw", reload(leaving))
    response = resident.post(objection_url(notice), objection_data(page, leaving, entry=value))
    assert response.status_code == 400
    assert not Objection.objects.exists()
    assert mask_name(leaving.applicant_name) not in text(resident.get(objection_url(notice)))
    assert reload(staying).stage == Stage.PUBLIC_NOTICE


def test_the_form_is_protected_against_cross_site_posts(notice, in_notice):
    page = english_client().get(objection_url(notice))
    forged = english_client(enforce_csrf_checks=True)
    response = forged.post(objection_url(notice), objection_data(page, in_notice))
    assert response.status_code == 403
    assert not Objection.objects.exists()


def test_an_unknown_notice_answers_404(resident):
    assert resident.get(reverse("publicity:objection_file", args=[999999])).status_code == 404


def test_the_receipt_link_cannot_be_forged(resident):
    assert resident.get(reverse("publicity:filing_receipt", args=["YY-20260101-00000000"])).status_code == 404


def lookup(client, receipt, contact):
    return client.get(reverse("publicity:objection_lookup"), {"receipt": receipt, "contact": contact})


@pytest.mark.parametrize("upheld", [True, False])
def test_the_objector_reads_the_decision_and_its_answer_after_staff_decide(resident, notice, in_notice, upheld):
    file_objection(resident, notice, in_notice, objector_contact="13900139000")
    objection = Objection.objects.get()
    shown = text(lookup(resident, objection.receipt_number, "139-0013-9000"))
    assert "Under investigation" in shown

    take("uphold_objection" if upheld else "dismiss_objection", reload(in_notice), objection=objection)

    shown = text(lookup(resident, objection.receipt_number.lower(), "13900139000"))
    assert ("Upheld" if upheld else "Not upheld") in shown
    assert "调查结果已答复异议人" in shown  # the answer written by the unit (tests/factories/workflow.py)
    objection.refresh_from_db()
    assert timezone.localdate(objection.decided_at).isoformat() in shown  # the day in Shenzhen, as printed
    assert in_notice.applicant_name not in shown and in_notice.applicant_id_number not in shown
    assert objection.decision_reason not in shown  # the internal reason is not the published answer


def test_a_wrong_contact_answers_like_an_unknown_receipt(resident, notice, in_notice):
    file_objection(resident, notice, in_notice, objector_contact="13900139000")
    objection = Objection.objects.get()
    wrong_contact = lookup(resident, objection.receipt_number, "13900139001")
    unknown = lookup(resident, "YY-20200101-00000000", "13900139000")
    assert wrong_contact.status_code == unknown.status_code == 200
    assert "No objection or question matches" in text(wrong_contact)
    assert text(wrong_contact).replace(objection.receipt_number, "") == text(unknown).replace(
        "YY-20200101-00000000", "")
    assert "Under investigation" not in text(wrong_contact)


def test_an_objection_recorded_by_staff_can_be_followed_with_the_contact_as_recorded(resident, in_notice):
    frozen = take("freeze_for_objection", in_notice)  # contact recorded as "13900139000"
    objection = frozen.objections.get()
    assert "Under investigation" in text(lookup(resident, objection.receipt_number, "139 0013 9000"))
    decided = take("dismiss_objection", frozen, objection=objection, actor=actor_for("dismiss_objection", frozen.group))
    assert decided.stage == Stage.PUBLIC_NOTICE
    assert "Not upheld" in text(lookup(resident, objection.receipt_number, "13900139000"))


def test_an_entry_takes_only_so_many_objections_a_day_from_any_addresses(notice, in_notice, settings):
    """decision 0028: each objection freezes or adds to an entry; many addresses cannot flood one entry."""
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "objection_entry": (2, 86400)}
    for n in range(2):
        response = file_objection(english_client(REMOTE_ADDR=f"10.1.0.{n}"), notice, in_notice, objector_name=f"居民{n}")
        assert response.status_code == 302
    refused = file_objection(english_client(REMOTE_ADDR="10.1.0.9"), notice, in_notice, objector_name="居民9")
    assert refused.status_code == 429
    assert Objection.objects.count() == 2


def test_a_notice_takes_only_so_many_objections_an_hour(notice, in_notice, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "objection_notice": (1, 3600)}
    assert file_objection(english_client(REMOTE_ADDR="10.2.0.1"), notice, in_notice).status_code == 302
    assert file_objection(english_client(REMOTE_ADDR="10.2.0.2"), notice, in_notice, objector_name="王五").status_code == 429
    assert Objection.objects.count() == 1
