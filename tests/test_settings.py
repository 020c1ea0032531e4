"""Without a SECRET_KEY outside development, nothing serves; offline commands still run (config/startup.py)."""

import os
import subprocess
import sys

from django.conf import settings

from config.startup import MISSING_KEY


def run(code: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_DEBUG")}
    return subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_web_server_refuses_to_start_without_a_secret_key():
    result = run("import config.wsgi")
    assert result.returncode != 0 and MISSING_KEY in result.stderr


def test_the_worker_refuses_to_start_without_a_secret_key():
    result = run("import django; django.setup(); from config.celery import refuse_without_secret_key as r; r()")
    assert result.returncode != 0 and MISSING_KEY in result.stderr


def test_a_migration_check_runs_without_a_secret_key():
    result = run("import sys; sys.argv = ['manage.py', 'makemigrations', '--check', '--dry-run'];"
                 "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
                 "from django.core.management import execute_from_command_line; execute_from_command_line(sys.argv)")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
