"""Fixtures for the view tests of the staff pages: a browser that reads English, the forms as a page renders them.

``portal`` is a Django test client that chose English with the language switch (the
``django_language`` cookie; docs/decisions/0008: Accept-Language is not followed) and knows how to fill in a
page's own form: ``portal.submit(url, {"field": "value"})`` GETs the page, takes every
field with the value the page rendered (hidden ``version``, formset management fields,
selected options, ticked boxes), applies the changes and POSTs the result, the way a
browser would. A field the page did not render cannot be set, so a renamed field fails
the test instead of being silently ignored.
"""

import datetime
import html
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from departments.models import Role
from housing.stages import Stage
from tests.factories import staff

ALL_CASE_ROLES = (Role.CLERK, Role.REVIEWER, Role.HEAD)
# A small valid PNG header followed by some bytes (the upload checks the first bytes, R-X.5).
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))


# --- reading pages ------------------------------------------------------------------------------------

class HtmlForm:
    """One <form> of a page: where it posts and its controls, as a browser would submit them."""

    def __init__(self, action: str | None, method: str):
        self.action = action
        self.method = method
        self.controls: list[dict] = []  # {"kind", "name", "value", "checked", "options", "multiple"}

    def names(self) -> set[str]:
        return {c["name"] for c in self.controls if c["name"]}

    def data(self) -> dict[str, list[str]]:
        """What the browser sends for the form as rendered (successful controls only)."""
        out: dict[str, list[str]] = {}
        for c in self.controls:
            name = c["name"]
            if not name or c["kind"] in ("submit", "button", "file", "reset", "image"):
                continue
            if c["kind"] in ("checkbox", "radio"):
                if c["checked"]:
                    out.setdefault(name, []).append(c["value"] if c["value"] is not None else "on")
            elif c["kind"] == "select":
                selected = [v for v, sel in c["options"] if sel]
                if not selected and not c["multiple"] and c["options"]:
                    selected = [c["options"][0][0]]
                out.setdefault(name, []).extend(selected)
            else:
                out.setdefault(name, []).append(c["value"] or "")
        return out

    def choices(self, name: str) -> list[str]:
        """The values a select, a radio group or a checkbox group offers."""
        values = []
        for c in self.controls:
            if c["name"] != name:
                continue
            if c["kind"] == "select":
                values.extend(v for v, _sel in c["options"])
            elif c["kind"] in ("radio", "checkbox"):
                values.append(c["value"])
        return values


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: dict | None = None
        self._option: list | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = HtmlForm(a.get("action"), (a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            self._form.controls.append({"kind": kind, "name": a.get("name"), "value": a.get("value"),
                                        "checked": "checked" in a})
        elif tag == "select":
            self._select = {"kind": "select", "name": a.get("name"), "options": [], "multiple": "multiple" in a}
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"kind": "textarea", "name": a.get("name"), "value": ""}
            self._form.controls.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data
        elif self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            # An option without a value attribute submits its text.
            self._select["options"] = [
                (v if v is not None else text.strip(), sel) for v, sel, text in self._select["options"]
            ]
            self._select = None
            self._option = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea["value"].startswith("\n"):
                self._textarea["value"] = self._textarea["value"][1:]
            self._textarea = None


def forms_of(content: str) -> list[HtmlForm]:
    parser = _FormParser()
    parser.feed(content)
    return parser.forms


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def strip_tags(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def section(content: str, labelled_by: str) -> str:
    """The <section aria-labelledby="…"> of a page ('' when the page has none)."""
    match = re.search(rf'<section aria-labelledby="{re.escape(labelled_by)}"[^>]*>(.*?)</section>', content, re.S)
    return match.group(1) if match else ""


def table_rows(fragment: str) -> list[list[str]]:
    """The body rows of the tables in a fragment, each as the text of its cells."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", fragment, re.S):
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
            rows.append([strip_tags(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)])
    return rows


def stage_shown(content: str) -> str:
    """The stage an application page shows (the first stage badge on the page)."""
    match = re.search(r'<span class="stage">(.*?)</span>', content, re.S)
    return strip_tags(match.group(1)) if match else ""


def en(text) -> str:
    """A label as an English-reading user sees it."""
    with translation.override("en"):
        return str(text)


def stage_label(stage: str) -> str:
    return en(Stage(stage).label)


def field_error(content: str, auto_id: str) -> str:
    """The error text rendered next to the field with this id (partials/field.html and the review tables)."""
    match = re.search(rf'<div id="{re.escape(auto_id)}_error">(.*?)</div>', content, re.S)
    return strip_tags(match.group(1)) if match else ""


# --- the browser ----------------------------------------------------------------------------------------

class Portal:
    """A staff member's browser, switched to English, that submits the forms the pages render."""

    def __init__(self):
        self.client = Client()
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        self.user = None

    def login(self, user):
        self.client.logout()  # forgets every cookie, the language too
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            self.client.force_login(user)
        self.user = user
        return self

    def get(self, url, data=None, **kwargs):
        return self.client.get(url, data, **kwargs)

    def post(self, url, data=None, **kwargs):
        return self.client.post(url, data or {}, **kwargs)

    def page_form(self, response, *, action: str | None = None) -> HtmlForm:
        """The page's own form (posting to the page itself), or the form posting to ``action``."""
        content = response.content.decode()
        for form in forms_of(content):
            if form.method != "post":
                continue
            if action is None and not form.action:
                return form
            if action is not None and form.action == action:
                return form
        raise AssertionError(f"no POST form{' to ' + action if action else ''} on the page "
                             f"(status {response.status_code})")

    def fill(self, form: HtmlForm, changes: dict | None = None, *, unset=()) -> dict[str, list[str]]:
        data = form.data()
        known = form.names()
        for name, value in (changes or {}).items():
            assert name in known, f"the page renders no field {name!r}; it has {sorted(known)}"
            if value is None:
                data.pop(name, None)
            elif isinstance(value, (list, tuple)):
                data[name] = [str(v) for v in value]
            elif hasattr(value, "read"):
                data[name] = value
            else:
                data[name] = [str(value)]
        for name in unset:
            data.pop(name, None)
        return data

    def submit(self, url: str, changes: dict | None = None, *, query: dict | None = None, unset=(),
               expect_get: int = 200):
        """GET the page, fill in its form as rendered with ``changes``, POST it; returns the POST response."""
        page = self.get(url, query)
        assert page.status_code == expect_get, (url, page.status_code, strip_tags(page.content.decode())[:500])
        form = self.page_form(page)
        target = form.action or url
        return self.post(target, self.fill(form, changes, unset=unset))

    def detail(self, number: str):
        response = self.get(reverse("housing:application_detail", args=[number]))
        assert response.status_code == 200, response.status_code
        return response

    def stage_of(self, number: str) -> str:
        return stage_shown(self.detail(number).content.decode())

    def action_urls(self, number: str) -> list[str]:
        """The links under "Actions" of the application page, for the logged-in user."""
        content = self.detail(number).content.decode()
        return re.findall(r'href="([^"]+)"', section(content, "actions-h"))


@pytest.fixture
def portal(db):
    return Portal()


@pytest.fixture
def private_media(settings, tmp_path):
    """Uploaded files go to a temporary directory, not to var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def unit_user(db):
    """``unit_user("org_personnel")``: the account of a unit with every case role, so only its unit decides."""

    def make(code: str, *roles: str):
        return staff(code, *(roles or ALL_CASE_ROLES))

    return make


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def days_ago(today):
    def back(n: int) -> datetime.date:
        return today - datetime.timedelta(days=n)

    return back
