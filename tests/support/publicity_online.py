"""Helpers of the tests of objections and inquiries online and the lookups: a resident's browser, a notice.

Fixtures are imported by name into the test modules that use them.
"""

import html
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from housing.stages import Stage
from publicity.models import PublicNotice
from tests.factories import ApplicationFactory, advance
from tests.factories.workflow import latest_notice

# The first bytes the upload check looks for (housing.cases.checklists.SIGNATURES).
PDF_BYTES = b"%PDF-1.4\n" + b"0" * 200
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))


def english_client(**kwargs) -> Client:
    client = Client(**kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def text(response) -> str:
    """The page's text, tags removed, whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def field_error(response, name: str) -> str:
    match = re.search(rf'<div id="id_{re.escape(name)}_error">(.*?)</div>', response.content.decode(), re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))).strip() if match else ""


def entry_value(response, masked_name: str) -> str:
    """The value of the entry choice whose label shows this masked name."""
    for value, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', response.content.decode()):
        if masked_name in html.unescape(label):
            return value
    raise AssertionError(f"no entry labelled {masked_name!r}")


def objection_url(notice: PublicNotice) -> str:
    return reverse("publicity:objection_file", args=[notice.pk])


def inquiry_url(notice: PublicNotice) -> str:
    return reverse("publicity:inquiry_file", args=[notice.pk])


@pytest.fixture
def resident(db):
    """An anonymous visitor whose browser chose English."""
    return english_client()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def in_notice(allocation_round):
    """A C4 public-rental application in a public notice that started today."""
    return advance(ApplicationFactory(round=allocation_round, c4=True), Stage.PUBLIC_NOTICE)


@pytest.fixture
def notice(in_notice) -> PublicNotice:
    return latest_notice(in_notice)


def contact_code(contact: str) -> str:
    """The code the portal sends to ``contact`` (decision 0035), read from the message written to send it."""
    from housing.models import OutgoingMessage
    from publicity.online.contact_codes import send_contact_code

    sent_to = send_contact_code(contact=contact, field="objector_contact")
    message = OutgoingMessage.objects.filter(recipient=sent_to, purpose="contact_code").latest("id")
    return re.search(r"\d{6}", message.text).group()
