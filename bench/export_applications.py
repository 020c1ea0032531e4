"""How long does the background job take to export 200,000 applications, and how much memory does it use?
(R-6, R-38; docs/decisions/0037-exports.md). Goal: each format within 60 s and a peak of at most 300 MB.

    .venv/bin/python bench/export_applications.py                 # 200,000 applications, CSV then XLSX
    .venv/bin/python bench/export_applications.py --households 20000 --fresh

Needs a PostgreSQL server (BENCH_DATABASE_URL or DATABASE_URL, any database on it; default
postgres://postgres@127.0.0.1:5432/postgres). On it, the database `bench_export` is created, migrated and filled by
`manage.py seed_demo --households N` (the `make seed-large` data; kept between runs, --fresh starts over). Each
format is then exported in a fresh process, as the worker does it (housing.exports.build.build_export), for the CCB
clerk, who sees every application: wall time, the process's peak resident memory (getrusage) and its resident
memory before the export, rows per second. --tracemalloc also reports the peak of Python allocations (slower).
Prints a table and writes bench/results/export_applications.json.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "export_applications.json"
GOAL_SECONDS, GOAL_MB = 60, 300
DATABASE = "bench_export"


def server_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or \
        "postgres://postgres@127.0.0.1:5432/postgres"
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"The benchmark needs PostgreSQL; BENCH_DATABASE_URL / DATABASE_URL is {url!r}.")
    return url


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def prepare(url: str, households: int, *, fresh: bool, seed: bool, env: dict) -> str:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    db_url = with_database(url, DATABASE)
    child = {**env, "DATABASE_URL": db_url, "DJANGO_DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    print(f"[{DATABASE}] migrate; seed_demo --households {households}", flush=True)
    subprocess.run(manage + ["migrate", "--noinput", "-v", "0"], env=child, cwd=ROOT, check=True)
    if not seed:
        return db_url
    started = time.monotonic()
    subprocess.run(manage + ["seed_demo", "--households", str(households)], env=child, cwd=ROOT, check=True,
                   capture_output=True, text=True)
    print(f"[{DATABASE}] ready ({time.monotonic() - started:.0f}s)", flush=True)
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return db_url


def rss_mb() -> float:
    """This process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(fmt: str, use_tracemalloc: bool) -> dict:
    """In the child: one export of every application the CCB clerk sees, as the worker builds it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import tracemalloc

    from django.contrib.auth import get_user_model

    from housing.exports import build, files
    from housing.models import ExportJob

    user = get_user_model().objects.get(username="ccb_clerk")
    job = ExportJob.objects.create(requested_by=user, table="applications", format=fmt, params={}, language="zh-hans",
                                   background=True)
    before = rss_mb()
    if use_tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    outcome = build.build_export(job.pk)
    seconds = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if use_tracemalloc else None
    job.refresh_from_db()
    size = files.path_of(job.file_name).stat().st_size
    files.remove(job.file_name)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return {"format": fmt, "outcome": outcome, "rows": job.rows_done, "seconds": round(seconds, 2),
            "rows_per_second": round(job.rows_done / seconds), "rss_before_mb": round(before, 1),
            "peak_rss_mb": round(peak, 1), "python_peak_mb": round(traced, 1) if traced is not None else None,
            "file_mb": round(size / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=200_000, help="generated applications")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--no-seed", action="store_true", help="the database is seeded already: migrate only")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--measure", choices=("csv", "xlsx"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.tracemalloc)))
        return

    env = dict(os.environ)
    env["PORTAL_VAR_DIR"] = env.get("PORTAL_VAR_DIR") or tempfile.mkdtemp(prefix="bench-var-")
    db_url = prepare(server_url(), args.households, fresh=args.fresh, seed=not args.no_seed, env=env)
    child = {**env, "DATABASE_URL": db_url, "SECRET_KEY": "bench-only-not-a-secret"}
    child.pop("DJANGO_DEBUG", None)
    child.pop("REDIS_URL", None)
    results = []
    for fmt in ("csv", "xlsx"):
        cmd = [sys.executable, __file__, "--measure", fmt] + (["--tracemalloc"] if args.tracemalloc else [])
        proc = subprocess.run(cmd, env=child, cwd=ROOT, capture_output=True, text=True)
        if proc.returncode:
            sys.exit(f"The {fmt} export failed:\n{proc.stderr}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))

    print(f"{'format':6} {'rows':>8} {'seconds':>8} {'rows/s':>8} {'RSS before':>11} {'peak RSS':>9} "
          f"{'py peak':>8} {'file':>7}  goal: ≤{GOAL_SECONDS}s, ≤{GOAL_MB} MB")
    for r in results:
        ok = r["seconds"] <= GOAL_SECONDS and r["peak_rss_mb"] <= GOAL_MB
        py = f"{r['python_peak_mb']:.1f}" if r["python_peak_mb"] is not None else "-"
        print(f"{r['format']:6} {r['rows']:>8} {r['seconds']:>8.1f} {r['rows_per_second']:>8} "
              f"{r['rss_before_mb']:>8.1f} MB {r['peak_rss_mb']:>6.1f} MB {py:>8} {r['file_mb']:>5.1f} MB  "
              f"{'ok' if ok else 'MISSED'}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"households": args.households, "machine": platform.platform(),
                                   "python": platform.python_version(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
