"""The nightly retention purge (R-X.2, decision 0043) on PostgreSQL: how long it takes to purge N closed
applications (each with 3 members and 2 document files), and how long a second run takes to find nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_retention PORTAL_VAR_DIR=/tmp/bench-retention \
        DJANGO_DEBUG=1 .venv/bin/python bench/retention_purge.py --applications 20000

The applications are copies of one registered application (written behind the services' back, like an old
import), withdrawn ten years ago; only the purge is timed. Goal: well inside the job's 20-minute budget.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(applications: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from departments.models import StaffUser, Unit
    from housing.models import Application, Document, HouseholdMember, PurgedApplication
    from housing.retention.purge import purge_past_retention

    assert connection.vendor == "postgresql", "the benchmark runs on PostgreSQL (DATABASE_URL)"
    call_command("migrate", verbosity=0)
    template = Application.objects.first()
    if template is None:
        sys.exit("seed one application first (seed_demo), then run again")
    members = list(HouseholdMember.objects.filter(application=template))
    clerk = StaffUser.objects.filter(unit__in=Unit.objects.filter(code="ccb")).first()
    long_ago = timezone.now() - datetime.timedelta(days=3650)
    have = Application.objects.filter(number__startswith="BENCH-").count()
    for start in range(have, applications, 1000):
        batch = []
        for i in range(start, min(start + 1000, applications)):
            app = Application.objects.get(pk=template.pk)
            app.pk = None
            app.number = f"BENCH-{i:07d}"
            app.stage_changed_at = long_ago
            app.applicant_id_number = f"44030919800101{i % 10000:04d}"
            batch.append(app)
        created = Application.objects.bulk_create(batch)
        Application.objects.filter(pk__in=[a.pk for a in created]).update(stage="withdrawn")
        rows, docs = [], []
        for app in created:
            for n, m in enumerate(members[:3]):
                rows.append(HouseholdMember(**{f.attname: getattr(m, f.attname) for f in m._meta.concrete_fields
                                               if f.attname not in ("id", "application_id", "id_number")},
                                            application_id=app.pk, id_number=f"{app.applicant_id_number[:17]}{n}"))
            for kind in ("id_card", "hukou"):
                name = default_storage.save(f"documents/{app.number}/{kind}.pdf",
                                            __import__("io").BytesIO(b"%PDF-1.4 bench"))
                docs.append(Document(application_id=app.pk, kind=kind, file=name, original_name=f"{kind}.pdf",
                                     extension="pdf", size=14, sha256="0" * 64, uploaded_by=clerk,
                                     uploaded_at=long_ago))
        HouseholdMember.objects.bulk_create(rows)
        Document.objects.bulk_create(docs)
    due = Application.objects.filter(number__startswith="BENCH-", purge__isnull=True).count()
    started = time.perf_counter()
    records = purge_past_retention()
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = purge_past_retention()
    second = time.perf_counter() - started
    print(f"due {due} applications; first run purged {records[0].items} applications and {records[0].files} "
          f"files in {first:.1f} s; second run purged {sum(r.items for r in again)} in {second:.2f} s; "
          f"purged in total {PurgedApplication.objects.count()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=20000)
    main(parser.parse_args().applications)
