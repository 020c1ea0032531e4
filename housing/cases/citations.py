"""Articles as people cite them: 第十六条第（二）项 / Art. 16(2), from the R-ids code and tests use (R-16.d).

Plain functions over plain data. An R-id names the article and, after the dot, the item (项) of that article;
a letter after the item number (R-16.8a, R-21.1a) is the SPEC's subdivision of the same item, and an item that is
only a letter (R-16.d) is a requirement the SPEC draws from the article as a whole. The household conditions
(R-HH.1–4) are one item of each group's article (SPEC §6: R-18.7 = R-HH.1–4), and the talent conditions written
R-21.x for every talent group are Art. 22 for key-enterprise talents (C6), whose article repeats them.
"""

import re

from django.utils import translation
from django.utils.functional import lazy

from housing.groups import Group

DIGITS = "零一二三四五六七八九"
SPEC_SECTION = re.compile(r"\s*[(（]?SPEC\s*§\s*\d+[)）]?")
RID = re.compile(r"R-(?:(?P<art>\d+)(?:\.(?P<item>\d+)?[a-z]?)?|HH\.\d|X\.\d+)(?![0-9A-Za-z]|\.[0-9A-Za-z])")
# Articles whose paragraphs the SPEC numbers although the measures give them no items (项).
NO_ITEMS = frozenset({15, 17, 30, 31, 32, 33, 34, 36})
# SPEC §6: which item of each group's article holds the household conditions (R-HH.1–4).
HOUSEHOLD_ITEM = {
    Group.LOW_INCOME_NO_HOUSING: (18, 7),
    Group.MINIMUM_ALLOWANCE: (19, 6),
    Group.NO_HOUSING: (20, 6),
    Group.INSTITUTION_TALENT: (21, 5),
    Group.ECW_TALENT: (21, 5),
    Group.ENTERPRISE_TALENT: (22, 5),
}


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 16 → 十六, 39 → 三十九 (the numbers of the measures' articles and items)."""
    if n < 10:
        return DIGITS[n]
    tens, units = divmod(n, 10)
    return (DIGITS[tens] if tens > 1 else "") + "十" + (DIGITS[units] if units else "")


def article_and_item(rid: str, group: str = "") -> tuple[int, int | None] | None:
    """(article, item or None) of an R-id; None for what cites no article (R-X.*, anything else)."""
    rid = rid.strip()
    if rid.startswith("R-HH."):
        return HOUSEHOLD_ITEM.get(group, (18, 7))
    match = RID.fullmatch(rid)
    if match is None or match.group("art") is None:
        return None
    article = int(match.group("art"))
    item = int(match.group("item")) if match.group("item") else None
    if article in NO_ITEMS:
        item = None
    if article == 21 and group == Group.ENTERPRISE_TALENT:
        article = 22
    return article, item


def cite(article: int, item: int | None) -> tuple[str, str]:
    """(Chinese, English): 第十六条第（二）项, Art. 16(2)."""
    zh = f"第{chinese_number(article)}条" + (f"第（{chinese_number(item)}）项" if item else "")
    en = f"Art. {article}" + (f"({item})" if item else "")
    return zh, en


def cite_all(rids, group: str = "") -> tuple[list[str], list[str]]:
    """The articles of ``rids``, each once, in the order first cited: (Chinese list, English list)."""
    seen, zh, en = set(), [], []
    for rid in rids:
        place = article_and_item(rid, group)
        if place is None or place in seen:
            continue
        seen.add(place)
        z, e = cite(*place)
        zh.append(z)
        en.append(e)
    return zh, en


def without_rids(text: str, *, chinese: bool, group: str = "") -> str:
    """Free text a member of staff wrote, every R-id in it replaced by the article as people cite it."""

    def replace(match):
        place = article_and_item(match.group(0), group)
        if place is None:
            return ""
        return cite(*place)[0 if chinese else 1]

    return re.sub(r"\s{2,}", " ", RID.sub(replace, text or "")).strip()


def in_language(rids, group: str = "", language: str | None = None) -> str:
    """The articles of ``rids`` (one R-id, a list of them, or free text with R-ids in it) as people cite them in
    ``language`` (the active one by default): 第十六条第（八）项、第二十四条 / Art. 16(8), Art. 24. What cites no article
    (R-X.*, SPEC §) is left out."""
    chinese = (language or translation.get_language() or "zh-hans").lower().startswith("zh")
    if not rids:
        return ""
    if isinstance(rids, str):
        text = SPEC_SECTION.sub("", rids)
        if LIST_OF_RIDS.fullmatch(text.strip()) is None:
            return without_rids(text, chinese=chinese, group=group)
        parts = [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]
        cited_parts = []
        for part in parts:
            span = RANGE.fullmatch(part)
            if span:
                first, last = int(span.group(1)), int(span.group(2))
                cited_parts.append(f"第{chinese_number(first)}条至第{chinese_number(last)}条" if chinese
                                   else f"Arts. {first}–{last}")
            else:
                cited_parts.append(in_language([part], group, language))
        return ("、" if chinese else ", ").join(dict.fromkeys(p for p in cited_parts if p))
    zh, en = cite_all(rids, group)
    return "、".join(zh) if chinese else ", ".join(en)


RANGE = re.compile(r"R-(\d+)\s*[–-]\s*R-(\d+)")
LIST_OF_RIDS = re.compile(r"(?:R-[0-9A-Za-z.]+(?:\s*[–-]\s*R-\d+)?)(?:\s*[,，、]\s*R-[0-9A-Za-z.]+(?:\s*[–-]\s*R-\d+)?)*")

# The lazy form, for a message built before the language of its reader is known (a module-level constant, a
# form's help text): it is rendered in the language active when it is shown.
cited = lazy(in_language, str)
