"""People never read the words of the code (CONVENTIONS, "Naming and text"): no requirement id, "SPEC §", field
path or file path in a template's text or in the Chinese catalogue, in either language. Comments and tests keep
their R-ids; an article reaches a page as people cite it (housing.cases.citations)."""

import re
from pathlib import Path

from django.conf import settings

from tests.support.developer_words import REQUIREMENT_ID, SPEC_SECTION, developer_words
from tests.test_translations import entries

TEMPLATES = Path(settings.BASE_DIR) / "templates"
COMMENTS = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
TRANSLATED = re.compile(r"\{%\s*(?:trans|translate)\s+([\"'])(.*?)\1.*?%\}", re.S)
OTHER_TAGS = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
HTML_TAG = re.compile(r"<[^>]*>")
# What a tag shows or reads out: the rest of it (addresses, names, classes) is not for people.
READ_OUT = re.compile(r"\b(?:aria-label|title|alt|placeholder)=\"([^\"]*)\"")


def shown_text(template: str) -> str:
    """What a template puts before people: its text and translated strings, without comments, variables, tags
    and the attributes a browser does not show."""
    text = COMMENTS.sub(" ", template)
    text = TRANSLATED.sub(lambda m: " " + m.group(2) + " ", text)
    text = OTHER_TAGS.sub(" ", text)
    return HTML_TAG.sub(lambda m: " " + " ".join(READ_OUT.findall(m.group(0))) + " ", text)


def test_the_helper_reads_what_a_template_shows():
    template = ('{% load i18n %}{# R-16.8: cited below #}<a href="?ground=R-33.1">{% trans "Art. 33(1)" %}</a>'
                '{% comment %}SPEC §13{% endcomment %}<p title="R-24">{{ row.article }} (R-30)</p>')
    assert shown_text(template).split() == ["Art.", "33(1)", "R-24", "(R-30)"]


def test_no_template_shows_a_requirement_id():
    found = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = shown_text(path.read_text(encoding="utf-8"))
        words = REQUIREMENT_ID.findall(text) + SPEC_SECTION.findall(text)
        if words:
            found[str(path.relative_to(TEMPLATES))] = words
    assert found == {}


def test_no_message_of_the_catalogue_shows_a_developer_word():
    """Every msgid (the English) and msgstr (the Chinese) of the catalogue: what a gettext string shows."""
    found = []
    for msgid, parts, _flags in entries():
        for key, value in parts.items():
            if key.startswith("msg") and not key.startswith("msgctxt"):
                text = value.encode("latin-1").decode("utf-8")
                words = developer_words(text)
                if words:
                    found.append((key, msgid[:60], words))
    assert found == []
