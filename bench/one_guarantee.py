"""One household, one guarantee (R-3.2, decision 0038): the intake check and the nightly search for flagged sets
on PostgreSQL, at 2,000 and at 200,000 applications.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_guarantee DJANGO_DEBUG=1 \
        .venv/bin/python bench/one_guarantee.py --households 200000 [--json out.json]
    .venv/bin/python bench/one_guarantee.py --compare postgres://postgres@127.0.0.1:5432/bench_guarantee \
        [--small 2000 --large 200000]

One run: migrate the database of DATABASE_URL, seed it as ``make seed-large`` does (``seed_demo --households N``)
when it holds fewer applications, plant ``N / 50`` duplicates (at most 4,000: a person of one household copied into
another, as applicant, co-applicant or member, written behind intake's back like an old import), then time
  * the intake check (``housing.guarantees.checks.intake_refusals``) of 400 households, half of them naming a
    person already on an application: median and 95th percentile per household, and its queries;
  * ``find_flagged_sets``, the nightly job: the first run (flags the planted sets) and a second run (finds
    nothing new). Goal: <= 10 s.
``--compare`` runs both sizes on two databases (``<url>_small`` and ``<url>``) and prints the ratio of the intake
check's medians (goal: about 1).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_one(households: int, out: str | None, migrate: bool = True) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from housing.guarantees.checks import intake_refusals
    from housing.guarantees.flagging import find_flagged_sets
    from housing.guarantees.register import link_members
    from housing.models import Application, FlaggedSet, HouseholdMember
    from housing.review.services.intake import IntakeData

    assert connection.vendor == "postgresql", "the benchmark runs on PostgreSQL (DATABASE_URL)"
    if migrate:
        call_command("migrate", verbosity=0)
    have = Application.objects.count()
    if have < households:
        started = time.perf_counter()
        call_command("seed_demo", households=households - have, verbosity=0)
        print(f"seeded {households - have} households in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    total = Application.objects.count()

    # Plant the duplicates once (a marker row tells a second run they are there).
    rng = random.Random(38)
    planted = min(4000, max(40, households // 50))
    if not HouseholdMember.objects.filter(name="基准重复").exists():
        ids = list(Application.objects.values_list("pk", flat=True))
        sources = rng.sample(ids, planted)
        targets = rng.sample([i for i in ids if i not in set(sources)], planted)
        people = dict(HouseholdMember.objects.filter(application_id__in=sources, relation="applicant")
                      .values_list("application_id", "id_number"))
        rows = [HouseholdMember(application_id=t, relation=rng.choice(("parent", "sibling", "other")),
                                applying=False, name="基准重复", id_number=people[s])
                for s, t in zip(sources, targets) if s in people]
        link_members(HouseholdMember.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=False))
    # A fresh search each run (the staff actions of earlier runs stay: the log is append-only).
    FlaggedSet.applications.through.objects.all().delete()
    FlaggedSet.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after the bulk load

    # The intake check: half the households name a person already on an application.
    known = list(HouseholdMember.objects.order_by("?").values_list("id_number", flat=True)[:200])
    round_ = Application.objects.select_related("round").first().round
    datas = []
    for i in range(400):
        fresh = f"44030919900101{i:03d}"
        number = known[i // 2] if i % 2 else fresh + "0"
        datas.append(IntakeData(round=round_, group="no_housing", form="public_rental", members=[
            {"relation": "applicant", "name": "基准", "id_number": number},
            {"relation": "spouse", "name": "配偶", "id_number": f"44030919910101{i:03d}1"}]))
    today = timezone.localdate()
    for data in datas[:20]:  # warm the connection and the caches
        intake_refusals(data, today=today)
    times, refused = [], 0
    for data in datas:
        started = time.perf_counter()
        refused += bool(intake_refusals(data, today=today))
        times.append(time.perf_counter() - started)
    times.sort()
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        for data in datas[:100]:
            intake_refusals(data, today=today)

    started = time.perf_counter()
    found = find_flagged_sets()
    first_run = time.perf_counter() - started
    started = time.perf_counter()
    again = find_flagged_sets()
    second_run = time.perf_counter() - started
    result = {
        "applications": total,
        "household_members": HouseholdMember.objects.count(),
        "planted_duplicates": planted,
        "intake_check_median_ms": round(statistics.median(times) * 1000, 3),
        "intake_check_p95_ms": round(times[int(len(times) * 0.95)] * 1000, 3),
        "intake_check_queries_per_household": round(len(queries) / 100, 2),
        "intake_refused": refused,
        "flagged_sets_found": found,
        "job_first_run_s": round(first_run, 2),
        "job_second_run_s": round(second_run, 2),
        "job_second_run_found": again,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if out:
        Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return result


def compare(url: str, small: int, large: int) -> None:
    results = {}
    for name, size, database in (("small", small, url + "_small"), ("large", large, url)):
        base, dbname = database.rsplit("/", 1)
        subprocess.run(["psql", base + "/postgres", "-qc", f"CREATE DATABASE {dbname}"], capture_output=True)
        out = ROOT / "bench" / "results" / f"one_guarantee_{size}.json"
        env = {**os.environ, "DATABASE_URL": database, "DJANGO_DEBUG": "1"}
        subprocess.run([sys.executable, __file__, "--households", str(size), "--json", str(out)], env=env, check=True)
        results[name] = json.loads(out.read_text(encoding="utf-8"))
    ratio = results["large"]["intake_check_median_ms"] / results["small"]["intake_check_median_ms"]
    print(f"intake check median: {results['small']['intake_check_median_ms']} ms at "
          f"{results['small']['applications']} applications, {results['large']['intake_check_median_ms']} ms at "
          f"{results['large']['applications']}: ratio {ratio:.2f}; nightly job at the larger size: "
          f"{results['large']['job_first_run_s']} s (goal <= 10 s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--json")
    parser.add_argument("--compare", metavar="DATABASE_URL")
    parser.add_argument("--no-migrate", action="store_true", help="The database is migrated already.")
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--large", type=int, default=200_000)
    args = parser.parse_args()
    if args.compare:
        compare(args.compare, args.small, args.large)
    else:
        run_one(args.households, args.json, migrate=not args.no_migrate)
