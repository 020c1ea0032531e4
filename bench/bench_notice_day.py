"""Notice day: a 5,000-entry public notice under 64 connections, against the same bytes as a static file (issue #4).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchnotice REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/bench_notice_day.py [--entries 5000] [--duration 15] [--json out.json]

What is measured, with wrk (64 connections, 2 threads) against one gunicorn serving the production
settings (DEBUG off, PostgreSQL, the Redis cache, WhiteNoise), the same server for every URL:

- ``page``: ``/public/notices/<pk>/``, page 1 of a 5,000-entry notice as a resident opens it (50 rows,
  the page count, the search form), answered by ``publicity.cache.PublicPageCacheMiddleware``;
- ``csv``: ``/public/notices/<pk>/list.csv``, the full download of the 5,000 entries, cached the same way;
- for each, the very same bytes written as a static file and served by WhiteNoise from the same server.

Goal (per URL): requests per second >= 0.7 x the static file's, p99 <= 50 ms.

The server: gunicorn with 2 x CPU sync workers by default, as docs/operations.md deploys it behind the
HTTPS proxy. Sync workers close every connection, so wrk reconnects for each request (for both URLs
alike); --worker-class gthread --threads N keeps connections alive instead. Besides req/s and latency,
each run records the CPU time per request of gunicorn (arbiter and workers), Redis (INFO cpu) and wrk:
on a shared virtual machine req/s move with the neighbours' load, CPU time per request much less, and
``ratio_cpu`` (static CPU per request over the page's) tells what the CPUs allow.

How: a throw-away database is created on the PostgreSQL server of DATABASE_URL with Django's test
database creation (``test_<name>``), migrated, and filled with bulk inserts: one enterprise-talent (C6)
notice whose period includes today, its 5,000 applications in stage public_notice with their ranks,
spread over 200 key enterprises. Both URLs are rendered once through the Django test Client (which also
fills the cache); the bytes are written under a temporary STATIC_ROOT (a settings module importing
config.settings and changing only STATIC_ROOT, since WhiteNoise indexes that folder when it starts).
Then gunicorn starts, both pairs are checked byte for byte, warmed up, and measured alternately:
static, dynamic, static, dynamic (--repeat times); the median of the runs is reported. gunicorn is
stopped, the database dropped and the cache keys of the run (their own CACHE_PREFIX) deleted at the
end, also on failure or Ctrl-C.

REDIS_URL is required (production caches in Redis); DATABASE_URL must name a PostgreSQL server.
Prints a JSON document and writes it to bench/results/notice_day.json (and --json). Results and how
to read them: docs/benchmarks.md.
"""

import argparse
import datetime
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "notice_day.json"
GOAL_RATIO = 0.7
GOAL_P99_MS = 50.0
GROUP = "enterprise_talent"  # C6: the largest talent lists; employer column and employer search
EMPLOYERS = 200

# wrk prints one JSON line at the end of a run: throughput, errors and exact percentiles.
WRK_LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""

SETTINGS_MODULE = '''"""config.settings, STATIC_ROOT moved to a temporary folder (bench/bench_notice_day.py)."""
from config.settings import *  # noqa: F401,F403

STATIC_ROOT = {static_root!r}
'''


# --- environment ----------------------------------------------------------------------------------

def refuse(message: str) -> None:
    sys.exit(f"bench_notice_day: {message}")


def check_environment() -> tuple[str, str]:
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        refuse("REDIS_URL is not set. Production caches the public pages in Redis, so this benchmark does too:\n"
               "  REDIS_URL=redis://127.0.0.1:6379/10 DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchnotice "
               "make bench")
    db_url = os.environ.get("DATABASE_URL", "")
    if not db_url.startswith(("postgres://", "postgresql://")):
        refuse(f"DATABASE_URL must name a PostgreSQL server (production runs on PostgreSQL); it is {db_url!r}.\n"
               "  e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchnotice")
    if not shutil.which("wrk"):
        refuse("wrk is not installed (apt-get install wrk).")
    return db_url, redis_url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


# --- data -----------------------------------------------------------------------------------------

