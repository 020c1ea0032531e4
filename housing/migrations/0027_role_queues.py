"""Reserved in the chain so work on separate branches can add operations here without renumbering.

The indexes of the sortable application list and of the role queues (docs/decisions/0046)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("housing", "0026_plain_words")]
    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["submitted_at", "id"], name="app_received_id"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["applicant_name", "id"], name="app_name_id"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["stage_changed_at", "id"], name="app_stage_changed_id"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["group", "stage", "stage_changed_at", "id"], name="app_group_stage_waiting"),
        ),
    ]
