"""R-6, R-38: exports of staff lists built in the background, with their progress and who asked."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0016_agency_verification"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExportJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("table", models.CharField(max_length=40, verbose_name="list")),
                ("format", models.CharField(choices=[("csv", "CSV"), ("xlsx", "Excel")], max_length=4,
                                            verbose_name="format")),
                ("params", models.JSONField(blank=True, default=dict, verbose_name="filters")),
                ("language", models.CharField(max_length=10, verbose_name="language")),
                ("status", models.CharField(choices=[("queued", "Waiting to start"), ("running", "Being built"),
                                                     ("done", "Ready"), ("failed", "Failed"),
                                                     ("expired", "Expired")],
                                            default="queued", max_length=8, verbose_name="status")),
                ("rows_total", models.PositiveIntegerField(blank=True, null=True, verbose_name="rows")),
                ("rows_done", models.PositiveIntegerField(default=0, verbose_name="rows written")),
                ("file_name", models.CharField(blank=True, max_length=80)),
                ("error", models.TextField(blank=True)),
                ("background", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="requested at")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished at")),
                ("expires_at", models.DateTimeField(blank=True, null=True, verbose_name="available until")),
                ("requested_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                   to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "export",
                "verbose_name_plural": "exports",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["requested_by", "-created_at"], name="export_job_owner"),
                            models.Index(fields=["status", "expires_at"], name="export_job_expiry")],
            },
        ),
    ]
