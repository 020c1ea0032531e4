"""Uploaded files kept on the server between a dry-run preview and its confirmation (R-X.5).

An import is previewed first and confirmed second; the confirmation must import exactly the bytes the clerk saw
checked. The file is kept under a random token with its sha256, the uploader and the time; a token is used up
when it is loaded for the import, expires after ``lifetime``, and a scheduled job removes what was never
confirmed (config/schedule.py "import-uploads"). Used by the stock import, the rent import and the employers'
rosters.
"""

import datetime
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")


class UnknownUpload(LookupError):
    """No such staged file: never staged, already used, expired, or the token is malformed."""


class UploadedByAnother(PermissionError):
    """Staged by another user: each clerk confirms only what they previewed."""


class UploadChanged(ValueError):
    """The bytes on disk are not the ones previewed."""


@dataclass(frozen=True)
class StagedFile:
    token: str
    name: str
    format: str
    sha256: str
    content: bytes


@dataclass(frozen=True)
class StagingArea:
    folder: str  # below MEDIA_ROOT
    lifetime: datetime.timedelta = datetime.timedelta(hours=2)

    def _dir(self) -> Path:
        return Path(settings.MEDIA_ROOT) / self.folder

    def stage(self, *, actor, name: str, fmt: str, content: bytes) -> StagedFile:
        token = secrets.token_urlsafe(24)
        sha256 = hashlib.sha256(content).hexdigest()
        folder = self._dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{token}.{fmt}").write_bytes(content)
        (folder / f"{token}.json").write_text(json.dumps({
            "actor": actor.pk, "name": Path(name).name[-200:], "format": fmt, "sha256": sha256,
            "staged_at": timezone.now().isoformat(),
        }), encoding="utf-8")
        return StagedFile(token=token, name=Path(name).name[-200:], format=fmt, sha256=sha256, content=content)

    def load(self, *, actor, token: str, sha256: str | None = None, use_up: bool = False) -> StagedFile:
        """The staged file if the token is known, not expired, this user's, and its bytes unchanged (and, when
        ``sha256`` is given, the ones the page showed). ``use_up``: a second load of the token finds nothing."""
        if not TOKEN_PATTERN.match(token or ""):
            raise UnknownUpload(token)
        try:
            meta = json.loads((self._dir() / f"{token}.json").read_text(encoding="utf-8"))
            content = (self._dir() / f"{token}.{meta['format']}").read_bytes()
            staged_at = datetime.datetime.fromisoformat(meta["staged_at"])
        except (OSError, ValueError, KeyError):
            raise UnknownUpload(token)
        if timezone.now() - staged_at > self.lifetime:
            self.forget(token)
            raise UnknownUpload(token)
        if meta["actor"] != actor.pk:
            raise UploadedByAnother(token)
        digest = hashlib.sha256(content).hexdigest()
        if digest != meta["sha256"] or (sha256 is not None and sha256 != meta["sha256"]):
            raise UploadChanged(token)
        if use_up:
            self.forget(token)
        return StagedFile(token=token, name=meta["name"], format=meta["format"], sha256=digest, content=content)

    def forget(self, token: str) -> None:
        if TOKEN_PATTERN.match(token or ""):
            for path in self._dir().glob(f"{token}.*"):
                path.unlink(missing_ok=True)

    def purge_expired(self, now: datetime.datetime | None = None) -> int:
        """Remove staged files older than their lifetime (safe to run at any time)."""
        now = now or timezone.now()
        removed = 0
        for meta_path in self._dir().glob("*.json"):
            try:
                staged_at = datetime.datetime.fromisoformat(json.loads(meta_path.read_text())["staged_at"])
            except (OSError, ValueError, KeyError):
                continue
            if now - staged_at > self.lifetime:
                self.forget(meta_path.stem)
                removed += 1
        return removed


STOCK_IMPORTS = StagingArea("imports")
RENT_IMPORTS = StagingArea("rent-imports")
ROSTER_UPLOADS = StagingArea("roster-uploads")  # employers' rosters (housing.rosters)
KEY_ENTERPRISE_IMPORTS = StagingArea("key-enterprise-imports")  # the year's list (housing.key_enterprises)
INTAKE_UPLOADS = StagingArea("intake-uploads")  # materials of an intake form shown again (housing.review)
STAGING_AREAS = (STOCK_IMPORTS, RENT_IMPORTS, ROSTER_UPLOADS, KEY_ENTERPRISE_IMPORTS, INTAKE_UPLOADS)


def purge_expired_uploads(now: datetime.datetime | None = None) -> int:
    return sum(area.purge_expired(now) for area in STAGING_AREAS)
