"""Where the background exports are kept: a private folder under PORTAL_VAR_DIR, never served as static or media
files; each file is read back only through the owner's download page."""

import datetime
import os
import secrets
from pathlib import Path

from django.conf import settings


def lifetime() -> datetime.timedelta:
    """How long a built export stays downloadable before the hourly purge deletes it."""
    return datetime.timedelta(hours=float(getattr(settings, "EXPORT_FILE_HOURS", 24)))


def folder() -> Path:
    path = Path(settings.VAR_DIR) / "exports"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def new_name(fmt: str) -> str:
    return f"{secrets.token_urlsafe(18)}.{fmt}"


def path_of(name: str) -> Path:
    # Names are made here (a random token and the format), never taken from a request.
    return folder() / Path(name).name


def remove(name: str) -> None:
    if name:
        try:
            os.remove(path_of(name))
        except FileNotFoundError:
            pass
