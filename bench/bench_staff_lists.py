"""Do the staff list pages cost the same at 2,000 and at 200,000 applications? (docs/decisions/0004)

    .venv/bin/python bench/bench_staff_lists.py            # or: make bench
    .venv/bin/python bench/bench_staff_lists.py --explain  # also EXPLAIN ANALYZE the slowest queries

Needs a PostgreSQL server (BENCH_DATABASE_URL or DATABASE_URL, any database on it; default
postgres://postgres@127.0.0.1:5432/postgres). On that server it creates `bench_small` and `bench_large`,
migrates them, and fills them with `manage.py seed_demo --households N` (kept between runs: the command
only tops up; --fresh starts over). Each database is then measured in its own process, through Django's
test Client, with DEBUG off: per page the median wall time of --requests requests after --warmup ones.
Small and large are measured alternately --repeat times; the median of those medians is reported.

Prints a table (small, large, large/small; the goal is a ratio of at most 1.5) and writes
bench/results/staff_lists.json.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "staff_lists.json"
GOAL = 1.5

# (key, what, login, URL name, query string)
PAGES = [
    ("queue_ccb", "work queue, CCB clerk", "ccb_clerk", "housing:work_queue", ""),
    ("queue_social", "work queue, Social Construction reviewer", "social_reviewer", "housing:work_queue", ""),
    ("list_first", "application list, first page (CCB clerk)", "ccb_clerk", "housing:application_list", ""),
    ("list_filtered", "application list, C3 awaiting substantive review (CCB clerk)", "ccb_clerk",
     "housing:application_list", "group=no_housing&stage=substantive_review"),
    ("list_social", "application list, first page (Social Construction reviewer)", "social_reviewer",
     "housing:application_list", ""),
    # Finance sees subsidy cases of every group: its scope is by form, which the stage counts do not split.
    ("queue_finance", "work queue, Finance clerk", "finance_clerk", "housing:work_queue", ""),
    ("list_finance", "application list, first page (Finance clerk)", "finance_clerk", "housing:application_list", ""),
]


# --- orchestration (this process never imports Django) -------------------------------------------

def server_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or \
        "postgres://postgres@127.0.0.1:5432/postgres"
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"The benchmark needs PostgreSQL; BENCH_DATABASE_URL / DATABASE_URL is {url!r}.")
    return url


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin_connect(url: str):
    import psycopg

    return psycopg.connect(with_database(url, "postgres"), autocommit=True)


def prepare(url: str, name: str, households: int, *, fresh: bool, env: dict) -> str:
    db_url = with_database(url, name)
    with admin_connect(url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    child = {**env, "DATABASE_URL": db_url, "DJANGO_DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    print(f"[{name}] migrate", flush=True)
    subprocess.run(manage + ["migrate", "--noinput", "-v", "0"], env=child, cwd=ROOT, check=True)
    print(f"[{name}] seed_demo --households {households}", flush=True)
    started = time.monotonic()
    out = subprocess.run(manage + ["seed_demo", "--households", str(households)], env=child, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    summary = [line for line in out.splitlines() if line.startswith(("Generated", "Demo round")) or "exist already" in line]
    print(f"[{name}] " + " / ".join(summary) + f" ({time.monotonic() - started:.0f}s)", flush=True)
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return db_url


def measure_in_child(db_url: str, args, env: dict) -> dict:
    child = {**env, "DATABASE_URL": db_url, "SECRET_KEY": "bench-only-not-a-secret"}
    child.pop("DJANGO_DEBUG", None)
    child.pop("REDIS_URL", None)
    cmd = [sys.executable, __file__, "--measure", "--requests", str(args.requests), "--warmup", str(args.warmup)]
    if args.explain:
        cmd.append("--explain")
    proc = subprocess.run(cmd, env=child, cwd=ROOT, check=True, capture_output=True, text=True)
    if proc.stderr.strip():
        sys.stderr.write(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=2_000, help="generated applications in bench_small")
    parser.add_argument("--large", type=int, default=200_000, help="generated applications in bench_large")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--repeat", type=int, default=3,
                        help="measure small and large alternately this many times; report the median of the medians")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild both databases")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest queries of each page")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args)))
        return

    url = server_url()
    env = dict(os.environ)
    env["PORTAL_VAR_DIR"] = env.get("PORTAL_VAR_DIR") or tempfile.mkdtemp(prefix="bench-var-")
    databases = {}
    for label, name, households in (("small", "bench_small", args.small), ("large", "bench_large", args.large)):
        databases[label] = prepare(url, name, households, fresh=args.fresh, env=env)
    # Alternate small and large, so that load from anything else on the machine falls on both alike.
    runs = {"small": [], "large": []}
    for run in range(args.repeat):
        for label, db_url in databases.items():
            print(f"[{label} {run + 1}/{args.repeat}] {len(PAGES)} pages x {args.requests} requests", flush=True)
            runs[label].append(measure_in_child(db_url, args, env))
    measured = {label: combine(results) for label, results in runs.items()}

    rows = []
    for key, what, login, url_name, query in PAGES:
        small, large = measured["small"]["pages"][key], measured["large"]["pages"][key]
        rows.append({
            "page": key, "what": what, "login": login, "url": large["url"],
            "small_ms": small["median_ms"], "large_ms": large["median_ms"],
            "ratio": round(large["median_ms"] / small["median_ms"], 2),
            "small_queries": small["queries"], "large_queries": large["queries"],
            "small_p90_ms": small["p90_ms"], "large_p90_ms": large["p90_ms"],
            "small_run_medians_ms": small["run_medians_ms"], "large_run_medians_ms": large["run_medians_ms"],
            **({"slowest_queries_large": large["slowest"]} if args.explain else {}),
        })
    worst = max(r["ratio"] for r in rows)
    report = {
        "benchmark": "staff list pages, median wall time through Django's test Client, DEBUG off",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "postgresql": measured["large"]["server_version"]},
        "requests_per_page": args.requests, "warmup_per_page": args.warmup, "repeats": args.repeat,
        "applications": {"small": measured["small"]["applications"], "large": measured["large"]["applications"]},
        "goal_ratio": GOAL, "worst_ratio": worst, "meets_goal": worst <= GOAL,
        "pages": rows,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")

    print()
    print(f"applications: small {report['applications']['small']:,}, large {report['applications']['large']:,}; "
          f"median of {args.repeat} runs of the median of {args.requests} requests after {args.warmup} warm-up")
    head = f"{'page':<62} {'small ms':>9} {'large ms':>9} {'ratio':>6} {'queries':>8}"
    print(head)
    print("-" * len(head))
    for r in rows:
        queries = f"{r['small_queries']}/{r['large_queries']}"
        print(f"{r['what']:<62} {r['small_ms']:>9.1f} {r['large_ms']:>9.1f} {r['ratio']:>6.2f} {queries:>8}")
    print("-" * len(head))
    print(f"worst ratio {worst:.2f} (goal <= {GOAL}): {'met' if worst <= GOAL else 'NOT met'}; written to "
          f"{RESULTS.relative_to(ROOT)}")
    if args.explain:
        for r in rows:
            print(f"\n== {r['what']}: slowest queries at {report['applications']['large']:,}")
            for q in r["slowest_queries_large"]:
                print(f"-- {q['ms']:.1f} ms: {q['sql'][:300]}")
                print("\n".join("   " + line for line in q["plan"]))


def combine(results: list[dict]) -> dict:
    """One result per database: per page the median of the runs' medians (and their spread)."""
    out = {k: v for k, v in results[0].items() if k != "pages"}
    out["pages"] = {}
    for key, first in results[0]["pages"].items():
        medians = [r["pages"][key]["median_ms"] for r in results]
        out["pages"][key] = {**first, "median_ms": round(statistics.median(medians), 2), "run_medians_ms": medians,
                             "p90_ms": round(statistics.median(r["pages"][key]["p90_ms"] for r in results), 2)}
    return out


