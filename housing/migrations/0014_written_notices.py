"""R-16.d, R-16.3: written notices (return for supplement, refusal, removal) archived with the case."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("housing", "0013_outgoing_messages")]

    operations = [
        migrations.CreateModel(
            name="WrittenNoticeSequence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="year")),
                ("last_serial", models.PositiveIntegerField(default=0, verbose_name="last serial")),
            ],
            options={
                "verbose_name": "written notice sequence",
                "verbose_name_plural": "written notice sequences",
            },
        ),
        migrations.CreateModel(
            name="WrittenNotice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("return_for_supplement", "Return for supplement"),
                                                   ("refusal", "Refusal"), ("removal", "Removal")],
                                          max_length=30, verbose_name="kind")),
                ("number", models.CharField(max_length=40, unique=True, verbose_name="notice number")),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("serial", models.PositiveIntegerField(verbose_name="serial")),
                ("issued_on", models.DateField(verbose_name="issued on")),
                ("issued_at", models.DateTimeField(verbose_name="issued at")),
                ("unit", models.CharField(max_length=40, verbose_name="issuing unit")),
                ("articles", models.JSONField(default=list, verbose_name="articles")),
                ("supplement_by", models.DateField(blank=True, null=True, verbose_name="supplement by")),
                ("addressee_name", models.CharField(max_length=100, verbose_name="addressee")),
                ("addressee_id_number", models.CharField(max_length=18, verbose_name="addressee's ID number")),
                ("text_zh", models.JSONField(verbose_name="text (Chinese)")),
                ("text_en", models.JSONField(verbose_name="text (English)")),
                ("application", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                                  related_name="written_notices", to="housing.application",
                                                  verbose_name="application")),
                ("history", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT,
                                                 related_name="written_notice", to="housing.applicationhistory",
                                                 verbose_name="history entry")),
            ],
            options={
                "verbose_name": "written notice",
                "verbose_name_plural": "written notices",
                "ordering": ["-issued_at", "-id"],
            },
        ),
        migrations.AddConstraint(
            model_name="writtennotice",
            constraint=models.UniqueConstraint(fields=("year", "serial"), name="written_notice_serial_per_year"),
        ),
        migrations.AddConstraint(
            model_name="writtennotice",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("kind", "return_for_supplement"), ("supplement_by__isnull", False)),
                                   models.Q(models.Q(("kind", "return_for_supplement"), _negated=True),
                                            ("supplement_by__isnull", True)), _connector="OR"),
                name="written_notice_deadline_iff_return",
            ),
        ),
    ]
