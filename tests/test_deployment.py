"""The settings of a production deployment pass Django's deployment checks; development keeps plain HTTP
(docs/decisions/0026, docs/operations.md). Each runs in a process of its own: the settings are read from the
environment once, at import."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

# The environment docs/operations.md gives a production deployment behind the HTTPS proxy.
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "zfbz.longhua.example",
    "CSRF_TRUSTED_ORIGINS": "https://zfbz.longhua.example",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}
SHOWN = ("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
         "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
         "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS")


# What the test run itself sets (the browser tests allow async-unsafe calls), and what a test sets below.
NOT_INHERITED = ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS")


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED and not k.startswith("SECURE_")}
    return subprocess.run([sys.executable, *args], cwd=settings.BASE_DIR, env={**base, **env}, capture_output=True,
                          text=True, timeout=120)


def settings_of(**env: str) -> dict:
    code = ("import django, json; django.setup(); from django.conf import settings as s;"
            f"print(json.dumps({{name: getattr(s, name) for name in {SHOWN!r}}}))")
    result = run(["-c", code], DJANGO_SETTINGS_MODULE="config.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_a_production_deployment_passes_the_deployment_checks_without_a_warning():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_defaults_are_https_only():
    found = settings_of(**PRODUCTION)
    assert found["DEBUG"] is False
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert found["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and found["SECURE_HSTS_PRELOAD"] is False
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["SESSION_COOKIE_SECURE"] is True and found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_REFERRER_POLICY"] == "same-origin" and found["X_FRAME_OPTIONS"] == "DENY"


def test_no_proxy_header_is_trusted_unless_the_deployment_says_so():
    assert settings_of(SECRET_KEY=PRODUCTION["SECRET_KEY"])["SECURE_PROXY_SSL_HEADER"] is None


def test_without_hsts_or_redirect_the_deployment_checks_warn():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                 **PRODUCTION, SECURE_HSTS_SECONDS="0", SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout and "security.W008" in result.stderr + result.stdout


def test_development_keeps_plain_http():
    found = settings_of(DJANGO_DEBUG="1")
    assert found["DEBUG"] is True
    assert found["SECURE_SSL_REDIRECT"] is False and found["SECURE_HSTS_SECONDS"] == 0
    assert found["SESSION_COOKIE_SECURE"] is False
