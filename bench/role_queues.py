"""What does each role's landing page cost at a large volume? (docs/decisions/0046)

    .venv/bin/python bench/role_queues.py                      # 200,000 generated applications
    .venv/bin/python bench/role_queues.py --households 20000   # quicker
    .venv/bin/python bench/role_queues.py --explain            # also EXPLAIN ANALYZE the slowest queries

Needs a PostgreSQL server (BENCH_DATABASE_URL or DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres).
On it, the database `bench_role_queues` is created, migrated and filled by `manage.py seed_demo --households N`, as
`make seed-large` does (kept between runs, topped up; --fresh starts over). Then, in a child process with DEBUG off,
each landing page and sorted list below is requested through Django's test Client: the median and 90th-percentile
wall time of --requests requests after --warmup ones, and the number of queries of one request. Prints a table and
writes bench/results/role_queues.json.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_staff_lists import ROOT, explain, prepare, server_url

RESULTS = ROOT / "bench" / "results" / "role_queues.json"
DATABASE = "bench_role_queues"

# (key, what, login, URL name, query string)
PAGES = [
    ("ccb_clerk", "landing page, CCB clerk", "ccb_clerk", "housing:work_queue", ""),
    ("ccb_reviewer", "landing page, CCB reviewer", "ccb_reviewer", "housing:work_queue", ""),
    ("ccb_head", "landing page, CCB head", "ccb_head", "housing:work_queue", ""),
    ("social_reviewer", "landing page, Social Construction reviewer", "social_reviewer", "housing:work_queue", ""),
    ("finance_reviewer", "landing page, Finance reviewer", "finance_reviewer", "housing:work_queue", ""),
    ("finance_head", "landing page, Finance head", "finance_head", "housing:work_queue", ""),
    ("joint_meeting", "landing page, Joint Meeting", "joint_meeting", "housing:work_queue", ""),
    ("discipline", "landing page, discipline inspection", "discipline", "housing:work_queue", ""),
    ("list_received", "application list, newest received first (CCB clerk)", "ccb_clerk",
     "housing:application_list", ""),
    ("list_name", "application list by name (CCB clerk)", "ccb_clerk", "housing:application_list", "sort=name"),
    ("list_waiting", "application list, longest waiting first, C3 at formal review", "ccb_clerk",
     "housing:application_list", "group=no_housing&stage=submitted&sort=-waiting"),
    ("list_number_last", "application list by number, last page (CCB clerk)", "ccb_clerk",
     "housing:application_list", "sort=-number&page=last"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args)))
        return
    env = dict(os.environ)
    db_url = prepare(server_url(), DATABASE, args.households, fresh=args.fresh, env=env)
    child = {**env, "DATABASE_URL": db_url, "SECRET_KEY": "bench-only-not-a-secret"}
    child.pop("DJANGO_DEBUG", None)
    child.pop("REDIS_URL", None)
    cmd = [sys.executable, __file__, "--measure", "--requests", str(args.requests), "--warmup", str(args.warmup)]
    if args.explain:
        cmd.append("--explain")
    result = json.loads(subprocess.run(cmd, env=child, cwd=ROOT, check=True, capture_output=True,
                                       text=True).stdout.splitlines()[-1])
    print(f"{result['applications']:,} applications, PostgreSQL {result['server_version']}")
    print(f"{'page':58} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for key, what, *_ in PAGES:
        page = result["pages"][key]
        print(f"{what:58} {page['median_ms']:10.1f} {page['p90_ms']:8.1f} {page['queries']:8d}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "role landing pages and sorted lists, median wall time through Django's test Client, DEBUG off",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **result,
    }, indent=2, ensure_ascii=False) + "\n")


def measure(args) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import warnings

    import django

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
            _verify_second_factor(clients[login], User.objects.get(username=login))
        client = clients[login]
        url = reverse(url_name) + (f"?{query}" if query else "")
        for _ in range(args.warmup):
            response = client.get(url, secure=True)  # DEBUG off: plain HTTP is redirected (decision 0026)
            if response.status_code != 200:
                raise SystemExit(f"{url} as {login} answered {response.status_code}")
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(url, secure=True)  # DEBUG off: plain HTTP is redirected (decision 0026)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(url, secure=True)  # DEBUG off: plain HTTP is redirected (decision 0026)
        page = {"url": url, "median_ms": round(statistics.median(times), 2),
                "p90_ms": round(sorted(times)[max(int(len(times) * 0.9) - 1, 0)], 2),
                "queries": len(captured.captured_queries)}
        if args.explain:
            page["slowest"] = explain(connection, captured.captured_queries)
        out["pages"][key] = page
    return out


def _verify_second_factor(client, user) -> None:
    """A head's session counts as signed in with both factors, as after the authenticator's code
    (docs/decisions/0029); the benchmark measures the page, not the sign-in."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from departments.second_factor import DEVICE_NAME, confirmed_device, needs_second_factor

    if needs_second_factor(user):
        device = confirmed_device(user) or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


if __name__ == "__main__":
    main()
