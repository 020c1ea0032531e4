"""The staff-action chain (docs/decisions/0042): the cost of chaining rows written in bulk, and of the nightly check.

    DATABASE_URL=postgres://... .venv/bin/python bench/audit_chain.py [N]

Writes N staff actions (in batches of 1,000, as the stock import does) into the configured database, then checks the
whole chain; prints both timings. The rows stay (the log is append-only): use a scratch database.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from housing.audit.chains import verify_staff_action_chain  # noqa: E402
from housing.models import OfficeAction  # noqa: E402


def main(n: int) -> None:
    started = time.perf_counter()
    for start in range(0, n, 1000):
        OfficeAction.objects.bulk_create([
            OfficeAction(actor_name="bench", action="unit_updated_by_import", object_type="housingunit",
                         object_id=str(i), summary=f"房源 {i} 已按导入文件更新", data={"row": i, "rent": "35.50"})
            for i in range(start, min(n, start + 1000))])
    written = time.perf_counter() - started
    started = time.perf_counter()
    broken = verify_staff_action_chain()
    checked = time.perf_counter() - started
    total = OfficeAction.objects.count()
    print(f"wrote {n} chained rows in {written:.2f}s ({n / written:,.0f}/s); "
          f"checked {total} rows in {checked:.2f}s ({total / checked:,.0f}/s); broken: {broken[:5]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
