"""R-13: the Economic Services Bureau's key-enterprise list file — its columns, the checks of its cells (no database)
and the django-import-export resource that writes the year's listings.

Each problem is named by the spreadsheet row (the header is row 1) and the column, as the stock import does.
"""

from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from housing.models import Employer, KeyEnterpriseListing
from housing.rules.identity import clean_credit_code
from housing.web.files import MAX_ROWS, iter_table

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    key: str
    zh: str  # the template's header
    en: str  # accepted too
    label: object


COLUMNS = (
    Column("name", "企业名称", "enterprise", _("enterprise")),
    Column("credit_code", "统一社会信用代码", "unified social credit code", _("unified social credit code")),
)
BY_KEY = {c.key: c for c in COLUMNS}


@dataclass(frozen=True)
class Problem:
    message: object
    row: int | None = None
    column: str | None = None

    def text(self) -> str:
        if self.row and self.column:
            return str(_("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row, "column": BY_KEY[self.column].label, "message": self.message})
        if self.row:
            return str(_("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message})
        return str(self.message)


@dataclass
class CheckedFile:
    rows: list[dict] = field(default_factory=list)  # {"row", "name", "credit_code"}
    problems: list[Problem] = field(default_factory=list)


def read_table(fmt: str, content: bytes) -> list[list]:
    return list(iter_table(fmt, content))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_key(cell) -> str | None:
    text = _text(cell)
    for column in COLUMNS:
        if text == column.zh or text.lower() in (column.en, column.key):
            return column.key
    return None


def check_table(table: list[list]) -> CheckedFile:
    """The header, then every row: a name, a valid credit code, each code once."""
    out = CheckedFile()
    if not table:
        out.problems.append(Problem(_("The file is empty: it has no header row.")))
        return out
    positions = {}
    for index, cell in enumerate(table[0]):
        key = _header_key(cell)
        if key is not None and key not in positions:
            positions[key] = index
    for column in COLUMNS:
        if column.key not in positions:
            out.problems.append(Problem(_("The header has no column “%(column)s” (“%(zh)s”).") % {
                "column": column.label, "zh": column.zh}))
    if out.problems:
        return out
    if len(table) - 1 > MAX_ROWS:
        out.problems.append(Problem(_("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS}))
        return out
    seen: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        values = {k: _text(cells[i]) if i < len(cells) else "" for k, i in positions.items()}
        if not any(values.values()):
            continue  # a blank line
        if not values["name"]:
            out.problems.append(Problem(_("Enter the enterprise's name."), number, "name"))
        try:
            code = clean_credit_code(values["credit_code"])
        except ValidationError as exc:
            out.problems.append(Problem(exc.messages[0], number, "credit_code"))
            continue
        if code in seen:
            out.problems.append(Problem(_("The same credit code is on row %(row)s already.") % {"row": seen[code]},
                                        number, "credit_code"))
            continue
        seen[code] = number
        out.rows.append({"row": number, "name": values["name"], "credit_code": code})
    if not out.rows and not out.problems:
        out.problems.append(Problem(_("The file lists no enterprise under its header.")))
    return out


def dataset_rows(rows: list[dict], year: int) -> tablib.Dataset:
    data = tablib.Dataset(headers=["credit_code", "year"])
    for r in rows:
        data.append([r["credit_code"], year])
    return data


class ListingResource(resources.ModelResource):
    """One listing per row: the employer by its credit code, the year of the list. A row already on the year's
    list is skipped (unchanged)."""

    employer = fields.Field(attribute="employer", column_name="credit_code",
                            widget=widgets.ForeignKeyWidget(Employer, field="credit_code"))
    year = fields.Field(attribute="year", column_name="year", widget=widgets.IntegerWidget())

    class Meta:
        model = KeyEnterpriseListing
        fields = ("employer", "year")
        import_id_fields = ("employer", "year")
        skip_unchanged = True
        report_skipped = True

    def __init__(self, *, actor=None):
        super().__init__()
        self.actor = actor

    def before_save_instance(self, instance, row, **kwargs):
        instance.source = KeyEnterpriseListing.Source.IMPORT
        if getattr(self.actor, "pk", None):
            instance.recorded_by = self.actor
