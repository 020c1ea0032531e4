"""R-16.8b, R-X.5: the stock file — its columns, how a file is read and checked, and the django-import-export
resource that writes the checked rows and exports the stock.

The checks here are plain functions over the cells of the file (no database): every problem is named by the
spreadsheet row (the header is row 1) and the column, so a clerk can find it in Excel. Comparisons with what
is already in the stock (a project's form) are made by the service, which reads the database.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.db import connections, router
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

from housing.groups import Form
from housing.models import Building, HousingProject, HousingUnit, UnitType
from housing.web.files import MAX_ROWS, iter_table

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
BATCH_SIZE = 500  # homes per INSERT / UPDATE statement of the import (bulk mode)


@dataclass(frozen=True)
class Column:
    key: str
    zh: str  # the template's header
    en: str  # accepted too
    label: object  # how an error message names the column (translated)
    required: bool = False
    imported: bool = True


COLUMNS = (
    Column("project", "项目", "project", _("project"), required=True),
    Column("address", "地址", "address", _("address")),
    Column("property_owner", "产权单位", "property owner", _("property owner"), required=True),
    Column("form", "保障形式", "form", _("form"), required=True),
    Column("building", "楼栋", "building", _("building"), required=True),
    Column("number", "房号", "unit number", _("unit number"), required=True),
    Column("unit_type", "户型", "unit type", _("unit type"), required=True),
    Column("area", "面积", "area", _("area"), required=True),
    Column("floor", "楼层", "floor", _("floor"), required=True),
    Column("monthly_rent", "月租金", "monthly rent", _("monthly rent")),
    Column("price", "售价", "price", _("price")),
    Column("market_rent", "市场租金", "market rent", _("market rent")),
    # Exported so the clerk sees it; ignored on import: a status changes only by selection and contract.
    Column("status", "状态", "status", _("status"), imported=False),
)
BY_KEY = {c.key: c for c in COLUMNS}
IMPORT_COLUMNS = tuple(c for c in COLUMNS if c.imported)

# The file carries the Chinese terms of the measures; machine values and English labels are accepted too.
FORM_TERMS = {Form.PUBLIC_RENTAL: "公共租赁住房", Form.ECONOMIC_HOUSING: "经济适用住房"}
FORM_ALIASES = {
    Form.PUBLIC_RENTAL: ("公共租赁住房", "公租房", "public_rental", "public rental", "public rental housing"),
    Form.ECONOMIC_HOUSING: ("经济适用住房", "经济适用房", "经适房", "economic_housing", "economic housing"),
}
UNIT_TYPE_TERMS = {UnitType.STUDIO: "单间", UnitType.ONE_BEDROOM: "一房一厅", UnitType.TWO_BEDROOM: "两房一厅",
                   UnitType.THREE_BEDROOM: "三房一厅"}
UNIT_TYPE_ALIASES = {
    UnitType.STUDIO: ("单间", "单身公寓", "studio"),
    UnitType.ONE_BEDROOM: ("一房一厅", "一房", "一居室", "one_bedroom", "one bedroom"),
    UnitType.TWO_BEDROOM: ("两房一厅", "两房", "二房一厅", "两居室", "two_bedroom", "two bedrooms", "two bedroom"),
    UnitType.THREE_BEDROOM: ("三房一厅", "三房", "三居室", "three_bedroom", "three bedrooms", "three bedroom"),
}
STATUS_TERMS = {HousingUnit.Status.AVAILABLE: "可分配", HousingUnit.Status.RESERVED: "已选定",
                HousingUnit.Status.LET: "已出租", HousingUnit.Status.SOLD: "已出售",
                HousingUnit.Status.UNDER_REPAIR: "维修中"}


def _lookup(aliases: dict) -> dict[str, str]:
    return {alias.lower(): value for value, names in aliases.items() for alias in names}


FORM_LOOKUP = _lookup(FORM_ALIASES)
UNIT_TYPE_LOOKUP = _lookup(UNIT_TYPE_ALIASES)

# max digits before the decimal point (the model's DecimalFields, decimal_places=2)
INTEGER_DIGITS = {"area": 5, "monthly_rent": 8, "price": 10, "market_rent": 8}


@dataclass(frozen=True)
class Problem:
    """One thing to fix: ``row`` is the spreadsheet row (header = 1), ``column`` a Column key."""

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
    rows: list[dict] = field(default_factory=list)  # clean values, each with "row" (its spreadsheet row)
    problems: list[Problem] = field(default_factory=list)


# --- reading -------------------------------------------------------------------------------------------------

def read_table(fmt: str, content: bytes) -> list[list]:
    """Every row of the first sheet (or of the CSV) as a list of cell values, read as a stream that stops past
    MAX_ROWS rows under the header (housing.web.files: UnreadableFile, TooManyRows)."""
    return list(iter_table(fmt, content))


def _header_key(cell) -> str | None:
    text = "" if cell is None else str(cell).strip()
    for bracket in ("（", "("):  # "面积（平方米）", "monthly rent (yuan)"
        text = text.split(bracket)[0].strip()
    lowered = text.lower()
    for column in COLUMNS:
        if text == column.zh or lowered == column.en or lowered == column.key:
            return column.key
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _decimal(value, key: str, problems: list, row: int, *, positive: bool = False):
    if isinstance(value, float):
        value = repr(value)
    text = _text(value).replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
        if not number.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        problems.append(Problem(_("“%(value)s” is not a number") % {"value": text}, row, key))
        return None
    if number < 0:
        problems.append(Problem(_("must not be negative"), row, key))
        return None
    if positive and number == 0:
        problems.append(Problem(_("must be greater than zero"), row, key))
        return None
    if number != number.quantize(Decimal("0.01")):
        problems.append(Problem(_("at most two decimal places"), row, key))
        return None
    if number >= 1 and number.adjusted() >= INTEGER_DIGITS[key]:
        problems.append(Problem(_("“%(value)s” is too large") % {"value": text}, row, key))
        return None
    return number.quantize(Decimal("0.01"))


def _floor(value, problems: list, row: int):
    text = _text(value)
    try:
        number = Decimal(text)
        if number != number.to_integral_value():
            raise InvalidOperation
    except InvalidOperation:
        problems.append(Problem(_("“%(value)s” is not a whole number") % {"value": text}, row, "floor"))
        return None
    if number < 1:
        problems.append(Problem(_("must be 1 or more"), row, "floor"))
        return None
    if number > 200:
        problems.append(Problem(_("“%(value)s” is too large") % {"value": text}, row, "floor"))
        return None
    return int(number)


def check_table(table: list[list]) -> CheckedFile:
    """Check a whole file: its header, then every row. Returns the clean rows and every problem found."""
    out = CheckedFile()
    if not table:
        out.problems.append(Problem(_("The file is empty: it has no header row.")))
        return out
    header, body = table[0], table[1:]
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if key is None:
            continue
        if key in positions:
            out.problems.append(Problem(_("The column “%(column)s” appears twice in the header.") % {
                "column": BY_KEY[key].label}))
        positions[key] = index
    missing = [c for c in IMPORT_COLUMNS if c.required and c.key not in positions]
    for column in missing:
        out.problems.append(Problem(_("The header has no column “%(column)s” (“%(zh)s”).") % {
            "column": column.label, "zh": column.zh}))
    if out.problems:
        return out
    if len(body) > MAX_ROWS:
        out.problems.append(Problem(_("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS}))
        return out
    seen: dict[tuple, int] = {}
    projects: dict[str, tuple[int, dict]] = {}
    for offset, cells in enumerate(body):
        number = offset + 2  # the spreadsheet row: the header is row 1
        raw = {key: (cells[i] if i < len(cells) else None) for key, i in positions.items()}
        if all(_blank(v) for k, v in raw.items() if BY_KEY[k].imported):
            continue  # an empty line is not a home
        row = _check_row(raw, number, out.problems)
        if row is None:
            continue
        key = (row["project"], row["building"], row["number"])
        if key in seen:
            out.problems.append(Problem(_("the same home (%(project)s %(building)s %(number)s) is already on row "
                                          "%(first)s") % {"project": key[0], "building": key[1], "number": key[2],
                                                          "first": seen[key]}, number, "number"))
            continue
        seen[key] = number
        first = projects.setdefault(row["project"], (number, row))
        for attr in ("form", "property_owner", "address"):
            if first[1][attr] != row[attr]:
                out.problems.append(Problem(_("differs from row %(first)s for the same project") % {
                    "first": first[0]}, number, attr))
        out.rows.append(row)
    if not out.rows and not out.problems:
        out.problems.append(Problem(_("The file has a header but no homes.")))
    return out


def _check_row(raw: dict, number: int, problems: list) -> dict | None:
    before = len(problems)
    row = {"row": number}
    for column in IMPORT_COLUMNS:
        value = raw.get(column.key)
        if _blank(value):
            if column.required:
                problems.append(Problem(_("a value is required"), number, column.key))
            row[column.key] = "" if column.key in ("address",) else None
            continue
        if column.key == "form":
            row["form"] = FORM_LOOKUP.get(_text(value).lower())
            if row["form"] is None:
                problems.append(Problem(_("“%(value)s” is not a known form; use 公共租赁住房 or 经济适用住房") % {
                    "value": _text(value)}, number, "form"))
        elif column.key == "unit_type":
            row["unit_type"] = UNIT_TYPE_LOOKUP.get(_text(value).lower())
            if row["unit_type"] is None:
                problems.append(Problem(_("“%(value)s” is not a known unit type; use one of %(terms)s") % {
                    "value": _text(value), "terms": "、".join(UNIT_TYPE_TERMS.values())}, number, "unit_type"))
        elif column.key in INTEGER_DIGITS:
            row[column.key] = _decimal(value, column.key, problems, number, positive=column.key == "area")
        elif column.key == "floor":
            row["floor"] = _floor(value, problems, number)
        else:
            text = _text(value)
            limit = {"project": 120, "address": 200, "property_owner": 200, "building": 60, "number": 20}[column.key]
            if len(text) > limit:
                problems.append(Problem(_("longer than %(max)s characters") % {"max": limit}, number, column.key))
            row[column.key] = text
    # R-16.8b: a rental home has a rent, a home for sale a price.
    if row.get("form") == Form.PUBLIC_RENTAL and row.get("monthly_rent") is None and _blank(raw.get("monthly_rent")):
        problems.append(Problem(_("a public-rental home needs its monthly rent (Art. 16(8))"), number, "monthly_rent"))
    if row.get("form") == Form.ECONOMIC_HOUSING and row.get("price") is None and _blank(raw.get("price")):
        problems.append(Problem(_("an economic-housing home needs its price (Art. 16(8))"), number, "price"))
    return row if len(problems) == before else None


# --- the resource ----------------------------------------------------------------------------------------------

class StockResource(resources.ModelResource):
    """One row per home. Export: the template's columns plus the status. Import: rows already checked by
    ``check_table``, keyed by the column keys; projects and buildings are resolved (and created) in
    ``before_import``; an existing home (project, building, number) is updated, never its status.

    Bulk mode (``use_bulk``): the rows are compared and validated one by one as before, but the new homes are
    written with ``bulk_create`` and the changed ones by ``bulk_update`` below, in batches of ``BATCH_SIZE`` —
    a few round trips instead of one per home (decision 0015; docs/benchmarks.md, "Stock import")."""

    project = fields.Field(column_name="项目", readonly=True)
    address = fields.Field(column_name="地址", readonly=True)
    property_owner = fields.Field(column_name="产权单位", readonly=True)
    form = fields.Field(column_name="保障形式", readonly=True)
    building_name = fields.Field(column_name="楼栋", readonly=True)
    number = fields.Field(attribute="number", column_name="房号", widget=widgets.CharWidget())
    unit_type = fields.Field(attribute="unit_type", column_name="户型", widget=widgets.CharWidget())
    area = fields.Field(attribute="area", column_name="面积", widget=widgets.DecimalWidget())
    floor = fields.Field(attribute="floor", column_name="楼层", widget=widgets.IntegerWidget())
    monthly_rent = fields.Field(attribute="monthly_rent", column_name="月租金", widget=widgets.DecimalWidget(),
                                saves_null_values=True)
    price = fields.Field(attribute="price", column_name="售价", widget=widgets.DecimalWidget(), saves_null_values=True)
    market_rent = fields.Field(attribute="market_rent", column_name="市场租金", widget=widgets.DecimalWidget(),
                               saves_null_values=True)
    status = fields.Field(column_name="状态", readonly=True)

    CHANGEABLE = ("unit_type", "area", "floor", "monthly_rent", "price", "market_rent")

    class Meta:
        model = HousingUnit
        fields = ("project", "address", "property_owner", "form", "building_name", "number", "unit_type", "area",
                  "floor", "monthly_rent", "price", "market_rent", "status")
        import_id_fields = ("number",)
        skip_diff = True  # skip_row below compares against a snapshot; no HTML diff of 5,000 rows
        use_transactions = True
        use_bulk = True
        batch_size = BATCH_SIZE

    def __init__(self, *, actor=None):
        super().__init__()
        self.actor = actor
        self.created_projects: list[str] = []
        self.created_buildings: list[str] = []
        self.updated_projects: list[str] = []
        self.projects: dict[str, HousingProject] = {}
        # (row number in the dataset, import type, changed fields, the home): the home's id is read after the
        # import, as a bulk-created home has none until its batch is written
        self.outcomes: list[tuple] = []
        self._changes: list[str] = []
        self._home = None

    # export ------------------------------------------------------------------------------------------------
    def dehydrate_project(self, unit):
        return unit.building.project.name

    def dehydrate_address(self, unit):
        return unit.building.project.address

    def dehydrate_property_owner(self, unit):
        return unit.building.project.property_owner

    def dehydrate_form(self, unit):
        return FORM_TERMS.get(unit.building.project.form, unit.building.project.form)

    def dehydrate_building_name(self, unit):
        return unit.building.name

    def dehydrate_unit_type(self, unit):
        return UNIT_TYPE_TERMS.get(unit.unit_type, unit.unit_type)

    def dehydrate_status(self, unit):
        return STATUS_TERMS.get(unit.status, unit.status)

    def _money(self, value):
        return "" if value is None else f"{value:.2f}"

    def dehydrate_area(self, unit):
        return self._money(unit.area)

    def dehydrate_monthly_rent(self, unit):
        return self._money(unit.monthly_rent)

    def dehydrate_price(self, unit):
        return self._money(unit.price)

    def dehydrate_market_rent(self, unit):
        return self._money(unit.market_rent)

    # import ------------------------------------------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        """Resolve every project and building of the file once; load the homes that already exist."""
        rows = dataset.dict
        names = {r["项目"] for r in rows}
        projects = {p.name: p for p in HousingProject.objects.filter(name__in=names)}
        for r in rows:
            name = r["项目"]
            wanted = {"address": r["地址"], "property_owner": r["产权单位"], "form": r["保障形式"]}
            project = projects.get(name)
            if project is None:
                project = HousingProject(name=name, **wanted)
                project.full_clean()
                project.save()
                projects[name] = project
                self.created_projects.append(name)
            elif (project.address, project.property_owner) != (wanted["address"], wanted["property_owner"]) \
                    and name not in self.created_projects and name not in self.updated_projects:
                project.address, project.property_owner = wanted["address"], wanted["property_owner"]
                project.full_clean()
                project.save(update_fields=["address", "property_owner"])
                self.updated_projects.append(name)
        buildings = {(b.project.name, b.name): b for b in
                     Building.objects.filter(project__in=projects.values()).select_related("project")}
        for r in rows:
            key = (r["项目"], r["楼栋"])
            if key not in buildings:
                building = Building(project=projects[key[0]], name=key[1])
                building.full_clean()
                building.save()
                buildings[key] = building
                self.created_buildings.append(f"{key[0]} {key[1]}")
        self.projects = projects
        self._buildings = buildings
        self._homes = {(u.building.project.name, u.building.name, u.number): u for u in
                       HousingUnit.objects.filter(building__in=buildings.values()).select_related("building__project")}

    def _key(self, row):
        return (row["项目"], row["楼栋"], row["房号"])

    def get_instance(self, instance_loader, row):
        return self._homes.get(self._key(row))

    def init_instance(self, row=None):
        return HousingUnit(building=self._buildings[(row["项目"], row["楼栋"])])

    def after_init_instance(self, instance, new, row, **kwargs):
        self._snapshot = None if new else {a: getattr(instance, a) for a in self.CHANGEABLE}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        self._changes = [] if self._snapshot is None else [
            a for a in self.CHANGEABLE if getattr(instance, a) != self._snapshot[a]]
        if import_validation_errors or self._snapshot is None:
            return False
        return not self._changes

    def after_import_row(self, row, row_result, **kwargs):
        self.outcomes.append((kwargs.get("row_number"), row_result.import_type, list(self._changes),
                              self._home))
        self._changes, self._home = [], None

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        self._home = instance
        return instance, new

    def before_save_instance(self, instance, row, **kwargs):
        # Uniqueness of (building, number) was checked on the whole file and against the stock in before_import;
        # validating it again here would cost a query per row. So would checking that the building exists (the
        # ForeignKey's own validation): before_import has just read or created it in this transaction.
        instance.full_clean(exclude=["status", "building"], validate_unique=False, validate_constraints=False)
        if instance.pk:
            instance.version += 1  # R-16.e: a page showing the old figures can no longer act on the home

    def get_bulk_update_fields(self):
        # The import changes these and nothing else; never the status (R-16.8b), always the version (R-16.e).
        return [*self.CHANGEABLE, "version"]

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Write a batch of changed homes: one parameterised UPDATE per home, sent with ``executemany`` (psycopg 3
        pipelines them: one round trip per batch). Django's ``bulk_update`` builds a CASE expression per field
        and home, which costs more Python time than the round trips it saves (docs/benchmarks.md)."""
        if not self.update_instances or (dry_run and not using_transactions):
            return
        try:
            write_homes(self.update_instances, self.get_bulk_update_fields())
        except Exception as e:
            self.handle_import_error(result, e, raise_errors)
        finally:
            self.update_instances.clear()

    def after_import(self, dataset, result, **kwargs):
        """Every home of the file has its id now (the last batch is written before this hook)."""
        if any(home.pk is None for _n, kind, _c, home in self.outcomes if kind == RowResult.IMPORT_TYPE_NEW):
            # a database that does not return the ids of a bulk insert: read them, one query
            ids = {(u.building_id, u.number): u.pk for u in
                   HousingUnit.objects.filter(building__in=self._buildings.values()).only("id", "building", "number")}
            for _n, _kind, _c, home in self.outcomes:
                if home is not None and home.pk is None:
                    home.pk = ids.get((home.building_id, home.number))


def write_homes(homes: list, names: list[str]) -> None:
    """UPDATE the given fields of these saved homes (by primary key), nothing else — never the status."""
    model = HousingUnit
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in names]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(model._meta.db_table), ", ".join(f"{quote(f.column)} = %s" for f in columns),
        quote(model._meta.pk.column))
    params = [[f.get_db_prep_save(getattr(home, f.attname), connection) for f in columns] + [home.pk]
              for home in homes]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def dataset_rows(rows: list[dict]):
    """The checked rows as the resource reads them (its Chinese column names)."""
    data = tablib.Dataset(headers=[BY_KEY[k].zh for k in (
        "project", "address", "property_owner", "form", "building", "number", "unit_type", "area", "floor",
        "monthly_rent", "price", "market_rent")])
    for r in rows:
        data.append([r["project"], r["address"] or "", r["property_owner"], r["form"], r["building"], r["number"],
                     r["unit_type"], r["area"], r["floor"], r["monthly_rent"], r["price"], r["market_rent"]])
    return data
