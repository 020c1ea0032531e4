"""Building one export in the background (R-6, R-38): the worker rereads the list for its requester, in the
requester's scope and language, writes the file in chunks and reports its progress on the job's row.

Idempotent: a job already finished is left alone; a job interrupted (a lost worker, a retried database error) is
built again from the first row into a new file, and only the finished file is offered.
"""

import os

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from housing.exports import files
from housing.exports.tables import filters_from, get_table
from housing.exports.writers import write
from housing.models import ExportJob
from housing.office.log import record_action

Status = ExportJob.Status
EXPORT_ACTION = "export_list"


def summary(table, fmt: str, rows: int) -> str:
    return _("%(list)s exported as %(format)s: %(rows)d rows") % {
        "list": table.title, "format": dict(ExportJob.Format.choices)[fmt], "rows": rows}


SEARCH = "q"  # the applications' search term: a name or an ID number (docs/decisions/0024)


def without_search(params: dict) -> dict:
    """The filters as chosen, without a search term, which is kept no longer than the export takes."""
    return {k: v for k, v in params.items() if k not in (SEARCH, "s")}


def action_data(job: ExportJob, *, searched: bool) -> dict:
    return {"list": job.table, "format": job.format, "rows": job.rows_total, "filters": without_search(job.params),
            "searched": searched, "background": job.background}


def _claim(job_id: int) -> ExportJob | None:
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in (Status.QUEUED, Status.RUNNING):
            return None
        job.status, job.rows_done = Status.RUNNING, 0
        job.save(update_fields=["status", "rows_done"])
        return job


def build_export(job_id: int) -> str:
    job = _claim(job_id)
    if job is None:
        return "nothing to do"
    user = get_user_model().objects.get(pk=job.requested_by_id)
    table = get_table(job.table)
    with translation.override(job.language):
        try:
            if table is None:
                raise PermissionDenied
            rows = table.rows(user, filters_from(job.params))
        except PermissionDenied:
            # The requester's unit or role changed since: the list is no longer theirs to read.
            ExportJob.objects.filter(pk=job.pk).update(status=Status.FAILED, finished_at=timezone.now(),
                                                       error=_("You may no longer read this list."))
            return "refused"
        name = files.new_name(job.format)
        path = files.path_of(name)

        def progress(done: int) -> None:
            ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

        try:
            with open(path, "wb") as out:
                written = write(table, rows, job.format, out, progress)
        except BaseException:
            files.remove(name)
            raise
        with transaction.atomic():
            locked = ExportJob.objects.select_for_update().get(pk=job.pk)
            if locked.status != Status.RUNNING:  # finished meanwhile by another attempt
                files.remove(name)
                return "already done"
            now = timezone.now()
            locked.status, locked.rows_done, locked.rows_total = Status.DONE, written, written
            locked.file_name, locked.finished_at, locked.expires_at = name, now, now + files.lifetime()
            searched = bool(locked.params.get(SEARCH))
            locked.params = without_search(locked.params)
            locked.save(update_fields=["status", "rows_done", "rows_total", "file_name", "finished_at", "expires_at",
                                       "params"])
            # who exported which list, with which filters.
            record_action(actor=user, action=EXPORT_ACTION, obj=locked, summary=summary(table, job.format, written),
                          article="R-6, R-38", data=action_data(locked, searched=searched))
    return "done"


def purge_expired_exports(now=None) -> int:
    """Delete the files of exports past their time (safe to run at any time); the rows stay, as the log's record."""
    now = now or timezone.now()
    purged = 0
    for job in ExportJob.objects.filter(status=Status.DONE, expires_at__lte=now).only("pk", "file_name"):
        files.remove(job.file_name)
        purged += ExportJob.objects.filter(pk=job.pk, status=Status.DONE).update(status=Status.EXPIRED, file_name="")
    return purged


def exists(job: ExportJob) -> bool:
    return bool(job.file_name) and os.path.exists(files.path_of(job.file_name))
