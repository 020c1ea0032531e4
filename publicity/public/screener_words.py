"""The screener's result in the words residents use (decision 0045): each condition named by its article as people
cite it (housing.cases.citations), and the engine's explanations without the dossier's field paths, which are for
the review's record (R-39.4) and mean nothing to a resident."""

import re

from housing.cases.citations import cite_all

# "（applicant.hukou）", "(members[0].owns_housing)", "（form）", "（talent.degree, talent.full_time）"
PATH = r"[a-z_]+(?:\[\d*\])?(?:\.[a-z_]+(?:\[\d*\])?)*"
FIELD_PATH = re.compile(rf"\s?[（(]\s*{PATH}(?:\s*[,，、]\s*{PATH})*\s*[）)]")


def condition_article(condition_id: str, group: str, *, chinese: bool) -> str:
    """R-20.1 → 第二十条第（一）项 / Art. 20(1); R-HH.1 → the household item of the group's article."""
    zh, en = cite_all([condition_id], group)
    cited = zh if chinese else en
    return cited[0] if cited else ""


def plain_message(text: str, *, chinese: bool) -> str:
    """The engine's explanation with no field path left in it, each finding once (two missing facts of one
    person read the same once their paths are gone)."""
    # A missing fact is already said in words (housing.rules.eligibility.results.Findings.lack_fact).
    text = FIELD_PATH.sub("", text)
    separator = "；" if chinese else "; "
    return separator.join(dict.fromkeys(text.split(separator)))
