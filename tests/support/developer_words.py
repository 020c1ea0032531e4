"""What people must never read on a page, a print or a message: the words of the code (CONVENTIONS, "Naming and
text"). ``developer_words(text)`` lists every such word in a page's visible text; the browser suite runs it on
every page a test loads (tests/browser/conftest.py).

Kept out on purpose, because people do read them: e-mail addresses, web addresses, domain names in an address,
version numbers, file names of the kinds residents and clerks upload or download (stock.xlsx, receipt.pdf).
"""

import re

from housing.events import Event
from housing.stages import Stage

# R-16.8a, R-39.4, R-16.c, R-HH.3, R-X.1, R-30 …
REQUIREMENT_ID = re.compile(r"(?<![A-Za-z0-9-])R-(?:\d+|HH|X)(?:\.\d*[a-z]?)?(?![A-Za-z0-9])")
SPEC_SECTION = re.compile(r"SPEC\s*§")
# employer.kind, talent.full_time, members[].relation, application.group …
FIELD_PATH = re.compile(r"(?<![\w./@-])[a-z][a-z0-9_]*(?:\[\])?(?:\.[a-z][a-z0-9_]*(?:\[\])?)+(?![\w/@-])")
# docs/decisions/0010, housing/events.py, templates/base.html
FILE_PATH = re.compile(r"(?<![\w./-])(?:docs|templates|housing|departments|publicity|config|tests)/[\w./-]+"
                       r"|(?<![\w/-])[\w/-]+\.(?:py|html)(?![\w])")
# registerentry #1, Tenancy #12
OBJECT_REFERENCE = re.compile(r"(?<![\w&/])#\d+\b")
# the actors the code names for itself
ACTOR_CODES = ("scheduled-job", "public-online")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"\b(?:https?://|www\.)\S+")
DOMAIN = re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:cn|com|org|net|gov|edu)\b")
VERSION = re.compile(r"\bv?\d+(?:\.\d+)+\b")
# Files people handle, named by what they contain; a name ending so is a file, not a field path.
FILE_KINDS = ("csv", "xlsx", "xls", "pdf", "png", "jpg", "jpeg", "doc", "docx", "txt", "zip", "ofd")
# Abbreviations people write with a dot between letters.
ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|a\.m|p\.m|etc)\b", re.IGNORECASE)


def _codes() -> tuple[str, ...]:
    """Stored event, action and stage names: a lower_snake name is code wherever it appears."""
    return tuple(sorted({v for v in (*Event.values, *Stage.values) if "_" in v}, key=len, reverse=True))


CODES = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in (*_codes(), *ACTOR_CODES)) + r")(?![\w-])")


def developer_words(text: str) -> list[str]:
    """Every developer identifier in ``text``, in the order found (empty when the text is clean)."""
    text = EMAIL.sub(" ", text or "")
    text = URL.sub(" ", text)
    found = [m.group(0) for pattern in (REQUIREMENT_ID, SPEC_SECTION) for m in pattern.finditer(text)]
    text = REQUIREMENT_ID.sub(" ", text)
    text = DOMAIN.sub(" ", text)
    text = VERSION.sub(" ", text)
    text = ABBREVIATIONS.sub(" ", text)
    for pattern in (FILE_PATH, OBJECT_REFERENCE, CODES):
        found += [m.group(0) for m in pattern.finditer(text)]
    text = FILE_PATH.sub(" ", text)
    for match in FIELD_PATH.finditer(text):
        if match.group(0).rsplit(".", 1)[-1].lower() not in FILE_KINDS:
            found.append(match.group(0))
    return found
