"""The files of the intake form (R-16.2, R-X.5; decision 0044): read from the request, checked, and kept in the
intake staging area so that a form shown again (errors, a person added or removed) keeps every file chosen.

Three ways in, one list out, in the order the page shows them:
- files kept from an earlier submission: ``staged`` (token), ``staged_kind`` (item) and ``staged_drop``;
- one multi-file input per checklist item (the page without JavaScript): ``files_<item>``;
- one picker for several files with an item chosen per file (with JavaScript): ``files`` and ``files_kind``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from housing.cases.checklists import MATERIALS
from housing.cases.documents import inspect_upload
from housing.exceptions import InvalidInput
from housing.review.services.materials import Material
from housing.web.staged_uploads import INTAKE_UPLOADS, UnknownUpload, UploadChanged, UploadedByAnother

NOT_ATTACHED = "-"  # the item choice "do not attach this file"


@dataclass
class StagedMaterial:
    token: str
    name: str
    kind: str

    @property
    def label(self):
        return MATERIALS.get(self.kind, "")


def _kept(request, errors: list[str]) -> list[StagedMaterial]:
    tokens = request.POST.getlist("staged")
    kinds = request.POST.getlist("staged_kind")
    dropped = set(request.POST.getlist("staged_drop"))
    kept = []
    for index, token in enumerate(tokens):
        kind = kinds[index] if index < len(kinds) else ""
        try:
            staged = INTAKE_UPLOADS.load(actor=request.user, token=token)
        except (UnknownUpload, UploadedByAnother, UploadChanged):
            errors.append(_("A file chosen earlier is no longer kept (more than two hours passed); choose it again."))
            continue
        if token in dropped or kind == NOT_ATTACHED:
            INTAKE_UPLOADS.forget(token)
            continue
        kept.append(StagedMaterial(token=token, name=staged.name, kind=kind))
    return kept


def _chosen(request) -> list[tuple[object, str]]:
    chosen = []
    for code in MATERIALS:
        chosen += [(upload, code) for upload in request.FILES.getlist(f"files_{code}")]
    uploads = request.FILES.getlist("files")
    kinds = request.POST.getlist("files_kind")
    if len(kinds) != len(uploads):  # never pair a file with another file's item: ask for each again
        kinds = [""] * len(uploads)
    chosen += list(zip(uploads, kinds))
    return chosen


def take_files(request) -> tuple[list[StagedMaterial], list[str]]:
    """Every file of the request kept in the staging area, and what was refused (one message per file)."""
    errors: list[str] = []
    kept = _kept(request, errors)
    for upload, kind in _chosen(request):
        if kind == NOT_ATTACHED:
            continue
        try:
            name, extension, _size, _sha256 = inspect_upload(upload)
        except InvalidInput as exc:
            reason = next(iter(exc.field_errors.get("file", [])), str(exc.message))
            errors.append(f"“{upload.name}”: {reason}")
            continue
        staged = INTAKE_UPLOADS.stage(actor=request.user, name=name, fmt=extension, content=upload.read())
        kept.append(StagedMaterial(token=staged.token, name=staged.name, kind=kind))
    return kept, errors


def materials_of(user, staged: list[StagedMaterial]) -> list[Material]:
    """The kept files as the intake service takes them (their bytes read back, unchanged since they were kept)."""
    return [Material(kind=item.kind, name=item.name,
                     content=INTAKE_UPLOADS.load(actor=user, token=item.token).content) for item in staged]


def forget(staged: list[StagedMaterial]) -> None:
    """Registered: the kept files are now documents of the application."""
    for item in staged:
        INTAKE_UPLOADS.forget(item.token)
