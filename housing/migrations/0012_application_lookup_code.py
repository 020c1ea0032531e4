"""R-16.d, R-X.2: each application gets its own status lookup code (docs/decisions/0028).

The field is added empty, every existing application is given a code of its own, then the field takes the
generator as its default (a default on AddField would give every existing row the same code)."""

from django.db import migrations, models

import housing.models.application

BATCH = 2000


def give_codes(apps, schema_editor):
    Application = apps.get_model("housing", "Application")
    pending = Application.objects.filter(lookup_code="").only("pk").order_by("pk")
    while True:
        rows = list(pending[:BATCH])
        if not rows:
            return
        for row in rows:
            row.lookup_code = housing.models.application.new_lookup_code()
        Application.objects.bulk_update(rows, ["lookup_code"], batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0011_leading_talent"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="lookup_code",
            field=models.CharField(default="", editable=False, max_length=9, verbose_name="status lookup code"),
            preserve_default=False,
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="lookup_code",
            field=models.CharField(default=housing.models.application.new_lookup_code, editable=False, max_length=9,
                                   verbose_name="status lookup code"),
        ),
    ]