# --- measuring (in a child process, with Django set up against one database) ---------------------

def measure(args) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import warnings

    import django

    # WhiteNoise notes that collectstatic has not run; irrelevant to these pages.
    warnings.filterwarnings("ignore", message="No directory at")

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from housing.models import Application

    User = get_user_model()
    out = {"pages": {}, "applications": Application.objects.count(), "server_version": connection.pg_version}
    clients = {}
    for key, _what, login, url_name, query in PAGES:
        if login not in clients:
            clients[login] = Client()
            clients[login].force_login(User.objects.get(username=login))
        client = clients[login]
        url = reverse(url_name) + (f"?{query}" if query else "")
        for _ in range(args.warmup):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} as {login} answered {response.status_code}")
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        page = {
            "url": url, "median_ms": round(statistics.median(times), 2),
            "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 2), "queries": len(captured.captured_queries),
        }
        if args.explain:
            page["slowest"] = explain(connection, captured.captured_queries)
        out["pages"][key] = page
    return out


def explain(connection, queries: list[dict], top: int = 3) -> list[dict]:
    """EXPLAIN ANALYZE each captured SELECT once; keep the slowest by execution time."""
    found = []
    with connection.cursor() as cursor:
        for q in queries:
            sql = q["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            text = [row[0] for row in cursor.fetchall()]
            found.append({"ms": plan["Execution Time"], "sql": sql, "plan": text})
    found.sort(key=lambda f: f["ms"], reverse=True)
    return found[:top]


if __name__ == "__main__":
    main()
