"""Objections and inquiries filed by residents on the public site (R-16.5, R-16.6; docs/decisions/0013).

No staff member acts: the objection is filed by ``PUBLIC_ONLINE``, the one actor without an account, which holds
exactly the duty an objection exercises: it freezes the entry, through the same transition and history as one
the CCB records (publicity.services.freeze_for_objection). Everything is checked before anything is written;
a refused filing leaves no row and no file behind (R-X.5).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from departments.permissions import PUBLIC_ONLINE
from housing.exceptions import InvalidInput
from housing.cases.documents import inspect_upload
from housing.cases.workflow import lock_application
from housing.stages import OBJECTABLE
from publicity.online.contacts import normalise_contact
from publicity.models import Inquiry, Objection, PublicNotice
from publicity.services import check_notice_period, freeze_for_objection, new_receipt_number

INQUIRY_PERIOD = gettext_lazy(
    "Questions about this notice are accepted only during its period, from %(starts)s to %(ends)s (R-16.5).")


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
                          objector_contact: str, reasons: str, evidence=None) -> Objection:
    """R-16.6: an objection to one entry of the notice, during its period; it freezes the entry."""
    check_notice_period(notice)
    errors, contact = _check_texts({"objector_name": objector_name, "objector_contact": objector_contact,
                                    "reasons": reasons}, contact_field="objector_contact")
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
                filed_online=True, filed_at=timezone.now(),
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
