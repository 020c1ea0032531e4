"""Do the statistics pages answer within 300 ms at 200,000 applications? (docs/decisions/0036)

    .venv/bin/python bench/statistics_pages.py              # builds bench_stats once, then measures
    .venv/bin/python bench/statistics_pages.py --fresh      # drop and rebuild the database first
    .venv/bin/python bench/statistics_pages.py --explain    # also EXPLAIN ANALYZE the slowest queries

Needs a PostgreSQL server (BENCH_DATABASE_URL or DATABASE_URL, any database on it; default
postgres://postgres@127.0.0.1:5432/postgres). On it the script creates `bench_stats` (or --database), migrates it,
fills it with `manage.py seed_demo --households N` (the generated applications of `make seed-large`), and then,
because the bulk generator writes no history, gives every generated application the history rows of the road it
took (intake, then each stage of SPEC §5 up to where it stands, at spread-out times; about 1.2 million rows), then
gives every generated running subsidy its monthly payments in monthly batches, and recounts the statistics' monthly
counters from those rows (the steps and batches keep them; the generator skips both). The data is kept between runs.

Then, in a child process with DEBUG off, each audience's page (and the CCB's with each filter) is requested through
Django's test Client: per page the median wall time of --requests requests after --warmup ones, first with the
figures computed afresh on every request (fresh, STATISTICS_CACHE_SECONDS=0: what the goal is measured on), then as
served with the figures' cache.
Prints a table and writes bench/results/statistics_pages.json.
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
RESULTS = ROOT / "bench" / "results" / "statistics_pages.json"
GOAL_MS = 300

# (key, what, login, query string); the bench creates the Joint Meeting reader (the demo's is a head, who would need
# the second factor).
PAGES = [
    ("ccb", "CCB (every group)", "ccb_clerk", ""),
    ("ccb_round", "CCB, one round", "ccb_clerk", "round={round}"),
    ("ccb_group", "CCB, group C3", "ccb_clerk", "group=no_housing"),
    ("ccb_last_year", "CCB, last year", "ccb_clerk", "year={last_year}"),
    ("org", "Org & Personnel (C4)", "org_reviewer", ""),
    ("econ", "Economic Services (C6)", "econ_reviewer", ""),
    ("social", "Social Construction (C2)", "social_reviewer", ""),
    ("joint", "Joint Meeting (every group)", "bench_joint_meeting", ""),
    ("discipline", "Discipline inspection (every group)", "discipline", ""),
]

ROAD = ["submitted", "substantive_review", "eligible", "proposed", "rechecked", "public_notice", "announced",
        "selection", "unit_selected", "contracted", "filed"]

HISTORY_SQL = """
WITH road(idx, stage) AS (VALUES {road}),
apps AS (
    SELECT a.id, a.stage, a.submitted_at, a.stage_changed_at,
           COALESCE((SELECT idx FROM road WHERE road.stage = a.stage), -1) AS upto
    FROM housing_application a
    WHERE NOT EXISTS (SELECT 1 FROM housing_applicationhistory h WHERE h.application_id = a.id)
),
steps AS (
    -- on the road: every stage up to the current one, evenly between receipt and the last change
    SELECT apps.id, road.idx + 1 AS seq, CASE WHEN road.idx = 0 THEN '' ELSE prev.stage END AS from_stage,
           road.stage AS to_stage,
           apps.submitted_at + (apps.stage_changed_at - apps.submitted_at) * (road.idx::float / GREATEST(apps.upto, 1))
               AS at
    FROM apps JOIN road ON road.idx <= apps.upto LEFT JOIN road prev ON prev.idx = road.idx - 1
    WHERE apps.upto >= 0
    UNION ALL
    -- off the road (refused, withdrawn, removed, a subsidy running ...): received, then where it stands
    SELECT apps.id, 1, '', 'submitted', apps.submitted_at FROM apps WHERE apps.upto < 0
    UNION ALL
    SELECT apps.id, 2, 'submitted', apps.stage, apps.stage_changed_at FROM apps WHERE apps.upto < 0
)
INSERT INTO housing_applicationhistory
    (application_id, seq, event, actor_name, actor_unit, at, from_stage, to_stage, reason, articles, payload,
     prev_hash, hash)
