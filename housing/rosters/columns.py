"""The roster file (docs/decisions/0033-employer-rosters.md): one row per person, grouped into households by the
household column; the household's own facts (form of guarantee, contact, title, degree) on the applicant's row.

Plain functions over the cells (no database): every problem is named by the spreadsheet row (the header is row 1)
and the column, so the employer finds it in Excel. The rules that read the database (bans, give-ups, the round)
are intake's, applied by housing.rosters.services.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from housing.groups import ALLOWED_FORMS, Form
from housing.models import HouseholdMember, Relation
from housing.rules.identity import clean_id_number


@dataclass(frozen=True)
class Column:
    key: str
    zh: str  # the template's header
    en: str  # accepted too, and the English template's header
    label: object  # how a message names the column (translated)
    required: bool = False
    applicant_only: bool = False  # a fact of the household, read on the applicant's row


COLUMNS = (
    Column("household", "户号", "household", _("household"), required=True),
    Column("relation", "与申请人关系", "relation", _("relation to the applicant"), required=True),
    Column("name", "姓名", "name", _("full name"), required=True),
    Column("id_number", "身份证号码", "id number", _("ID number"), required=True),
    Column("applying", "是否共同申请", "co-applicant", _("co-applicant")),
    Column("marital_status", "婚姻状况", "marital status", _("marital status")),
    Column("hukou", "户籍", "hukou", _("hukou")),
    Column("hukou_since", "户籍迁入深圳日期", "hukou since", _("hukou entered Shenzhen on")),
    Column("social_insurance_months", "社保月数", "social insurance months", _("months of social insurance")),
    Column("owns_housing", "名下有住房", "owns housing", _("owns housing")),
    Column("form", "保障形式", "form", _("form of guarantee"), applicant_only=True),
    Column("contact_phone", "联系电话", "contact phone", _("contact phone"), applicant_only=True),
    Column("talent_title", "职称", "title", _("professional title"), applicant_only=True),
    Column("talent_degree", "学历学位", "degree", _("degree"), applicant_only=True),
    Column("degree_full_time", "全日制", "full-time", _("degree from full-time study"), applicant_only=True),
)
BY_KEY = {c.key: c for c in COLUMNS}

# The file carries the Chinese terms; the English labels and the machine values are accepted too.
RELATION_TERMS = {Relation.APPLICANT: "申请人", Relation.SPOUSE: "配偶", Relation.CHILD: "子女",
                  Relation.PARENT: "父母", Relation.SIBLING: "兄弟姐妹", Relation.GRANDPARENT: "祖父母",
                  Relation.GRANDCHILD: "孙子女", Relation.OTHER: "其他"}
FORM_TERMS = {Form.PUBLIC_RENTAL: "公共租赁住房", Form.SUBSIDY: "货币补贴", Form.ECONOMIC_HOUSING: "经济适用住房"}
MARITAL_TERMS = {"single": "未婚", "married": "已婚", "divorced": "离异", "widowed": "丧偶"}
HUKOU_TERMS = {"longhua": "龙华区", "shenzhen": "深圳市其他区", "elsewhere": "深圳市外"}
TITLE_TERMS = {"full_senior": "正高级", "deputy_senior": "副高级"}
DEGREE_TERMS = {"doctorate": "博士", "master": "硕士", "bachelor": "学士"}
YES, NO = ("是", "yes", "y", "true", "1"), ("否", "no", "n", "false", "0")


def _lookup(terms: dict, labels: dict, *extra: tuple[str, str]) -> dict[str, str]:
    out = {}
    for value, zh in terms.items():
        out[zh.lower()] = value
        out[str(value).lower()] = value
        out[str(labels.get(value, value)).lower()] = value
    out.update({alias.lower(): value for alias, value in extra})
    return out


LOOKUPS = {
    "relation": _lookup(RELATION_TERMS, {r.value: r.label for r in Relation}, ("本人", Relation.APPLICANT)),
    "form": _lookup(FORM_TERMS, {f.value: f.label for f in Form}, ("公租房", Form.PUBLIC_RENTAL),
                    ("住房补贴", Form.SUBSIDY), ("public rental", Form.PUBLIC_RENTAL), ("subsidy", Form.SUBSIDY)),
    "marital_status": _lookup(MARITAL_TERMS, {m.value: m.label for m in HouseholdMember.Marital}),
    "hukou": _lookup(HUKOU_TERMS, {h.value: h.label for h in HouseholdMember.Hukou}),
    "talent_title": _lookup(TITLE_TERMS, {}, ("正高", "full_senior"), ("副高", "deputy_senior")),
    "talent_degree": _lookup(DEGREE_TERMS, {}, ("博士研究生", "doctorate"), ("硕士研究生", "master"),
                             ("本科", "bachelor"), ("doctor", "doctorate")),
}
TERMS = {"relation": RELATION_TERMS, "form": FORM_TERMS, "marital_status": MARITAL_TERMS, "hukou": HUKOU_TERMS,
         "talent_title": TITLE_TERMS, "talent_degree": DEGREE_TERMS}


@dataclass(frozen=True)
class Problem:
    """One thing to fix: ``row`` the spreadsheet row (header = 1), ``column`` a Column key."""

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
class Household:
    key: str
    rows: list[int] = field(default_factory=list)  # the spreadsheet row of each member, in member order
    members: list[dict] = field(default_factory=list)  # intake's member dicts
    facts: dict = field(default_factory=dict)  # intake's facts (contact_phone, talent_title, ...)
    form: str = ""

    @property
    def applicant_index(self) -> int:
        return next(i for i, m in enumerate(self.members) if m["relation"] == Relation.APPLICANT)

    @property
    def applicant(self) -> dict:
        return self.members[self.applicant_index]


@dataclass
class CheckedRoster:
    households: list[Household] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def persons(self) -> int:
        return sum(len(h.members) for h in self.households)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return str(value).strip()


def _header_key(cell) -> str | None:
    text = "" if cell is None else str(cell).strip()
    for bracket in ("（", "("):
        text = text.split(bracket)[0].strip()
    lowered = text.lower()
    for column in COLUMNS:
        if text == column.zh or lowered == column.en or lowered == column.key:
            return column.key
    return None


def _choice(key: str, value, problems, row):
    found = LOOKUPS[key].get(_text(value).lower())
    if found is None:
        problems.append(Problem(_("“%(value)s” is not one of %(terms)s") % {
            "value": _text(value)[:40], "terms": "、".join(TERMS[key].values())}, row, key))
    return found


def _yes_no(key: str, value, problems, row):
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    problems.append(Problem(_("write 是 or 否"), row, key))
    return None


def _date(key: str, value, problems, row):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value).replace("/", "-").replace(".", "-")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(_("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": _text(value)[:40]},
                                row, key))
        return None


def _whole(key: str, value, problems, row):
    text = _text(value)
    if not text.isdigit() or int(text) > 1200:
        problems.append(Problem(_("“%(value)s” is not a whole number of months") % {"value": text[:40]}, row, key))
        return None
    return int(text)


LIMITS = {"household": 30, "name": 100, "contact_phone": 20}


def _check_person(raw: dict, number: int, problems: list) -> tuple[dict, dict] | None:
    """The member dict and the household facts of one row; None when a cell is wrong (its problem added)."""
    before = len(problems)
    member: dict = {"applying": True}
    facts: dict = {}
    for column in COLUMNS:
        value = raw.get(column.key)
        if _blank(value):
            if column.required:
                problems.append(Problem(_("a value is required"), number, column.key))
            continue
        key = column.key
        if key in LIMITS and len(_text(value)) > LIMITS[key]:
            problems.append(Problem(_("longer than %(max)s characters") % {"max": LIMITS[key]}, number, key))
        elif key == "household":
            member["_household"] = _text(value)
        elif key == "id_number":
            try:
                member["id_number"] = clean_id_number(_text(value))
            except ValidationError as exc:
                problems.append(Problem(exc.messages[0], number, key))
        elif key in ("relation", "marital_status", "hukou"):
            member[key] = _choice(key, value, problems, number)
        elif key in ("talent_title", "talent_degree", "form"):
            facts[key] = _choice(key, value, problems, number)
        elif key in ("applying", "owns_housing"):
            member[key] = _yes_no(key, value, problems, number)
        elif key == "degree_full_time":
            facts[key] = _yes_no(key, value, problems, number)
        elif key == "hukou_since":
            member[key] = _date(key, value, problems, number)
        elif key == "social_insurance_months":
            member[key] = _whole(key, value, problems, number)
        elif key == "name":
            member["name"] = _text(value)
        elif key == "contact_phone":
            facts[key] = _text(value)
    if len(problems) != before:
        return None
    if member.get("relation") != Relation.APPLICANT:
        for key, value in facts.items():
            if value not in (None, ""):
                problems.append(Problem(_("only on the applicant's row"), number, key))
        if len(problems) != before:
            return None
    return member, facts


def check_table(table: list[list], *, group: str) -> CheckedRoster:
    """Check a whole file: its header, every row, every household. ``group``: the employer's talent group, whose
    forms of guarantee the households may ask for (SPEC §3)."""
    out = CheckedRoster()
    if not table:
        out.problems.append(Problem(_("The file is empty: it has no header row.")))
        return out
    positions: dict[str, int] = {}
    for index, cell in enumerate(table[0]):
        key = _header_key(cell)
        if key is None:
            continue
        if key in positions:
            out.problems.append(Problem(_("The column “%(column)s” appears twice in the header.") % {
                "column": BY_KEY[key].label}))
        positions[key] = index
    for column in COLUMNS:
        if (column.required or column.key == "form") and column.key not in positions:
            out.problems.append(Problem(_("The header has no column “%(column)s” (“%(zh)s”).") % {
                "column": column.label, "zh": column.zh}))
    if out.problems:
        return out
    households: dict[str, Household] = {}
    broken: set[str] = set()  # households with a refused row: their own checks would only repeat it
    seen_ids: dict[str, int] = {}
    for offset, cells in enumerate(table[1:]):
        number = offset + 2
        raw = {key: (cells[i] if i < len(cells) else None) for key, i in positions.items()}
        if all(_blank(v) for v in raw.values()):
            continue  # an empty line is nobody
        checked = _check_person(raw, number, out.problems)
        if checked is None:
            broken.add(_text(raw["household"]) if not _blank(raw["household"]) else "")
            continue
        member, facts = checked
        # one person, one application: the same ID twice in a roster is refused wherever it stands.
        first = seen_ids.get(member["id_number"])
        if first is not None:
            out.problems.append(Problem(_("this ID number is already on row %(first)s") % {"first": first},
                                        number, "id_number"))
            broken.add(member["_household"])
            continue
        seen_ids[member["id_number"]] = number
        household = households.setdefault(member.pop("_household"), Household(key=""))
        household.key = household.key or _text(raw["household"])
        household.rows.append(number)
        household.members.append(member)
        if member["relation"] == Relation.APPLICANT:
            household.facts = {k: v for k, v in facts.items() if v not in (None, "")}
    for key, household in households.items():
        if key in broken:
            continue
        applicants = [i for i, m in enumerate(household.members) if m["relation"] == Relation.APPLICANT]
        if len(applicants) != 1:
            out.problems.append(Problem(
                _("household “%(key)s” must have exactly one applicant (it has %(count)s)") % {
                    "key": household.key, "count": len(applicants)}, household.rows[0], "relation"))
            continue
        row = household.rows[applicants[0]]
        household.form = household.facts.pop("form", "") or ""
        if not household.form:
            out.problems.append(Problem(_("a value is required on the applicant's row"), row, "form"))
            continue
        if household.form not in ALLOWED_FORMS[group]:
            # SPEC §3: the talent groups receive public rental housing or a subsidy, one form per household.
            out.problems.append(Problem(_("this group may not receive %(form)s (Art. 4)") % {
                "form": Form(household.form).label}, row, "form"))
            continue
        out.households.append(household)
    if not out.households and not out.problems:
        out.problems.append(Problem(_("The file has a header but no households.")))
    return out
