"""What a written notice adds to a step (docs/decisions/0032): formal reviews concluded with a return (which issues
a numbered notice in the step's transaction) against formal reviews concluded with a pass (no notice).

    SECRET_KEY=x .venv/bin/python bench/written_notices.py [--n 200] [--json out.json]

A throw-away test database is created (SQLite in memory by default; DATABASE_URL for PostgreSQL) and dropped at
the end. Applications are registered through the intake service with the test factories.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def run(n: int) -> dict:
    from housing.cases.checklists import REQUIRED
    from housing.models import WrittenNotice
    from housing.review.services.reviews import conclude_formal_review
    from tests.factories import AllocationRoundFactory, ApplicationFactory, staff
    from tests.support.materials import hand_in

    clerk = staff("ccb", "clerk")
    round_ = AllocationRoundFactory()
    apps = [ApplicationFactory(round=round_) for _ in range(2 * n)]
    for app in apps:  # an item passes only with its file
        hand_in(app, REQUIRED[app.group], actor=clerk)
    timings = {"return (with notice)": [], "pass (no notice)": []}
    for i, app in enumerate(apps):
        returned = i % 2 == 0
        items = {code: not returned for code in REQUIRED[app.group]}
        start = time.perf_counter()
        conclude_formal_review(actor=clerk, application=app, expected_version=1, items=items)
        timings["return (with notice)" if returned else "pass (no notice)"].append(time.perf_counter() - start)
    assert WrittenNotice.objects.count() == n
    return {name: {"steps": len(values), "median_ms": round(statistics.median(values) * 1000, 2),
                   "p95_ms": round(sorted(values)[int(len(values) * 0.95) - 1] * 1000, 2)}
            for name, values in timings.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--json")
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        result = {"database": connection.vendor, "python": platform.python_version(), **run(args.n)}
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
