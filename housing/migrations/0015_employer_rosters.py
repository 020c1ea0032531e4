"""R-9–11, R-16.8: employer accounts and the rosters they submit."""

import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0014_written_notices"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EmployerAccount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("group", models.CharField(choices=[("low_income_no_housing", "C1 Low-income households without housing"), ("minimum_allowance", "C2 Minimum-allowance households"), ("no_housing", "C3 Households without housing"), ("institution_talent", "C4 Talents of agencies and public institutions"), ("ecw_talent", "C5 Talents of education, culture and health institutions"), ("enterprise_talent", "C6 Talents of key enterprises")], max_length=30, verbose_name="applicant group")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="created by")),
                ("employer", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="accounts", to="housing.employer", verbose_name="employer")),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="employer_account", to=settings.AUTH_USER_MODEL, verbose_name="sign-in")),
            ],
            options={
                "verbose_name": "employer account",
                "verbose_name_plural": "employer accounts",
                "ordering": ["employer__name", "user__username"],
            },
        ),
        migrations.CreateModel(
            name="Roster",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.CharField(max_length=24, unique=True, verbose_name="roster number")),
                ("group", models.CharField(choices=[("low_income_no_housing", "C1 Low-income households without housing"), ("minimum_allowance", "C2 Minimum-allowance households"), ("no_housing", "C3 Households without housing"), ("institution_talent", "C4 Talents of agencies and public institutions"), ("ecw_talent", "C5 Talents of education, culture and health institutions"), ("enterprise_talent", "C6 Talents of key enterprises")], max_length=30, verbose_name="applicant group")),
                ("status", django_fsm.FSMField(choices=[("submitted", "Awaiting the talent unit"), ("accepted", "Accepted: applications registered"), ("returned", "Returned to the employer")], default="submitted", max_length=12, protected=True, verbose_name="status")),
                ("version", models.PositiveIntegerField(default=1, verbose_name="version")),
                ("file_name", models.CharField(max_length=200, verbose_name="file")),
                ("sha256", models.CharField(max_length=64)),
                ("households", models.PositiveIntegerField(default=0, verbose_name="households")),
                ("persons", models.PositiveIntegerField(default=0, verbose_name="persons")),
                ("submitted_at", models.DateTimeField(verbose_name="submitted at")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided at")),
                ("return_reason", models.TextField(blank=True, verbose_name="reason for returning")),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("employer", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="rosters", to="housing.employer", verbose_name="employer")),
                ("round", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="rosters", to="housing.allocationround", verbose_name="allocation round")),
                ("submitted_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "employer's roster",
                "verbose_name_plural": "employers' rosters",
                "ordering": ["-submitted_at", "-id"],
                "indexes": [models.Index(fields=["group", "status"], name="roster_group_status")],
            },
        ),
        migrations.CreateModel(
            name="RosterHousehold",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=30, verbose_name="household")),
                ("row", models.PositiveIntegerField(verbose_name="first row in the file")),
                ("applicant_name", models.CharField(max_length=100, verbose_name="applicant")),
                ("applicant_id_number", models.CharField(db_index=True, max_length=18, verbose_name="applicant ID number")),
                ("form", models.CharField(choices=[("economic_housing", "Economic housing"), ("public_rental", "Public rental housing"), ("subsidy", "Housing subsidy")], max_length=20, verbose_name="form of guarantee")),
                ("household_size", models.PositiveSmallIntegerField(default=1, verbose_name="persons")),
                ("data", models.JSONField(default=dict)),
                ("application", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="roster_entry", to="housing.application", verbose_name="application")),
                ("roster", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="entries", to="housing.roster")),
            ],
            options={
                "verbose_name": "household on a roster",
                "verbose_name_plural": "households on a roster",
                "ordering": ["roster", "row"],
                "constraints": [models.UniqueConstraint(fields=("roster", "key"), name="roster_household_once")],
            },
        ),
    ]