def build_notice(n: int):
    """One running C6 notice with n entries in public_notice, built with bulk inserts."""
    from django.db import transaction
    from django.utils import timezone

    from housing import demo
    from housing.demo.accounts import ensure_demo_accounts
    from housing.models import AllocationRound, Application, Employer, HouseholdMember, KeyEnterpriseListing, Relation, SupplyNotice
    from housing.stages import Stage
    from publicity.cache import invalidate_public_pages
    from publicity.models import PublicNotice

    rng = random.Random(2026)
    users = ensure_demo_accounts()
    clerk = users["ccb_clerk"]
    today = timezone.localdate()
    now = timezone.now()
    supply = SupplyNotice.objects.create(
        title="龙华区2026年第一批保障性住房供应公告", body="基准测试", groups=[GROUP],
        application_deadline=today - datetime.timedelta(days=60), published_at=now - datetime.timedelta(days=90),
        created_by=clerk)
    round_ = AllocationRound.objects.create(year=today.year, name=f"{today.year}年第一批", supply_notice=supply,
                                            status=AllocationRound.Status.CLOSED)
    employers = Employer.objects.bulk_create(
        Employer(name=f"深圳市龙华基准科技有限公司{i:03d}", kind="enterprise",
                 credit_code=demo.credit_code(kind="enterprise", serial=20_000 + i))
        for i in range(EMPLOYERS))
    KeyEnterpriseListing.objects.bulk_create(KeyEnterpriseListing(employer=e, year=today.year) for e in employers)
    starts_on = today - datetime.timedelta(days=2)
    ends_on = starts_on + datetime.timedelta(days=6)  # 7 days (notice_days of the shipped policy version); today inside
    ranks = {}
    with transaction.atomic():
        apps, members = [], []
        for i in range(n):
            born = demo.birth_between(rng, datetime.date(1975, 1, 1), datetime.date(2001, 1, 1))
            male = rng.random() < 0.5
            number = demo.id_number(rng, birth=born, male=male, region=rng.choice(demo.identities.REGIONS_SHENZHEN))
            name = demo.person_name(rng, male=male)
            employer = employers[rng.randrange(EMPLOYERS)]
            ranks[employer.pk] = rank = ranks.get(employer.pk, 0) + 1  # ranked within each employer
            apps.append(Application(
                number=f"LH-{today.year}-C6-{i + 1:06d}", round=round_, group=GROUP,
                form=rng.choice(("public_rental", "subsidy")), stage=Stage.PUBLIC_NOTICE, version=8,
                submitted_at=now - datetime.timedelta(days=80), stage_changed_at=now - datetime.timedelta(days=2),
                employer=employer, applicant_name=name, applicant_id_number=number,
                household_size=rng.choice((1, 1, 2, 3)),
                contact_phone="13800000000", talent_degree="master", degree_full_time=True,
                notice_ends_on=ends_on, proposed_rank=rank))
            members.append(HouseholdMember(relation=Relation.APPLICANT, applying=True, name=name, id_number=number,
                                           hukou="shenzhen", marital_status="single"))
        Application.objects.bulk_create(apps, batch_size=2000)
        for application, member in zip(apps, members):
            member.application = application
        HouseholdMember.objects.bulk_create(members, batch_size=2000)
        notice = PublicNotice.objects.create(round=round_, group=GROUP, starts_on=starts_on, ends_on=ends_on,
                                             published_at=now - datetime.timedelta(days=2), published_by=clerk)
        Through = PublicNotice.entries.through
        Through.objects.bulk_create((Through(publicnotice_id=notice.pk, application_id=a.pk) for a in apps),
                                    batch_size=5000)
    invalidate_public_pages()  # bulk writes bypass the signals (docs/decisions/0012)
    return notice


