"""Appends each SMS as one JSON line to ``SMS_FILE_PATH`` (default ``<PORTAL_VAR_DIR>/sms/``), one file a day: the
default for ``make run`` and the tests. The number is masked as in a log line."""

import json
import threading
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from housing.messaging.backends import BaseSmsBackend
from housing.models import mask_recipient

_lock = threading.Lock()


class FileBackend(BaseSmsBackend):
    def __init__(self, path: str | Path | None = None):
        self.folder = Path(path or getattr(settings, "SMS_FILE_PATH", "") or Path(settings.VAR_DIR) / "sms")

    def send(self, *, to: str, text: str, key: str) -> str:
        now = timezone.localtime()
        line = json.dumps({"at": now.isoformat(), "key": key, "to": mask_recipient("sms", to), "text": text},
                          ensure_ascii=False)
        self.folder.mkdir(parents=True, exist_ok=True)
        with _lock, open(self.folder / f"sms-{now:%Y%m%d}.jsonl", "a", encoding="utf-8") as out:
            out.write(line + "\n")
        return f"file-{key}"
