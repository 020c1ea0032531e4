"""Objections and inquiries filed by residents on the public site (R-16.5, R-16.6; docs/decisions/0013).

No staff member acts: the objection is filed by ``PUBLIC_ONLINE``, the one actor without an account, which holds
exactly the duty an objection exercises: it freezes the entry, through the same transition and history as one
the CCB records (publicity.services.freeze_for_objection). Everything is checked before anything is written;
a refused filing leaves no row and no file behind (R-X.5).
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from departments.permissions import PUBLIC_ONLINE
from housing.exceptions import InvalidInput
from housing.cases.documents import inspect_upload
from housing.cases.workflow import lock_application
from housing.messaging.services import send_to_applicant
from housing.models import Application
from housing.stages import OBJECTABLE
from publicity.online.contact_codes import codable_contact, code_matches, send_contact_code
from publicity.online.contacts import normalise_contact
from publicity.models import Inquiry, Objection, PublicNotice
from publicity.services import check_notice_period, freeze_for_objection, new_receipt_number

INQUIRY_PERIOD = gettext_lazy(
    "Questions about this notice are accepted only during its period, from %(starts)s to %(ends)s (Art. 16(5)).")


def check_inquiry_period(notice: PublicNotice) -> None:
    check_notice_period(notice, message=INQUIRY_PERIOD, article="R-16.5")

def _check_texts(texts: dict[str, str], *, contact_field: str) -> tuple[dict, str | None]:
    """Field errors of the name, contact and text fields; and the canonical contact."""
    errors = {field: [_("This field is required.")] for field, value in texts.items() if not (value or "").strip()}
    contact = normalise_contact(texts[contact_field])
    if contact is None and contact_field not in errors:
        errors[contact_field] = [_("Give a mobile or landline number (e.g. 13800138000, 0755-12345678) or an "
                                   "email address, so the answer can reach you.")]
    return errors, contact


def _full_clean(instance) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise InvalidInput(_("Nothing was filed; correct the marked fields."), field_errors=exc.message_dict)


def file_objection_online(*, notice: PublicNotice, application_id: int | None, objector_name: str,
                          objector_contact: str, reasons: str, verification_code: str, evidence=None) -> Objection:
    """R-16.6: an objection to one entry of the notice, during its period; it freezes the entry. Its contact is
    proved by the code sent to it (publicity.online.contact_codes), checked last so a typo elsewhere keeps it."""
    check_notice_period(notice)
    errors, contact = _check_texts({"objector_name": objector_name, "objector_contact": objector_contact,
                                    "reasons": reasons}, contact_field="objector_contact")
    if contact is not None and "objector_contact" not in errors:
        try:
            contact = codable_contact(contact, field="objector_contact")
        except InvalidInput as exc:
            errors.update(exc.field_errors)
    application = notice.entries.filter(pk=application_id).first() if application_id else None
    if application is None:
        errors["entry"] = [_("Choose the entry of this notice your objection concerns.")]
    elif application.stage not in OBJECTABLE:
        errors["entry"] = [_("This entry is no longer on the list; it cannot be objected to.")]
    if errors:
        raise InvalidInput(_("The objection was not filed; correct the marked fields."), field_errors=errors)
    if evidence is not None:
        evidence_name, extension, _size, _sha256 = inspect_upload(
            evidence, field="evidence", max_bytes=settings.OBJECTION_EVIDENCE_MAX_BYTES)
    if not code_matches(contact=contact, code=verification_code):
        raise InvalidInput(_("The objection was not filed; correct the marked fields."), field_errors={
            "verification_code": [_("This code is wrong or has expired. Ask for a new code and enter it here.")]})

    objection = None
    try:
        with transaction.atomic():
            locked = lock_application(application_id=application.pk)
            if locked.stage not in OBJECTABLE:  # it left the list while the form was being filled in
                raise InvalidInput(_("This entry is no longer on the list; it cannot be objected to."),
                                   field_errors={"entry": [_("This entry is no longer on the list.")]})
            objection = Objection(
                receipt_number=new_receipt_number("YY"), notice=notice, application=locked,
                objector_name=objector_name.strip(), objector_contact=contact, reasons=reasons.strip(),
                filed_online=True, contact_verified=True, filed_at=timezone.now(),
            )
            if evidence is not None:
                # The stored name comes from the receipt number, never from the upload.
                objection.evidence.save(f"{objection.receipt_number}.{extension}", evidence, save=False)
                objection.evidence_name = evidence_name
            _full_clean(objection)
            objection.save()
            freeze_for_objection(actor=PUBLIC_ONLINE, objection=objection, expected_version=locked.version)
    except BaseException:
        if objection is not None and objection.evidence.name:
            objection.evidence.delete(save=False)
        raise
    return objection


@transaction.atomic
def file_inquiry_online(*, notice: PublicNotice, application_id: int | None, asker_name: str, asker_contact: str,
                        question: str) -> Inquiry:
    """R-16.5: a question about the notice, or about one of its entries, during its period. It freezes nothing."""
    check_inquiry_period(notice)
    errors, contact = _check_texts({"asker_name": asker_name, "asker_contact": asker_contact, "question": question},
                                   contact_field="asker_contact")
    application = None
    if application_id:
        application = notice.entries.filter(pk=application_id).first()
        if application is None:
            errors["entry"] = [_("Choose an entry of this notice, or none for a general question.")]
    if errors:
        raise InvalidInput(_("The question was not filed; correct the marked fields."), field_errors=errors)
    inquiry = Inquiry(receipt_number=new_receipt_number("DY"), notice=notice, application=application,
                      asker_name=asker_name.strip(), asker_contact=contact, question=question.strip(),
                      filed_at=timezone.now())
    _full_clean(inquiry)
    inquiry.save()
    return inquiry


def send_objection_code(*, notice: PublicNotice, objector_contact: str) -> str:
    """R-16.6: the code that proves the objector's contact, during the notice's period only; the contact it went
    to, canonical (publicity.online.contact_codes)."""
    check_notice_period(notice)
    return send_contact_code(contact=objector_contact, field="objector_contact")


def warn_of_failed_lookups(*, number: str, retry_after: int) -> bool:
    """R-16.d, R-X.2: the applicant is told, once in a window, that their application's status lookup was refused
    after its limit of wrong guesses (someone may hold the number and be guessing the rest, decision 0035).

    Nothing happens for a number that belongs to no application, so the message cannot be aimed at a stranger.
    """
    application = Application.objects.filter(number=number).first() if number else None
    if application is None:
        return False
    # One message a window, however many requests reach the limit at once.
    if not cache.add(f"lookup-warned:{hashlib.sha256(number.encode()).hexdigest()[:32]}", 1, timeout=retry_after):
        return False
    resumes = timezone.localtime() + datetime.timedelta(seconds=retry_after)
    with translation.override("zh-hans"):
        text = _("The status of your application %(number)s was looked up several times with a wrong ID number or "
                 "lookup code; lookups of it are paused until %(time)s. If this was not you, tell the City "
                 "Construction Bureau.") % {"number": application.number, "time": resumes.strftime("%H:%M")}
    send_to_applicant(application=application, text=text, purpose="lookup_failures")
    return True
