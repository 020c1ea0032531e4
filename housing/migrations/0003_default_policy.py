"""SPEC §13: the shipped defaults, in force from the measures' issue (深龙华办〔2014〕48号).

No official low-income line, asset limit or C2 subsidy standard is shipped: an administrator
enters them; until then the conditions that need one stay undecided.
"""

import datetime
from decimal import Decimal

from django.db import migrations

DEFAULT_VERSION = "2014-48-defaults"


def ship_defaults(apps, schema_editor):
    PolicyVersion = apps.get_model("housing", "PolicyVersion")
    PolicyVersion.objects.get_or_create(
        version=DEFAULT_VERSION,
        defaults=dict(
            effective_from=datetime.date(2014, 12, 1),
            effective_to=None,
            notice_days=7,
            announcement_days=7,
            transfer_lookback_years=5,
            asset_limit=None,
            c2_subsidy_standard=None,
            subsidy_full_senior=Decimal("2500.00"),
            subsidy_deputy_senior=Decimal("2000.00"),
            subsidy_doctorate=Decimal("1500.00"),
            subsidy_master=Decimal("1000.00"),
            subsidy_bachelor=Decimal("500.00"),
            employer_quota_cap=50,
            give_up_limit=3,
            note="SPEC §13 shipped defaults; Art. 27 subsidy amounts. No official low-income line, asset limit "
                 "or C2 subsidy standard: enter them from the district's published figures.",
        ),
    )


def remove_defaults(apps, schema_editor):
    apps.get_model("housing", "PolicyVersion").objects.filter(version=DEFAULT_VERSION).delete()


class Migration(migrations.Migration):
    dependencies = [("housing", "0002_policy_versions")]
    operations = [migrations.RunPython(ship_defaults, remove_defaults)]
