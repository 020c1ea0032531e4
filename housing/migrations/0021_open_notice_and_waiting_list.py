"""R-16.4–16.7, R-18, R-24: open notices, the waiting list carried to the next round, selection order.

docs/decisions/0040: a public notice starts on the day it is published or later. A notice not yet announced whose
recorded start lies before the day it was published is moved to start on that day, keeping its length, so it is
open for objections on the public site for every day of its period and is announced only after it; its entries'
last notice day moves with it. Announced notices are history and stay as they were.
"""

from django.db import migrations
from django.utils import timezone


def start_open_notices_on_their_publication(apps, schema_editor):
    PublicNotice = apps.get_model("publicity", "PublicNotice")
    Application = apps.get_model("housing", "Application")
    for notice in PublicNotice.objects.filter(announced_at__isnull=True).iterator():
        published_on = timezone.localdate(notice.published_at)
        if notice.starts_on >= published_on:
            continue
        length = notice.ends_on - notice.starts_on
        notice.starts_on, notice.ends_on = published_on, published_on + length
        notice.save(update_fields=["starts_on", "ends_on"])
        Application.objects.filter(public_notices=notice).update(notice_ends_on=notice.ends_on)


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0020_key_enterprise_lists"),
        ("publicity", "0003_objection_contact_verified"),
    ]

    operations = [
        migrations.RunPython(start_open_notices_on_their_publication, migrations.RunPython.noop),
    ]
