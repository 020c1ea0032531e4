"""Employer accounts and rosters, made the way the talent unit and the employer make them (housing.rosters).

``employer_account(Group.INSTITUTION_TALENT)`` opens an account through the unit's service;
``roster_table(30)`` is a roster file of 30 households (applicant and spouse) as rows of cells, Chinese headers;
``as_xlsx(table)`` / ``as_csv(table)`` its bytes; ``submitted_roster(account, round_, 5)`` a roster submitted
through upload and confirmation.
"""

import csv
import datetime
import io
import itertools

import openpyxl

from housing.groups import Group, RESPONSIBLE_UNIT
from housing.rosters.columns import COLUMNS
from housing.rosters.services.accounts import create_employer_account
from housing.rosters.services.submission import preview_roster, stage_roster_file, submit_roster
from tests.factories.applications import EMPLOYER_KIND, _name
from tests.factories.identity import make_credit_code, make_id_number
from tests.factories.staff import staff

ACCOUNT_PASSWORD = "Employer-test-2026!"
_people = itertools.count(1)
_employers = itertools.count(700_000)


def next_id_number() -> str:
    n = next(_people)
    return make_id_number(birth=datetime.date(1970, 1, 1) + datetime.timedelta(days=n % 7000), order=500 + n // 7000)


def unit_reviewer(group: str):
    return staff(RESPONSIBLE_UNIT[group], "reviewer")


def employer_account(group: str = Group.INSTITUTION_TALENT, *, username: str | None = None, credit_code=None,
                     name: str | None = None):
    n = next(_employers)
    return create_employer_account(
        actor=unit_reviewer(group), credit_code=credit_code or make_credit_code(n),
        employer_name=name or f"深圳市龙华区用人单位{n}", kind=EMPLOYER_KIND[group],
        username=username or f"employer{n}", password=ACCOUNT_PASSWORD)


def household_rows(key: str, *, with_spouse: bool = True, form: str = "公共租赁住房") -> list[list]:
    """The rows of one household in the template's column order."""
    n = next(_people)
    applicant = [key, "申请人", _name(n), next_id_number(), "是", "已婚" if with_spouse else "未婚", "龙华区",
                 "2012-03-01", 48, "否", form, "13800138000", "", "硕士", "是"]
    rows = [applicant]
    if with_spouse:
        rows.append([key, "配偶", _name(n + 7), next_id_number(), "是", "已婚", "龙华区", "2013-05-01", 36, "否",
                     "", "", "", "", ""])
    return rows


def roster_table(households: int, *, with_spouse: bool = True, english: bool = False) -> list[list]:
    table = [[c.en if english else c.zh for c in COLUMNS]]
    for index in range(1, households + 1):
        table.extend(household_rows(str(index), with_spouse=with_spouse))
    return table


def as_xlsx(table: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in table:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_csv(table: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return out.getvalue().encode("utf-8")


def submitted_roster(account, round_, households: int = 3, **kwargs):
    user = account.user
    token = stage_roster_file(actor=user, name="roster.xlsx", content=as_xlsx(roster_table(households, **kwargs)))
    report = preview_roster(actor=user, token=token, round_id=round_.pk)
    assert not report.problems, [p.text() for p in report.problems]
    return submit_roster(actor=user, token=token, sha256=report.sha256, round_id=round_.pk)
