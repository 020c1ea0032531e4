"""Materials handed in at intake or supplement (R-16.2, R-39.3).

A file is accepted only if it is a material of the group's checklist, named as a PDF,
JPG or PNG, really is one (its first bytes), and is neither empty nor too large.
A refused file changes nothing (R-X.5); an accepted one is stored and recorded in the
application's history in the same transaction.
"""

import hashlib
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.permissions import can_edit_materials
from housing.cases.checklists import SIGNATURES, accepted_kinds
from housing.exceptions import InvalidInput, NotPermitted
from housing.models import Application, Document
from housing.cases.history import append_history
from housing.cases.workflow import lock_application
from housing.stages import CLOSED

HEADER_BYTES = max(len(signature) for signatures in SIGNATURES.values() for signature in signatures)
TYPE_NAMES = {"pdf": "PDF", "jpg": "JPG", "jpeg": "JPG", "png": "PNG"}


def _refuse(field: str, message: str):
    raise InvalidInput(_("The file was not accepted: %(reason)s") % {"reason": message},
                       field_errors={field: [message]})


def size_limit_text(max_bytes: int) -> str:
    megabytes = max_bytes / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else filesizeformat(max_bytes)


def inspect_upload(uploaded_file, *, field: str = "file", max_bytes: int | None = None) -> tuple[str, str, int, str]:
    """(original name, extension, size, sha256) of an acceptable file; refuses any other, on ``field``.

    Also checks the evidence of objections filed online (publicity.online.services), with its own limit.
    """
    max_bytes = settings.DOCUMENT_MAX_BYTES if max_bytes is None else max_bytes
    name = os.path.basename((uploaded_file.name or "").replace("\\", "/")).strip()
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
        _refuse(field, _("Only PDF, JPG or PNG files are accepted; this file's name does not end in .pdf, .jpg, "
                         ".jpeg or .png."))
    if not uploaded_file.size:
        _refuse(field, _("The file is empty."))
    if uploaded_file.size > max_bytes:
        _refuse(field, _("The file is larger than %(limit)s; scan it at a lower resolution or split it.")
                % {"limit": size_limit_text(max_bytes)})
    uploaded_file.seek(0)
    head = uploaded_file.read(HEADER_BYTES)
    if not head.startswith(SIGNATURES[extension]):
        _refuse(field, _("The file is not really a %(type)s: its content does not match its name ending "
                         "“.%(extension)s”.") % {"type": TYPE_NAMES[extension], "extension": extension})
    digest = hashlib.sha256()
    size = 0
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
        size += len(chunk)
    uploaded_file.seek(0)
    if size > max_bytes:  # the declared size is not trusted
        _refuse(field, _("The file is larger than %(limit)s; scan it at a lower resolution or split it.")
                % {"limit": size_limit_text(max_bytes)})
    return name[-200:], extension, size, digest.hexdigest()


def upload_document(*, actor, application: Application, kind: str, uploaded_file) -> Document:
    """R-16.2, R-39.3: store one material of the group's checklist and record it in the history."""
    if not can_edit_materials(actor, application):
        raise NotPermitted(_("Only clerks of the City Construction Bureau hand in materials (Art. 12(2))."))
    if application.stage in CLOSED:
        raise InvalidInput(_("This application is closed; no materials can be added (Art. 16(2))."))
    if kind not in dict(accepted_kinds(application.group)):
        _refuse("kind", _("This material is not on the checklist of the application's group (Art. 39(3))."))
    original_name, extension, size, sha256 = inspect_upload(uploaded_file)

    document = None
    try:
        with transaction.atomic():
            locked = lock_application(application_id=application.pk)
            document = Document(
                application=locked, kind=kind, original_name=original_name, extension=extension, size=size,
                sha256=sha256, uploaded_by=actor, uploaded_at=timezone.now(),
            )
            # The stored name comes from Document.file's upload_to, never from the upload.
            document.file.save(f"{kind}.{extension}", uploaded_file, save=False)
            try:
                document.full_clean()
            except ValidationError as exc:
                raise InvalidInput(_("The file was not accepted."), field_errors=exc.message_dict)
            document.save()
            # R-16.e: a reviewer who opened the checklist before this file arrived must reload.
            locked.version += 1
            locked.save(update_fields=["version"])
            append_history(
                application=locked,
                event="document_uploaded",
                actor=actor,
                from_stage=locked.stage,
                to_stage=locked.stage,
                articles=["R-16.2", "R-39.3"],
                payload={"document": document.pk, "kind": kind, "size": size, "sha256": sha256},
            )
    except BaseException:
        # R-X.5: a refused upload leaves no file behind.
        if document is not None and document.file.name:
            document.file.delete(save=False)
        raise
    return document