def render(url: str) -> tuple[bytes, dict]:
    """The bytes a resident gets, through the whole middleware stack (this also fills the cache)."""
    from django.test import Client

    response = Client().get(url, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response.content, dict(response.headers)


# --- server and load ------------------------------------------------------------------------------

def start_gunicorn(args, env: dict, port: int, log: Path) -> subprocess.Popen:
    cmd = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
           "--workers", str(args.workers), "--worker-class", args.worker_class, "--keep-alive", str(args.keep_alive),
           "--error-logfile", str(log), "--log-level", "warning"]
    if args.worker_class == "gthread":
        cmd += ["--threads", str(args.threads)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start listening within 30 s")


def stop_gunicorn(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)  # its own session: the arbiter and its workers, nothing else
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def fetch(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), dict(response.headers)


def cpu_ticks() -> list[int]:
    """user, nice, system, idle, iowait, irq, softirq, steal of all CPUs (/proc/stat)."""
    try:
        return [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return [0] * 8


def process_cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children still running (gunicorn: the arbiter and its workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        children = []
    for p in [pid, *children]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except OSError:
            pass
    return total


def redis_cpu_seconds(client) -> float:
    info = client.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def wrk(url: str, args, lua: Path, seconds: int, server=None, redis_client=None) -> dict:
    cmd = ["wrk", "-t", str(args.wrk_threads), "-c", str(args.connections), "-d", f"{seconds}s",
           "--timeout", "5s", "-s", str(lua), url]
    before = cpu_ticks()
    server_before = process_cpu_seconds(server.pid) if server else 0.0
    redis_before = redis_cpu_seconds(redis_client) if redis_client else 0.0
    wrk_before = os.times()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    wrk_after = os.times()
    server_cpu = process_cpu_seconds(server.pid) - server_before if server else 0.0
    redis_cpu = redis_cpu_seconds(redis_client) - redis_before if redis_client else 0.0
    wrk_cpu = (wrk_after.children_user + wrk_after.children_system
               - wrk_before.children_user - wrk_before.children_system)
    used = [b - a for a, b in zip(before, cpu_ticks())]
    total = sum(used) or 1
    line = next((ln for ln in out.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    raw = json.loads(line[len("WRKJSON "):])
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "requests": raw["requests"],
        "errors": errors,
        "MB_per_s": round(raw["bytes"] / (raw["duration_us"] / 1e6) / 1e6, 1),
        # The whole machine during the run: idle shows whether the CPUs were the limit, steal whether
        # the hypervisor took some of them away.
        "cpu_idle_pct": round(100 * (used[3] + used[4]) / total, 1),
        "cpu_steal_pct": round(100 * used[7] / total, 1),
        # CPU time per request (microseconds): unlike req/s, hardly moved by other load on the host.
        "cpu_us_per_request": {
            "gunicorn": round(server_cpu / max(raw["requests"], 1) * 1e6),
            "redis": round(redis_cpu / max(raw["requests"], 1) * 1e6),
            "wrk": round(wrk_cpu / max(raw["requests"], 1) * 1e6),
        },
    }


def median_of(runs: list[dict]) -> dict:
    keys = ("rps", "p50_ms", "p90_ms", "p99_ms")
    summary = {k: round(statistics.median(r[k] for r in runs), 2) for k in keys}
    summary["cpu_us_per_request"] = {k: round(statistics.median(r["cpu_us_per_request"][k] for r in runs))
                                     for k in runs[0]["cpu_us_per_request"]}
    summary["errors"] = sum(r["errors"] for r in runs)
    summary["runs"] = runs
    return summary


# --- facts ----------------------------------------------------------------------------------------

def versions() -> dict:
    from importlib.metadata import version

    import redis
    from django.db import connection

    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].strip()
    try:
        redis_version = redis.Redis.from_url(os.environ["REDIS_URL"]).info("server")["redis_version"]
    except Exception:  # noqa: BLE001 - a fact, not a requirement
        redis_version = "?"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    return {"python": platform.python_version(), "django": version("django"), "gunicorn": version("gunicorn"),
            "whitenoise": version("whitenoise"), "postgresql": pg_version, "redis": redis_version,
            "wrk": wrk_version}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


# --- run ------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk per URL before measuring")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs per URL, alternating with its static twin")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"),
                        help="sync, as docs/operations.md deploys it; gthread keeps connections alive")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--keep-alive", type=int, default=5, help="gunicorn --keep-alive seconds")
    parser.add_argument("--only", choices=("page", "csv"), help="measure one URL only")
    parser.add_argument("--settings-extra", metavar="FILE",
                        help="Python appended to the benchmark's settings module, to try a settings change "
                             "before making it (recorded in the result)")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    db_url, redis_url = check_environment()

    tmp = Path(tempfile.mkdtemp(prefix="bench-notice-day-"))
    static_root = tmp / "static"
    (static_root / "bench").mkdir(parents=True)
    extra = Path(args.settings_extra).read_text() if args.settings_extra else ""
    (tmp / "bench_notice_settings.py").write_text(SETTINGS_MODULE.format(static_root=str(static_root)) + extra)
    lua = tmp / "report.lua"
    lua.write_text(WRK_LUA)
    prefix = f"bench-notice-day-{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"}
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench_notice_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp), str(ROOT), os.environ.get("PYTHONPATH", "")])),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-notice-day-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CACHE_PREFIX": prefix,  # this run's keys only: nothing else in the Redis database is touched
        "LOG_LEVEL": "WARNING",
        "SECURE_SSL_REDIRECT": "0",  # wrk asks gunicorn over plain HTTP, as the HTTPS proxy would
    })
    os.environ.update(env)
    os.environ.pop("DJANGO_DEBUG", None)
    sys.path[:0] = [str(tmp), str(ROOT)]

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)

    import django
    import redis

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    assert not settings.DEBUG and str(settings.STATIC_ROOT) == str(static_root)
    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()

    server = None
    old_name = None
    result = None
    try:
        print(f"creating the throw-away database on {urlsplit(db_url).hostname} ...", file=sys.stderr, flush=True)
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        test_db = connection.settings_dict["NAME"]
        t0 = time.perf_counter()
        notice = build_notice(args.entries)
        built = time.perf_counter() - t0
        print(f"notice {notice.pk}: {args.entries} entries in {built:.1f} s", file=sys.stderr, flush=True)

        page_path = reverse("publicity:notice", args=[notice.pk])
        csv_path = reverse("publicity:notice_export", args=[notice.pk, "csv"])
        pairs = {
            "page": (page_path, f"/static/bench/notice-{notice.pk}-page1.html"),
            "csv": (csv_path, f"/static/bench/notice-{notice.pk}.csv"),
        }
        if args.only:
            pairs = {args.only: pairs[args.only]}
        bodies = {}
        for key, (dynamic, static) in pairs.items():
            body, headers = render(dynamic)
            assert headers.get("X-Public-Cache") == "miss", headers  # stored in the cache now
            (static_root / static.removeprefix("/static/")).write_bytes(body)
            bodies[key] = body
        if "page" in bodies:
            html = bodies["page"].decode()
            rows = len(re.findall(r'<td data-label="[^"]*">LH-\d{4}-C6-\d{6}</td>', html))
            assert rows == 50, f"page 1 shows {rows} rows, not 50"
            assert f"{args.entries}" in html, "the page does not state the number of entries"
        if "csv" in bodies:
            lines = bodies["csv"].decode("utf-8-sig").strip().splitlines()
            assert len(lines) == args.entries + 1, f"the csv has {len(lines) - 1} rows"
        facts = versions()
        connection.close()  # gunicorn's workers get their own connections

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server_env = {**env, "DATABASE_URL": with_database(db_url, test_db)}
        server = start_gunicorn(args, server_env, port, tmp / "gunicorn.log")
        redis_client = redis.Redis.from_url(redis_url)
        for key, (dynamic, static) in pairs.items():
            served, headers = fetch(base + dynamic)
            assert headers.get("X-Public-Cache") == "hit", f"{dynamic} was not answered from the cache: {headers}"
            as_file, file_headers = fetch(base + static)
            assert served == as_file == bodies[key], f"{key}: the page and the static file differ"
        print("both URLs of each pair return identical bytes; warming up ...", file=sys.stderr, flush=True)
        for dynamic, static in pairs.values():
            wrk(base + static, args, lua, args.warmup)
            wrk(base + dynamic, args, lua, args.warmup)

        measured = {}
        for key, (dynamic, static) in pairs.items():
            runs = {"static": [], "app": []}
            for i in range(args.repeat):
                for kind, path in (("static", static), ("app", dynamic)):
                    run = wrk(base + path, args, lua, args.duration, server, redis_client)
                    runs[kind].append(run)
                    print(f"{key} {kind:6} run {i + 1}: {run['rps']:8.1f} req/s  p50 {run['p50_ms']:6.2f} ms  "
                          f"p99 {run['p99_ms']:6.2f} ms  errors {run['errors']}  idle {run['cpu_idle_pct']}%  "
                          f"cpu us/req {run['cpu_us_per_request']}", file=sys.stderr, flush=True)
            app, stat = median_of(runs["app"]), median_of(runs["static"])
            ratio = round(app["rps"] / stat["rps"], 3)
            cpu_app, cpu_static = sum(app["cpu_us_per_request"].values()), sum(stat["cpu_us_per_request"].values())
            measured[key] = {
                "url": dynamic, "static_url": static, "bytes": len(bodies[key]),
                "app": app, "static": stat, "ratio_rps": ratio,
                # What the CPUs allow: static CPU per request over the page's (gunicorn + Redis + wrk).
                "ratio_cpu": round(cpu_static / cpu_app, 3) if cpu_app else None,
                "goal_ratio_met": ratio >= GOAL_RATIO, "goal_p99_met": app["p99_ms"] <= GOAL_P99_MS,
                "goals_met": ratio >= GOAL_RATIO and app["p99_ms"] <= GOAL_P99_MS and app["errors"] == 0,
            }
        for dynamic, _static in pairs.values():  # still the cached page (a run across midnight is not)
            _body, headers = fetch(base + dynamic)
            if headers.get("X-Public-Cache") != "hit":
                raise RuntimeError(f"{dynamic} was no longer answered from the cache at the end of the run")
        if "page" in measured:
            measured["page"]["what"] = f"page 1 (50 rows) of a {args.entries}-entry notice, as residents open it"
        if "csv" in measured:
            measured["csv"]["what"] = f"the full CSV download of the {args.entries} entries"
        result = {
            "benchmark": "notice_day_public_page_vs_static",
            "entries": args.entries,
            "group": GROUP,
            **measured,
            "goals": {"ratio_min": GOAL_RATIO, "p99_max_ms": GOAL_P99_MS},
            "goals_met": all(m["goals_met"] for m in measured.values()),
            "load": {"tool": "wrk", "connections": args.connections, "threads": args.wrk_threads,
                     "seconds_per_run": args.duration, "runs_per_url": args.repeat,
                     "keep_alive": args.worker_class != "sync",  # sync workers close every connection
                     "order": "static, app, static, app (median of the runs)", "same_machine": True},
            "server": {"gunicorn": {"worker_class": args.worker_class, "workers": args.workers,
                                    "threads": args.threads if args.worker_class == "gthread" else 1,
                                    "keep_alive_s": args.keep_alive if args.worker_class == "gthread" else None,
                                    "access_log": False},
                       "debug": False, "cache": settings.CACHES["default"]["BACKEND"],
                       "settings_extra": extra or None,
                       "static": "WhiteNoise (CompressedStaticFilesStorage; wrk asks for no compression)"},
            "machine": {"cpus": os.cpu_count(), "cpu": cpu_model(), "os": platform.platform(), **facts},
            "building_the_notice_seconds": round(built, 1),
            "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        }
    finally:
        stop_gunicorn(server)
        if old_name is not None:
            connection.close()
            connection.creation.destroy_test_db(old_name, verbosity=0)
        try:
            client = redis.Redis.from_url(redis_url)
            stale = list(client.scan_iter(f"{prefix}:*"))
            if stale:
                client.delete(*stale)
        except Exception as exc:  # noqa: BLE001 - cleaning up must not hide the real error
            print(f"could not delete the cache keys {prefix}:*: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)

    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n")
    if args.json:
        Path(args.json).write_text(text + "\n")


if __name__ == "__main__":
    main()
