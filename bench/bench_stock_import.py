"""How fast is the stock import (R-16.8b, R-X.5)? The dry run (preview) and the real import of an xlsx of 5,000 homes.

    .venv/bin/python bench/bench_stock_import.py                  # SQLite (a temporary database file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper_stock .venv/bin/python bench/bench_stock_import.py
    .venv/bin/python bench/bench_stock_import.py -n 10000 --out bench/results/stock_import.json

Runs against a throw-away test database (Django's test-database creation: ``test_<name>`` on PostgreSQL, a
temporary file on SQLite), migrated from scratch, so it never touches a real stock. Generates the workbook
first (fixed seed; 4 projects, 2 forms, 20 buildings, every unit type; not timed), then times, each through the
service a clerk's click calls (housing.stock.services):

1. preview of the new file (read, check, dry run in a rolled-back transaction) on an empty stock;
2. the real import of that file (creates every project, building and home; one OfficeAction per home);
   the resource runs in django-import-export's bulk mode: INSERTs of 500 homes, the UPDATEs of a batch sent
   together, the OfficeActions inserted 1,000 at a time;
3. preview and import of the same homes with every rent changed (the update path);
4. preview of the unchanged file again (every row unchanged).

Prints rows per second for each and writes a JSON summary with --out.
"""

import argparse
import io
import json
import os
import platform
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNIT_TYPES = [("单间", 28, 35), ("一房一厅", 40, 50), ("两房一厅", 60, 75), ("三房一厅", 85, 95)]


def workbook(n: int, *, rent_bump: int = 0, seed: int = 48) -> bytes:
    import openpyxl

    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("房源")
    sheet.append(["项目", "地址", "产权单位", "保障形式", "楼栋", "房号", "户型", "面积", "楼层", "月租金", "售价", "市场租金"])
    projects = [("民治公租房一期", "公共租赁住房"), ("观澜公租房", "公共租赁住房"), ("龙华经适房", "经济适用住房"),
                ("大浪人才公寓", "公共租赁住房")]
    for i in range(n):
        name, form = projects[i % len(projects)]
        building = f"{(i // len(projects)) % 5 + 1}栋"
        floor = (i // 20) % 30 + 1
        number = f"{i // 20:03d}{i % 20 + 1:02d}"  # unique in the file
        unit_type, low, high = UNIT_TYPES[rng.randrange(4)]
        area = Decimal(rng.randint(low * 100, high * 100)) / 100
        rental = form == "公共租赁住房"
        rent = (area * Decimal("26.50")).quantize(Decimal("0.01")) + rent_bump if rental else None
        price = None if rental else (area * Decimal("11000")).quantize(Decimal("0.01"))
        market = (area * Decimal("55")).quantize(Decimal("0.01")) if rental else None
        sheet.append([name, f"深圳市龙华区{name}路1号", "深圳市龙华区住房和建设局", form, building, number,
                      unit_type, float(area), floor, None if rent is None else float(rent),
                      None if price is None else float(price), None if market is None else float(market)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rows", type=int, default=5000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    scratch = Path(tempfile.mkdtemp(prefix="bench-stock-"))
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    import django
    from django.conf import settings

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(scratch / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        result = run(args.rows)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    result.update({"database": connection.vendor, "python": platform.python_version(), "cpus": os.cpu_count(),
                   "rows": args.rows})
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


def run(n: int) -> dict:
    from departments.models import StaffUser, Unit
    from django.db.models import Count

    from housing.models import HousingUnit, OfficeAction
    from housing.stock import services as stock

    clerk = StaffUser.objects.create(username="bench-ccb-clerk", unit=Unit.objects.get(code="ccb"), roles=["clerk"])
    started = time.perf_counter()
    new_file = workbook(n)
    changed_file = workbook(n, rent_bump=10)
    print(f"generated two workbooks of {n} rows ({len(new_file) / 1024:.0f} KiB each) in "
          f"{time.perf_counter() - started:.1f}s", flush=True)

    timings = {}

    def timed(label, call):
        begin = time.perf_counter()
        report = call()
        seconds = time.perf_counter() - begin
        assert not report.problems, [p.text() for p in report.problems[:5]]
        timings[label] = {"seconds": round(seconds, 2), "rows_per_second": round(n / seconds),
                          "new": report.new, "updated": report.updated, "unchanged": report.unchanged}
        print(f"{label:<34} {seconds:7.2f} s  {n / seconds:8.0f} rows/s  "
              f"(new {report.new}, updated {report.updated}, unchanged {report.unchanged})", flush=True)
        return report

    token = stock.stage_stock_file(actor=clerk, name="new.xlsx", content=new_file)
    preview = timed("dry run, empty stock", lambda: stock.preview_stock_import(actor=clerk, token=token))
    assert not HousingUnit.objects.exists()
    timed("import, creating every home", lambda: stock.import_stock_file(actor=clerk, token=token,
                                                                         sha256=preview.sha256))
    assert HousingUnit.objects.count() == n
    token = stock.stage_stock_file(actor=clerk, name="changed.xlsx", content=changed_file)
    preview = timed("dry run, every rent changed", lambda: stock.preview_stock_import(actor=clerk, token=token))
    report = timed("import, updating every home", lambda: stock.import_stock_file(actor=clerk, token=token,
                                                                                  sha256=preview.sha256))
    # the batched writes did write: every updated home has its new rent and version 2, the others version 1
    versions = dict(HousingUnit.objects.values_list("version").annotate(n=Count("id")))
    assert versions == {2: report.updated, 1: n - report.updated}, versions
    assert OfficeAction.objects.filter(action="unit_updated_by_import").count() == report.updated
    token = stock.stage_stock_file(actor=clerk, name="changed-again.xlsx", content=changed_file)
    timed("dry run, nothing changed", lambda: stock.preview_stock_import(actor=clerk, token=token))
    return {"timings": timings, "office_actions": OfficeAction.objects.count()}


if __name__ == "__main__":
    main()
