"""Materials handed in at the counter with the application (R-16.2, R-39.3).

The clerk chooses several files at once and assigns each to an item of the group's checklist. They are checked
here (a material of the group's checklist, a real PDF, JPG or PNG of an acceptable size) and attached by
``attach_materials`` inside the transaction that registers the application: an application is never stored with
half its files, and a refused file leaves nothing behind (R-X.5). Between a form shown again with errors and its
next submission the files wait in the intake staging area (housing.web.staged_uploads.INTAKE_UPLOADS).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from housing.cases.checklists import MATERIALS, accepted_kinds
from housing.cases.documents import inspect_upload
from housing.cases.history import append_history
from housing.exceptions import InvalidInput
from housing.models import Application, Document

MATERIALS_KEY = "materials"


@dataclass(frozen=True)
class Material:
    """One file for one item of the checklist: its name as chosen, and its bytes."""

    kind: str
    name: str
    content: bytes


def material_refusals(group: str, materials: list[Material]) -> list[str]:
    """What is wrong with the files for an application of ``group``, one message per file (empty: all fine)."""
    accepted = dict(accepted_kinds(group)) if group else {}
    messages = []
    for material in materials:
        if not material.kind:
            messages.append(_("Choose the material “%(name)s” is for.") % {"name": material.name})
        elif material.kind not in MATERIALS:
            messages.append(_("“%(name)s”: choose a material of the checklist.") % {"name": material.name})
        elif group and material.kind not in accepted:
            messages.append(_("“%(name)s”: %(material)s is not a material of this group's checklist; choose "
                              "another item or remove the file.") % {"name": material.name,
                                                                     "material": MATERIALS[material.kind]})
        else:
            try:
                inspect_upload(ContentFile(material.content, name=material.name))
            except InvalidInput as exc:
                reason = next(iter(exc.field_errors.get("file", [])), str(exc.message))
                messages.append(f"“{material.name}”: {reason}")
    return messages


def attach_materials(*, actor, application: Application, materials: list[Material]) -> list[Document]:
    """Store each file as a document of ``application`` and record it in its history. Called inside the
    transaction that registers the application, after ``material_refusals`` found nothing; the caller removes
    the stored files if that transaction fails (``forget_stored``)."""
    documents = []
    try:
        for material in materials:
            name, extension, size, sha256 = inspect_upload(ContentFile(material.content, name=material.name))
            document = Document(application=application, kind=material.kind, original_name=name, extension=extension,
                                size=size, sha256=sha256, uploaded_by=actor, uploaded_at=timezone.now())
            documents.append(document)
            # The stored name comes from Document.file's upload_to, never from the upload.
            document.file.save(f"{material.kind}.{extension}", ContentFile(material.content), save=False)
            try:
                document.full_clean()
            except ValidationError as exc:
                raise InvalidInput(_("The file was not accepted."), field_errors={MATERIALS_KEY: exc.messages})
            document.save()
            append_history(application=application, event="document_uploaded", actor=actor,
                           from_stage=application.stage, to_stage=application.stage, articles=["R-16.2", "R-39.3"],
                           payload={"document": document.pk, "kind": material.kind, "size": size, "sha256": sha256,
                                    "at_intake": True})
    except BaseException:
        forget_stored(documents)
        raise
    return documents


def forget_stored(documents: list[Document]) -> None:
    """R-X.5: the files of a transaction that did not commit are removed from storage."""
    for document in documents:
        if document.file.name:
            document.file.delete(save=False)