SELECT id, seq, 'bench', 'bench', 'ccb', at, from_stage, to_stage, '', '[]', '{{}}', '', md5(id::text || '-' || seq)
FROM steps
"""

PAYMENTS_SQL = """
INSERT INTO housing_subsidybatch (month, status, version, prepared_at)
SELECT DISTINCT m::date, 'exported', 1, now()
FROM housing_subsidy s, generate_series(s.start_month, date_trunc('month', now())::date, interval '1 month') m
ON CONFLICT (month) DO NOTHING;
INSERT INTO housing_subsidypayment (batch_id, subsidy_id, month, amount, payee_name, bank_name, bank_account)
SELECT b.id, s.id, b.month, s.monthly_amount, 'bench', '', ''
FROM housing_subsidy s JOIN housing_subsidybatch b
  ON b.month >= s.start_month AND b.month <= date_trunc('month', now())::date
ON CONFLICT (subsidy_id, month) DO NOTHING;
"""


def server_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or \
        "postgres://postgres@127.0.0.1:5432/postgres"
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"The benchmark needs PostgreSQL; BENCH_DATABASE_URL / DATABASE_URL is {url!r}.")
    return url


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def prepare(url: str, name: str, households: int, *, fresh: bool, env: dict) -> str:
    import psycopg

    db_url = with_database(url, name)
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
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
    subprocess.run(manage + ["seed_demo", "--households", str(households)], env=child, cwd=ROOT, check=True,
                   capture_output=True, text=True)
    print(f"[{name}] seeded ({time.monotonic() - started:.0f}s)", flush=True)
    with psycopg.connect(db_url, autocommit=True) as conn:
        started = time.monotonic()
        road = ", ".join(f"({i}, '{s}')" for i, s in enumerate(ROAD))
        rows = conn.execute(HISTORY_SQL.format(road=road)).rowcount
        print(f"[{name}] history rows added: {rows:,} ({time.monotonic() - started:.0f}s)", flush=True)
        started = time.monotonic()
        for statement in PAYMENTS_SQL.split(";"):
            if statement.strip():
                conn.execute(statement)
        print(f"[{name}] subsidy payments ({time.monotonic() - started:.0f}s)", flush=True)
    # The statistics' monthly counters are kept by the steps and the batches; rows written behind them are recounted.
    started = time.monotonic()
    subprocess.run(manage + ["check_statistics_counters", "--fix"], env=child, cwd=ROOT, check=True,
                   capture_output=True, text=True)
    print(f"[{name}] monthly counters recounted ({time.monotonic() - started:.0f}s)", flush=True)
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return db_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="bench_stats")
    parser.add_argument("--households", type=int, default=200_000, help="generated applications")
    parser.add_argument("--requests", type=int, default=15, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest queries of each page")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args)))
        return
    env = dict(os.environ)
    env["PORTAL_VAR_DIR"] = env.get("PORTAL_VAR_DIR") or tempfile.mkdtemp(prefix="bench-var-")
    db_url = prepare(server_url(), args.database, args.households, fresh=args.fresh, env=env)
    # DEBUG off as in production, but plain HTTP: the test Client is no HTTPS proxy (docs/decisions/0026).
    child = {**env, "DATABASE_URL": db_url, "SECRET_KEY": "bench-only-not-a-secret", "SECURE_SSL_REDIRECT": "0"}
    child.pop("DJANGO_DEBUG", None)
    child.pop("REDIS_URL", None)
    cmd = [sys.executable, __file__, "--measure", "--requests", str(args.requests), "--warmup", str(args.warmup)]
    if args.explain:
        cmd.append("--explain")
    proc = subprocess.run(cmd, env=child, cwd=ROOT, check=True, capture_output=True, text=True)
    if proc.stderr.strip():
        sys.stderr.write(proc.stderr)
    measured = json.loads(proc.stdout.strip().splitlines()[-1])
    worst = max(p["cold_median_ms"] for p in measured["pages"].values())
    report = {
        "benchmark": "statistics pages, median wall time through Django's test Client, DEBUG off",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "postgresql": measured["server_version"]},
        "requests_per_page": args.requests, "warmup_per_page": args.warmup, "goal_ms": GOAL_MS,
        "rows": measured["rows"], "worst_cold_ms": worst, "meets_goal_cold": worst <= GOAL_MS,
        "pages": measured["pages"],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print()
    print(", ".join(f"{k} {v:,}" for k, v in measured["rows"].items()))
    head = f"{'page':<40} {'fresh ms':>9} {'fresh p90':>9} {'cached ms':>10} {'queries':>8}"
    print(head)
    print("-" * len(head))
    for key, what, _login, _query in PAGES:
        p = measured["pages"][key]
        print(f"{what:<40} {p['cold_median_ms']:>9.1f} {p['cold_p90_ms']:>9.1f} {p['cached_median_ms']:>10.1f} "
              f"{p['queries']:>8}")
    print("-" * len(head))
    print(f"worst fresh median {worst:.1f} ms (goal <= {GOAL_MS} ms): {'met' if worst <= GOAL_MS else 'NOT met'}; "
          f"written to {RESULTS.relative_to(ROOT)}")
    if args.explain:
        for key, p in measured["pages"].items():
            print(f"\n== {key}: slowest queries")
            for q in p["slowest"]:
                print(f"-- {q['ms']:.1f} ms: {q['sql'][:300]}")
                print("\n".join("   " + line for line in q["plan"]))


def _time(client, url: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return times


def measure(args) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from departments.models import Unit
    from housing.models import AllocationRound, Application, ApplicationHistory, SubsidyPayment

    User = get_user_model()
    User.objects.get_or_create(username="bench_joint_meeting", defaults={
        "unit": Unit.objects.get(code="joint_meeting"), "roles": ["reviewer"]})
    year = timezone.localdate().year
    round_ = AllocationRound.objects.filter(year=year).order_by("-id").first()
    rows = {"applications": Application.objects.count(), "history": ApplicationHistory.objects.count(),
            "subsidy_payments": SubsidyPayment.objects.count()}
    out = {"pages": {}, "rows": rows, "server_version": connection.pg_version}
    clients = {}
    for key, _what, login, query in PAGES:
        if login not in clients:
            clients[login] = Client()
            clients[login].force_login(User.objects.get(username=login))
        client = clients[login]
        query = query.format(round=round_.pk if round_ else "", last_year=year - 1)
        url = reverse("housing:statistics") + (f"?{query}" if query else "")
        settings.STATISTICS_CACHE_SECONDS = 0
        _time(client, url, args.warmup)
        cold = _time(client, url, args.requests)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        page = {"url": url, "cold_median_ms": round(statistics.median(cold), 1),
                "cold_p90_ms": round(sorted(cold)[int(len(cold) * 0.9) - 1], 1),
                "queries": len(captured.captured_queries)}
        if args.explain:
            page["slowest"] = explain(connection, captured.captured_queries)
        settings.STATISTICS_CACHE_SECONDS = 300
        _time(client, url, 1)
        page["cached_median_ms"] = round(statistics.median(_time(client, url, args.requests)), 1)
        out["pages"][key] = page
    return out


def explain(connection, queries: list[dict], top: int = 3) -> list[dict]:
    found = []
    with connection.cursor() as cursor:
        for q in queries:
            sql = q["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            cursor.execute("EXPLAIN ANALYZE " + sql)
            found.append({"ms": plan["Execution Time"], "sql": sql, "plan": [r[0] for r in cursor.fetchall()]})
    found.sort(key=lambda f: f["ms"], reverse=True)
    return found[:top]


if __name__ == "__main__":
    main()
