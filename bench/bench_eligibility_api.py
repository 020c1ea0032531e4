"""Eligibility checks per second through POST /api/v1/eligibility, in one process.

    SECRET_KEY=x .venv/bin/python bench/bench_eligibility_api.py [--seconds 5] [--json out.json]

The Django test Client drives the whole stack (middleware, URL routing, validation against the
contract's schema, the policy query, the engine, JSON) without network noise. A throw-away test
database is created (SQLite in memory by default; DATABASE_URL for PostgreSQL) and dropped at the end.
"""

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from stdnum.cn import ric, uscc  # noqa: E402


def _id(birth: datetime.date, order: int) -> str:
    body = f"440309{birth:%Y%m%d}{order % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def _credit(n: int) -> str:
    body = f"91440300{n:09d}"
    return body + uscc.calc_check_digit(body + "0")


def dossiers() -> list[dict]:
    """A mix: a C3 family of three and a C6 talent asking for a subsidy."""
    clean = dict(hukou="longhua", hukou_since="2005-01-01", hukou_by_joining=False, social_insurance_months=60,
                 first_social_insurance_date="2012-01-01", owns_housing=False, owns_residential_land=False,
                 bought_policy_housing_in_city=False, bought_policy_housing_elsewhere=False,
                 received_price_difference_payment=False, rents_affordable_housing=False,
                 received_purchase_subsidy=False, family_planning_violation=False)
    family = {
        "ref": "B-1", "group": "no_housing", "form": "public_rental", "application_date": "2026-03-15",
        "applicant": {"name": "甲", "id_number": _id(datetime.date(1985, 1, 2), 1), "marital_status": "married", **clean},
        "members": [
            {"name": "乙", "id_number": _id(datetime.date(1986, 3, 4), 2), "relation": "spouse", "applying": True,
             "marital_status": "married", **clean},
            {"name": "丙", "id_number": _id(datetime.date(2015, 5, 6), 3), "relation": "child", "applying": True, **clean},
        ],
    }
    talent = {
        "ref": "B-2", "group": "enterprise_talent", "form": "subsidy", "application_date": "2026-03-15",
        "applicant": {"name": "丁", "id_number": _id(datetime.date(1995, 6, 1), 4), "marital_status": "single",
                      **dict(clean, hukou="shenzhen")},
        "employer": {"name": "某企业", "credit_code": _credit(1), "kind": "enterprise", "key_enterprise_year": 2026},
        "talent": {"degree": "master", "full_time": True},
    }
    return [family, talent]


def run(seconds: float) -> dict:
    # One address sends every request: lift its allowance (docs/api.md, Limits) so that every answer is a real
    # check; the counter itself is still hit, as in production.
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "api_eligibility": (10**9, 60)}
    client = Client()
    bodies = [json.dumps(d).encode() for d in dossiers()]
    for body in bodies:  # warm up, and make sure the answer is the real one
        response = client.post("/api/v1/eligibility", body, content_type="application/json")
        assert response.status_code == 200 and response.json()["eligible"] is True, response.content
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for body in bodies:
            response = client.post("/api/v1/eligibility", body, content_type="application/json")
            assert response.status_code == 200, response.status_code
        count += len(bodies)
    elapsed = time.perf_counter() - start
    return {
        "benchmark": "eligibility_api_in_process",
        "requests": count,
        "seconds": round(elapsed, 3),
        "checks_per_second": round(count / elapsed, 1),
        "ms_per_check": round(1000 * elapsed / count, 3),
        "database": connection.vendor,
        "python": platform.python_version(),
        "django": django.get_version(),
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        result = run(args.seconds)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
