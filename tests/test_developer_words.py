"""The scanner the browser suite runs on every page it loads (tests/support/developer_words.py): it finds each kind
of developer identifier, and leaves alone what people do read (addresses, e-mail, versions, file names)."""

import pytest

from tests.support.developer_words import developer_words


@pytest.mark.parametrize("text, found", [
    ("该申请不符合条件（R-16.8a）。", ["R-16.8a"]),
    ("Refused under R-39.4 and R-HH.3; see R-X.1.", ["R-39.4", "R-HH.3", "R-X.1"]),
    ("Ends on 2026-01-01 (R-30)", ["R-30"]),
    ("按 SPEC §13 的默认值", ["SPEC §"]),
    ("请选择用人单位类型（employer.kind）", ["employer.kind"]),
    ("（talent.degree, talent.full_time）", ["talent.degree", "talent.full_time"]),
    ("与申请人关系（members[].relation）", ["members[].relation"]),
    ("见 docs/decisions/0010", ["docs/decisions/0010"]),
    ("rendered by housing/events.py", ["housing/events.py"]),
    ("模板 base.html 出错", ["base.html"]),
    ("let_home · reserve_home", ["let_home", "reserve_home"]),
    ("办理人 scheduled-job", ["scheduled-job"]),
    ("记录 registerentry #1", ["#1"]),
])
def test_each_kind_of_developer_word_is_found(text, found):
    assert developer_words(text) == found


@pytest.mark.parametrize("text", [
    "联系邮箱 housing@longhua.gov.cn，网址 https://www.longhua.gov.cn/zfbz/index.html",
    "地址：龙华新区龙华街道人民路 2 号 www.szlhxq.gov.cn",
    "Portal 1.4.2, policy version v2026.1",
    "Stock imported from stock_2026.xlsx: 12 new homes; receipt.pdf downloaded.",
    "Bring your ID card, e.g. the original. Office hours 9 a.m. to 5 p.m.",
    "第十六条第（八）项 / Art. 16(8) · Arts. 30–34",
    "Application LH-C4-2026-00012, 陈晓燕, 2026-03-01 10:00",
    "No. 3 of the list; page 2 of 5.",
    "用人单位类型：事业单位；学历：本科（全日制）",
])
def test_what_people_read_is_not_flagged(text):
    assert developer_words(text) == []


def test_every_stored_event_name_with_an_underscore_is_flagged():
    from housing.events import Event

    coded = [value for value in Event.values if "_" in value]
    assert coded and all(developer_words(f"操作：{value}") == [value] for value in coded)
