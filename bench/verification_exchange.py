"""How fast is the verification exchange with an agency (R-14, R-X.5)? Asking the agencies for every application
at recheck, one agency's export of its open requests, the preview of its answers file and its import.

    .venv/bin/python bench/verification_exchange.py                       # SQLite (a temporary database file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h4 .venv/bin/python bench/verification_exchange.py -n 40000

Runs against a throw-away test database, migrated from scratch. Generates ``-n`` applications with the demo's bulk
generator (housing.management.commands.seed_demo.generate_households; not timed), of which some are on the proposed
list of the open round, then times, each through the service a user's click calls (housing.verification):

1. opening the requests of every application at recheck (five agencies each);
2. the export of the open requests of human resources and social security (two facts per request), as xlsx;
3. the preview of that file with every fact answered, and its import (all rows or none).

Prints the figures and writes a JSON summary with --out.
"""

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--households", type=int, default=20000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    scratch = Path(tempfile.mkdtemp(prefix="bench-verification-"))
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = str(scratch / "media")
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(scratch / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        result = run(args.households)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    result.update({"database": connection.vendor, "python": platform.python_version(), "cpus": os.cpu_count(),
                   "households": args.households})
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


def run(n: int) -> dict:
    import openpyxl

    from departments.models import StaffUser, Unit
    from housing.demo import ensure_demo_accounts
    from housing.management.commands.seed_demo import generate_households
    from housing.models import Application, VerificationAnswer, VerificationRequest
    from housing.stages import Stage
    from housing.verification import exchange, services

    users = ensure_demo_accounts()
    generate_households(n, users=users)
    proposed = list(Application.objects.filter(stage=Stage.PROPOSED, round__status="open"))
    agency = StaffUser.objects.create(username="bench-hrss", unit=Unit.objects.get(code="verify_social_security"),
                                      roles=["clerk"])
    figures = {"applications_at_recheck": len(proposed)}

    begin = time.perf_counter()
    for application in proposed:
        services.open_verification_requests(actor=users["ccb_clerk"], application=application)
    seconds = time.perf_counter() - begin
    figures["open_requests"] = {"seconds": round(seconds, 2), "requests": VerificationRequest.objects.count(),
                                "applications_per_second": round(len(proposed) / seconds)}

    begin = time.perf_counter()
    content = exchange.export_open_requests(actor=agency, fmt="xlsx")
    seconds = time.perf_counter() - begin
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    rows = sheet.max_row - 1
    figures["export"] = {"seconds": round(seconds, 2), "rows": rows, "kib": len(content) // 1024}
    for row in sheet.iter_rows(min_row=2):
        row[6].value, row[7].value = "属实", f"人社核-{row[0].value}-{row[4].value}"
    out = io.BytesIO()
    book.save(out)

    token = exchange.stage_answers_file(actor=agency, name="answers.xlsx", content=out.getvalue())
    begin = time.perf_counter()
    report = exchange.preview_answers_file(actor=agency, token=token)
    seconds = time.perf_counter() - begin
    assert not report.problems, [p.text() for p in report.problems[:5]]
    figures["preview"] = {"seconds": round(seconds, 2), "rows_per_second": round(rows / seconds)}
    begin = time.perf_counter()
    exchange.import_answers_file(actor=agency, token=token, sha256=report.sha256, stands_by=True)
    seconds = time.perf_counter() - begin
    assert VerificationAnswer.objects.count() == rows
    figures["import"] = {"seconds": round(seconds, 2), "rows_per_second": round(rows / seconds)}
    return figures


if __name__ == "__main__":
    main()
