"""The export control's target, the "my exports" page and the download of a finished file (R-6, R-38)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from housing.exceptions import ApplicationError, NotPermitted
from housing.exports import files, services
from housing.exports.selectors import exports_of
from housing.exports.writers import CONTENT_TYPES
from housing.models import ExportJob


def _filters(request, table) -> dict:
    params = {key: values for key, values in request.POST.lists()}
    return table.prepare(request, params) if table.prepare else params


@require_POST
def export_start(request):
    """The list's filters come as the page had them (templates/housing/exports/_control.html)."""
    name, fmt = request.POST.get("table", ""), request.POST.get("format", "")
    try:
        table = services.table_or_refuse(name)
        export = services.export_list(actor=request.user, table_name=table.name, fmt=fmt,
                                      params=_filters(request, table))
    except NotPermitted:
        raise PermissionDenied
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("housing:my_exports")
    if export.content is None:
        messages.info(request, _("The list has %(rows)d rows: it is being prepared. It will be offered here "
                                 "when ready.") % {"rows": export.job.rows_total})
        return redirect("housing:my_exports")
    response = HttpResponse(export.content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
    return response


@require_GET
def my_exports(request):
    jobs = list(exports_of(request.user))
    pending = any(j.status in (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING) for j in jobs)
    for job in jobs:
        table = services.get_table(job.table)
        job.title = table.title if table else job.table
        job.downloadable = job.background and job.status == ExportJob.Status.DONE and bool(job.file_name)
    return render(request, "housing/exports/my_exports.html", {
        "jobs": jobs, "pending": pending, "hours": int(files.lifetime().total_seconds() // 3600)})


@require_GET
def export_download(request, pk: int):
    job, name = services.download(actor=request.user, job_id=pk)
    return FileResponse(open(files.path_of(job.file_name), "rb"), as_attachment=True, filename=name,
                        content_type=CONTENT_TYPES[job.format])
