"""Materials of an application (R-16.2, R-39.3): handing one in, and reading one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from departments.permissions import can_edit_materials
from housing.audit.reads import Kind, record_read
from housing.cases.checklists import MATERIALS
from housing.review.forms.documents import DocumentUploadForm
from housing.models import Document
from housing.cases.selectors import get_application_for_user_or_404
from housing.cases import documents as documents_service
from housing.web.errors import run_service


@require_http_methods(["GET", "POST"])
def upload_document(request, number):
    application = get_application_for_user_or_404(request.user, number)
    if not can_edit_materials(request.user, application):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = DocumentUploadForm(request.POST, request.FILES, group=application.group)
        status = 400
        if form.is_valid():
            document, status = run_service(form, lambda: documents_service.upload_document(
                actor=request.user, application=application, kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
            ))
            if document is not None:
                messages.success(request, _("“%(name)s” was added to %(number)s as: %(kind)s.") % {
                    "name": document.original_name, "number": application.number, "kind": MATERIALS[document.kind]})
                if "another" in request.POST:
                    return redirect("housing:upload_document", application.number)
                return redirect("housing:application_detail", application.number)
    else:
        form = DocumentUploadForm(group=application.group)
    documents = [{"document": d, "label": MATERIALS.get(d.kind, d.kind)}
                 for d in application.documents.select_related("uploaded_by")]
    context = {"application": application, "form": form, "documents": documents}
    return render(request, "housing/document_upload.html", context, status=status)


@require_safe
def document_download(request, number, pk):
    """Only for staff who may see the application (R-X.2); anyone else gets the same 404 as for a missing one."""
    application = get_application_for_user_or_404(request.user, number)
    document = get_object_or_404(Document, pk=pk, application=application)
    if not document.file:  # R-X.2: deleted at the end of its retention period (housing.retention)
        raise Http404("The file was deleted at the end of its retention period")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing")
    # a read of personal data (docs/decisions/0042)
    record_read(request=request, kind=Kind.DOCUMENT, application_number=application.number,
                detail=MATERIALS.get(document.kind, document.kind))
    response = FileResponse(handle, as_attachment=True,
                            filename=document.original_name or f"{application.number}-{document.kind}.{document.extension}")
    response["Cache-Control"] = "private, no-store"
    return response
