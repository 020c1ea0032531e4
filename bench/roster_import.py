"""How fast is an employer's roster (R-16.2, R-X.5)? A roster of 10,000 households (applicant and spouse: 20,000
rows) previewed, submitted and accepted, with the wall time and the peak memory of each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h3 REDIS_URL=redis://127.0.0.1:6379/13 \
        .venv/bin/python bench/roster_import.py
    .venv/bin/python bench/roster_import.py -n 2000 --out bench/results/roster_import.json

Runs against a throw-away test database (``test_<name>`` on PostgreSQL), migrated from scratch. Generates the
workbook first (not timed), then times, each through the service the page calls (housing.rosters.services):

1. preview: read the file (housing.web.files), check every cell, apply intake's rules to every household, write
   the roster and its households in a transaction rolled back;
2. submit: the same checks on the same bytes, then the roster written for good;
3. accept: the talent unit's decision, every household through intake's rules again and intake's writer
   (housing.review.services.intake.enter_application), one transaction; the applicants' notices queued on commit.

Peak memory: the growth of the process's peak resident size (``resource.getrusage``) during each step, and with
``--tracemalloc`` the peak of Python allocations (slower: the figures of the times are then not the ones to quote).
"""

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--households", type=int, default=10_000)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    scratch = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    import django
    from django.conf import settings

    django.setup()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(scratch / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        result = run(args.households, use_tracemalloc=args.tracemalloc)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    result.update({"database": connection.vendor, "python": platform.python_version(), "cpus": os.cpu_count(),
                   "households": args.households})
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


def run(n: int, *, use_tracemalloc: bool) -> dict:
    from housing.groups import Group
    from housing.models import Application, ApplicationHistory
    from housing.rosters.services.decisions import accept_roster
    from housing.rosters.services.submission import preview_roster, stage_roster_file, submit_roster
    from tests.factories import AllocationRoundFactory
    from tests.factories.rosters import as_xlsx, employer_account, roster_table, unit_reviewer

    account = employer_account(Group.ENTERPRISE_TALENT)
    round_ = AllocationRoundFactory()
    started = time.perf_counter()
    content = as_xlsx(roster_table(n))
    print(f"generated a roster of {n} households ({len(content) / 1024:.0f} KiB) in "
          f"{time.perf_counter() - started:.1f}s", flush=True)
    user = account.user
    timings = {}

    def timed(label, call):
        rss_before = peak_rss_mb()
        if use_tracemalloc:
            tracemalloc.start()
        begin = time.perf_counter()
        out = call()
        seconds = time.perf_counter() - begin
        entry = {"seconds": round(seconds, 2), "households_per_second": round(n / seconds),
                 "peak_rss_mb": round(peak_rss_mb(), 1), "peak_rss_growth_mb": round(peak_rss_mb() - rss_before, 1)}
        if use_tracemalloc:
            entry["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        timings[label] = entry
        print(f"{label:<10} {seconds:7.2f} s  {n / seconds:7.0f} households/s  peak RSS {entry['peak_rss_mb']} MB"
              + (f"  tracemalloc peak {entry['tracemalloc_peak_mb']} MB" if use_tracemalloc else ""), flush=True)
        return out

    token = stage_roster_file(actor=user, name="roster.xlsx", content=content)
    report = timed("preview", lambda: preview_roster(actor=user, token=token, round_id=round_.pk))
    assert not report.problems, [p.text() for p in report.problems[:5]]
    roster = timed("submit", lambda: submit_roster(actor=user, token=token, sha256=report.sha256,
                                                   round_id=round_.pk))
    reviewer = unit_reviewer(Group.ENTERPRISE_TALENT)
    timed("accept", lambda: accept_roster(actor=reviewer, roster=roster, expected_version=roster.version))
    assert Application.objects.filter(roster_entry__roster=roster).count() == n
    assert ApplicationHistory.objects.filter(event="intake", payload__roster=roster.number).count() == n
    return {"timings": timings}


if __name__ == "__main__":
    main()
