"""Exporting a staff list (R-6, R-38): answered at once when short, built by the worker when long.

The rows are the page's own rows for the user who asks (``Table.rows``: the page's selector and its refusal), so
an export never shows more than the page; every export leaves a staff-action row.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from housing.exceptions import InvalidInput
from housing.exports import files
from housing.exports.build import EXPORT_ACTION, SEARCH, action_data, summary, without_search
from housing.exports.jobs import build_export
from housing.exports.tables import Table, filters_from, get_table
from housing.exports.writers import write
from housing.models import ExportJob
from housing.office.log import record_action

FORMATS = ("csv", "xlsx")
# Pages and the filters' own machinery, never a filter of the rows.
NOT_FILTERS = ("page", "before", "csrfmiddlewaretoken", "table", "format")


def inline_limit() -> int:
    """Up to this many rows the file is answered at once; a longer list is built in the background."""
    return int(getattr(settings, "EXPORT_INLINE_MAX_ROWS", 5000))


@dataclass(frozen=True)
class Export:
    job: ExportJob
    content: bytes | None  # None: built in the background
    file_name: str


def file_name(table: Table, fmt: str) -> str:
    return f"{table.file_stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def table_or_refuse(name: str) -> Table:
    table = get_table(name)
    if table is None:
        raise InvalidInput(_("This list cannot be exported."))
    return table


def count(rows) -> int:
    return rows.count() if isinstance(rows, QuerySet) else len(rows)


def export_list(*, actor, table_name: str, fmt: str, params: dict) -> Export:
    """``params``: the page's filters, name -> list of values. Raises PermissionDenied for a user who cannot
    read the page, InvalidInput for an unknown list or format."""
    if fmt not in FORMATS:
        raise InvalidInput(_("Export as CSV or Excel."))
    table = table_or_refuse(table_name)
    params = {k: v for k, v in params.items() if k not in NOT_FILTERS}
    rows = table.rows(actor, filters_from(params))  # PermissionDenied, as on the page
    total = count(rows)
    job = ExportJob(requested_by=actor, table=table.name, format=fmt, params=params,
                    language=get_language() or settings.LANGUAGE_CODE, rows_total=total)
    if total > inline_limit():
        with transaction.atomic():
            job.background = True
            job.save()
            transaction.on_commit(lambda: build_export.delay(job.pk))
        return Export(job=job, content=None, file_name=file_name(table, fmt))
    out = io.BytesIO()
    written = write(table, rows, fmt, out)
    with transaction.atomic():
        now = timezone.now()
        job.status, job.rows_done, job.rows_total, job.finished_at = ExportJob.Status.DONE, written, written, now
        job.params = without_search(params)
        job.save()
        # who exported which list, with which filters.
        record_action(actor=actor, action=EXPORT_ACTION, obj=job, summary=summary(table, fmt, written),
                      article="R-6, R-38", data=action_data(job, searched=bool(params.get(SEARCH))))
    return Export(job=job, content=out.getvalue(), file_name=file_name(table, fmt))


def download(*, actor, job_id: int) -> tuple[ExportJob, str]:
    """The owner's finished file. Another staff member's export answers exactly like a missing one (404), and so
    does a file past its time."""
    job = ExportJob.objects.filter(pk=job_id, requested_by=actor, status=ExportJob.Status.DONE).first()
    if job is None or not job.file_name or (job.expires_at and job.expires_at <= timezone.now()):
        raise Http404("No such export")
    if not files.path_of(job.file_name).exists():
        raise Http404("No such export")
    table = get_table(job.table)
    return job, file_name(table, job.format) if table else f"export.{job.format}"
