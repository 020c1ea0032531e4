"""What every answer carries (config/security.py, docs/decisions/0026): a Content-Security-Policy without inline
script, no browser copy of a staff page, and a 400 for a Host outside ALLOWED_HOSTS even on a cached public page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from config.security import CONTENT_SECURITY_POLICY
from tests.factories import staff

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
STAFF_PAGES = ["/", "/applications/", "/applications/new/", "/rounds/"]
PUBLIC_PAGES = ["/public/", "/public/register/"]


@pytest.fixture
def clerk_client():
    client = Client()
    client.force_login(staff("ccb", "clerk"))
    return client


def test_the_policy_is_the_strict_one():
    assert CONTENT_SECURITY_POLICY == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_a_staff_page_carries_the_policy(clerk_client, url):
    response = clerk_client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_public_page_carries_the_policy_also_from_the_cache(url):
    first, second = Client().get(url), Client().get(url)
    assert second["X-Public-Cache"] == "hit"
    for response in (first, second):
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_the_login_page_carries_the_policy():
    response = Client().get(reverse("departments:login"))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["X-Frame-Options"] == "DENY"


def templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_template_holds_inline_script_or_style():
    assert templates()
    found = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style\b", r"\sstyle=", r"\son[a-z]+=", r"javascript:"):
            found += [f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in re.finditer(pattern, text)]
    assert found == []


@pytest.mark.parametrize("url", [*STAFF_PAGES, "/accounts/login/"])
def test_a_staff_page_is_never_kept_by_the_browser(clerk_client, url):
    response = clerk_client.get(url) if url != "/accounts/login/" else Client().get(url)
    assert response["Cache-Control"] == "private, no-store"


def test_a_public_page_keeps_the_page_caches_validation():
    Client().get("/public/register/")
    response = Client().get("/public/register/")
    assert response["X-Public-Cache"] == "hit" and response["Cache-Control"] == "no-cache"


def test_a_public_page_seen_by_signed_in_staff_is_not_kept(clerk_client):
    response = clerk_client.get("/public/register/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    # The page cache kept the page for everyone else, as it would without staff.
    assert Client().get("/public/register/")["Cache-Control"] == "no-cache"


def test_a_host_outside_allowed_hosts_is_refused_even_for_a_cached_page():
    assert "evil.example" not in settings.ALLOWED_HOSTS
    Client().get("/public/register/")
    assert Client().get("/public/register/")["X-Public-Cache"] == "hit"
    response = Client().get("/public/register/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "X-Public-Cache" not in response
    assert Client().get("/", HTTP_HOST="evil.example").status_code == 400
