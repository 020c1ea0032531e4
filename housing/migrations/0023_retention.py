"""R-X.2: a retention schedule for personal data and what was purged."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CATEGORIES = [
    ("closed_case_files", "Documents and full ID numbers of refused, withdrawn and removed applications"),
    ("objector_contacts", "Objectors' contacts"),
    ("inquiry_contacts", "Contacts of those who asked about a notice"),
    ("message_recipients", "Recipients and texts of messages sent"),
]


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0022_audit_trail"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RetentionRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("category", models.CharField(choices=CATEGORIES, max_length=30, unique=True,
                                              verbose_name="category")),
                ("months", models.PositiveSmallIntegerField(verbose_name="months kept after closing")),
                ("reason", models.TextField(verbose_name="reason")),
                ("changed_at", models.DateTimeField(auto_now=True, verbose_name="changed at")),
                ("changed_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                 to=settings.AUTH_USER_MODEL)),
            ],
            options={"verbose_name": "retention rule", "verbose_name_plural": "retention rules",
                     "ordering": ["category"]},
        ),
        migrations.CreateModel(
            name="PurgedApplication",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("purged_on", models.DateField(verbose_name="purged on")),
                ("documents", models.PositiveIntegerField(verbose_name="document files deleted")),
                ("members", models.PositiveIntegerField(verbose_name="ID numbers replaced")),
                ("application", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                                     related_name="purge", to="housing.application")),
            ],
            options={"verbose_name": "purged application", "verbose_name_plural": "purged applications"},
        ),
        migrations.CreateModel(
            name="PurgeRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("run_on", models.DateField(verbose_name="run on")),
                ("category", models.CharField(choices=CATEGORIES, max_length=30, verbose_name="category")),
                ("months", models.PositiveSmallIntegerField(verbose_name="months kept after closing")),
                ("closed_before", models.DateField(verbose_name="closed before")),
                ("items", models.PositiveIntegerField(verbose_name="records purged")),
                ("files", models.PositiveIntegerField(default=0, verbose_name="files deleted")),
                ("first_closed_on", models.DateField(blank=True, null=True, verbose_name="earliest closing day")),
                ("last_closed_on", models.DateField(blank=True, null=True, verbose_name="latest closing day")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
            ],
            options={"verbose_name": "purge record", "verbose_name_plural": "purge records",
                     "ordering": ["-created_at", "category"],
                     "indexes": [models.Index(fields=["-created_at"], name="purge_record_recent")]},
        ),
    ]
