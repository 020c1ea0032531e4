"""Ranking a round of N eligible applications through the service and the database (R-23, R-24, issue #3).

    DJANGO_DEBUG=1 .venv/bin/python bench/bench_rank_round.py [--applications 100000] [--json out.json]

What is timed is ``housing.ranking.services.rank_round`` exactly as the ranking page calls it:
load the round's eligible applications with their applicants and employers, build the
candidates, rank every queue (C6: one per employer, R-23.2), draw the lottery keys (R-23.3)
and store one RankingEntry per application. A throw-away test database is created (SQLite by
default; DATABASE_URL for PostgreSQL) and dropped at the end. Goal: <= 10 s and <= 1 GiB peak.
"""

import argparse
import datetime
import json
import os
import platform
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from housing import demo  # noqa: E402
from housing.demo.accounts import ensure_demo_accounts  # noqa: E402
from housing.groups import Form, Group  # noqa: E402
from housing.models import AllocationRound, Application, Employer, HouseholdMember, KeyEnterpriseListing, Relation, SupplyNotice  # noqa: E402
from housing.ranking.services import rank_round  # noqa: E402
from housing.stages import Stage  # noqa: E402

GROUP = Group.ENTERPRISE_TALENT  # the hardest case: one queue per employer, title and degree keys
EMPLOYERS = 500


def build(n: int, users: dict) -> AllocationRound:
    rng = random.Random(2026)
    clerk = users["ccb_clerk"]
    notice = SupplyNotice.objects.create(title="基准测试", body="基准测试", groups=[GROUP],
                                         application_deadline=datetime.date(2026, 6, 30),
                                         published_at=timezone.now(), created_by=clerk)
    round_ = AllocationRound.objects.create(year=2026, name="基准轮次", supply_notice=notice)
    employers = Employer.objects.bulk_create(
        Employer(name=f"基准企业{i:04d}", kind="enterprise",
                 credit_code=demo.credit_code(kind="enterprise", serial=10_000 + i))
        for i in range(EMPLOYERS))
    KeyEnterpriseListing.objects.bulk_create(KeyEnterpriseListing(employer=e, year=2026) for e in employers)
    submitted = timezone.now()
    batch = 10_000
    for start in range(0, n, batch):
        with transaction.atomic():
            apps, members = [], []
            for i in range(start, min(start + batch, n)):
                born = demo.birth_between(rng, datetime.date(1990, 1, 2), datetime.date(2001, 1, 1))
                number = demo.id_number(rng, birth=born, male=rng.random() < 0.5, region="440309")
                kind = rng.choices(("full_senior", "deputy_senior", "doctorate", "master", "bachelor"),
                                   (5, 10, 10, 35, 40))[0]
                facts = ({"talent_title": kind, "talent_degree": "doctorate"} if kind.endswith("senior")
                         else {"talent_degree": kind})
                name = demo.person_name(rng, male=True)
                apps.append(Application(
                    number=f"LH-2026-C6-{i + 1:06d}", round=round_, group=GROUP, form=Form.PUBLIC_RENTAL,
                    stage=Stage.ELIGIBLE, version=5, submitted_at=submitted, stage_changed_at=submitted,
                    employer=employers[rng.randrange(EMPLOYERS)], applicant_name=name, applicant_id_number=number,
                    household_size=1, contact_phone="13800000000", degree_full_time=True,
                    honours=["labour_model"] if rng.random() < 0.01 else [], **facts))
                members.append(HouseholdMember(relation=Relation.APPLICANT, applying=True, name=name,
                                               id_number=number, hukou="shenzhen", marital_status="single"))
            Application.objects.bulk_create(apps)
            for application, member in zip(apps, members):
                member.application = application
            HouseholdMember.objects.bulk_create(members)
    return round_


def run(n: int, trace: bool) -> dict:
    users = ensure_demo_accounts()
    t0 = time.perf_counter()
    round_ = build(n, users)
    built = time.perf_counter() - t0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:  # tracemalloc slows Python down several times: a separate run measures memory
        tracemalloc.start()
    t0 = time.perf_counter()
    ranking = rank_round(actor=users["econ_reviewer"], round=round_, group=GROUP, seed="20261129-LONGHUA",
                         rule_text="按职称、学历排序；同等条件下劳动模范等优先；仍相同者公开摇号。")
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    tracemalloc.stop()
    entries = ranking.entries.count()
    ranked = ranking.entries.filter(rank__isnull=False).count()
    assert entries == n, (entries, n)
    return {
        "benchmark": "rank_round_through_service",
        "applications": n,
        "employers": EMPLOYERS,
        "ranked": ranked,
        "excluded": entries - ranked,
        "seconds": round(seconds, 2),
        "goal_seconds": 10,
        "tracemalloc_peak_mib": round(peak / 2**20, 1) if trace else None,
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "max_rss_before_mib": round(rss_before / 1024, 1),
        "goal_peak_mib": 1024,
        "building_the_round_seconds": round(built, 1),
        "database": connection.vendor,
        "python": platform.python_version(),
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        result = run(args.applications, args.tracemalloc)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
