"""Test set-up: the files of an application's checklist items, as handed in at the counter with the application.

The formal review may pass only an item that has a file (R-39.3, decision 0044). Tests that only need an
application past its formal review get one small PDF per item here, written as the intake service writes a
document, without the history rows of the upload (which the tests of intake and of uploads assert themselves).
"""

import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from housing.models import Document

TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def hand_in(application, kinds, *, actor) -> list[Document]:
    """One PDF for each of ``kinds`` that has no document yet."""
    have = set(application.documents.values_list("kind", flat=True))
    documents = []
    for kind in kinds:
        if kind in have:
            continue
        document = Document(application=application, kind=kind, original_name=f"{kind}.pdf", extension="pdf",
                            size=len(TINY_PDF), sha256=hashlib.sha256(TINY_PDF).hexdigest(), uploaded_by=actor, uploaded_at=timezone.now())
        document.file.save(f"{kind}.pdf", ContentFile(TINY_PDF), save=False)
        document.save()
        documents.append(document)
    return documents
