"""R-X.4: the Simplified Chinese catalogue is complete, and the compiled one shipped beside it says the same."""

import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def entries(po=PO):
    """(msgid, msgstr, flags) of every singular entry of the .po file, header excluded."""
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        keys = [i for i, line in enumerate(lines) if re.match(r"msg(id|id_plural|str(\[\d\])?) ", line)]
        parts = {}
        for n, start in enumerate(keys):
            end = keys[n + 1] if n + 1 < len(keys) else len(lines)
            key = lines[start].split(" ", 1)[0]
            parts[key] = "".join(re.findall(r'"(.*)"', "\n".join(lines[start:end]))).encode().decode("unicode_escape")
        if "msgid" in parts and parts["msgid"]:
            yield parts["msgid"].encode("latin-1").decode("utf-8"), parts, flags


def test_every_message_is_translated_and_none_is_fuzzy():
    missing = [msgid for msgid, parts, flags in entries()
               if "fuzzy" in flags or not any(v for k, v in parts.items() if k.startswith("msgstr"))]
    assert missing == []


def test_the_compiled_catalogue_matches_the_source():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for msgid, parts, _flags in entries():
        if "msgstr" in parts and "msgctxt" not in parts:
            if compiled.gettext(msgid) != parts["msgstr"].encode("latin-1").decode("utf-8"):
                stale.append(msgid)
    assert stale == [], "run: python manage.py compilemessages -l zh_Hans"


def test_every_source_string_is_in_the_catalogue(tmp_path):
    """R-X.4: a string added to the code or a template without its Chinese fails here, not in front of a clerk."""
    import shutil
    import subprocess
    import sys

    import pytest

    if shutil.which("xgettext") is None:
        pytest.skip("gettext is not installed (apt-get install gettext); .ci/run installs it")
    base = Path(settings.BASE_DIR)
    for name in ("config", "departments", "housing", "publicity", "templates", "locale"):
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "--no-location"],
                   cwd=tmp_path, check=True, capture_output=True, env={**__import__("os").environ, "DJANGO_DEBUG": "1"})
    extracted = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    missing = [msgid for msgid, parts, flags in entries(extracted)
               if "fuzzy" in flags or not any(v for k, v in parts.items() if k.startswith("msgstr"))]
    assert missing == []
