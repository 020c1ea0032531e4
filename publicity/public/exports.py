"""Downloads of a published list as CSV and XLSX (R-16.4a, R-16.7): the masked rows, nothing more."""

import tablib
from django.utils.translation import gettext as _

from publicity.public.selectors import NoticeSummary, PublicEntry

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A cell starting with one of these is read as a formula by spreadsheet programs (CSV injection), also after
# leading blanks, which spreadsheet programs skip. The one guard of every file the portal writes: the public lists,
# the bank file, the stock and every staff list (housing.exports, docs/decisions/0037-exports.md).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A spreadsheet cell that a spreadsheet program will not run as a formula; None as empty."""
    if isinstance(value, str) and (value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START)):
        return "'" + value
    return "" if value is None else value


def _sheet_title(notice: NoticeSummary) -> str:
    # A worksheet title has at most 31 characters and none of [ ] : * ? / or backslash.
    title = f"{notice.round_name} {notice.short_group}"
    return "".join(c for c in title if c not in "[]:*?/\\")[:31] or "list"


def dataset(notice: NoticeSummary, entries: list[PublicEntry]) -> tablib.Dataset:
    headers = [_("Rank"), _("Application number"), _("Name (masked)"), _("ID number (masked)"), _("Applicant group")]
    if notice.is_talent:
        headers.append(_("Employer"))
    headers += [_("Household size"), _("Form of guarantee")]
    data = tablib.Dataset(headers=headers, title=_sheet_title(notice))
    for e in entries:
        row = [e.rank, e.number, e.name, e.id_number, str(e.group_label)]
        if notice.is_talent:
            row.append(e.employer)
        row += [e.household_size, str(e.form_label)]
        data.append([safe_cell(v) for v in row])
    return data


def export(notice: NoticeSummary, entries: list[PublicEntry], fmt: str) -> bytes:
    data = dataset(notice, entries)
    if fmt == "csv":
        # With a byte-order mark, spreadsheet programs read the Chinese text as UTF-8.
        return ("\ufeff" + data.export("csv")).encode("utf-8")
    return data.export("xlsx")
