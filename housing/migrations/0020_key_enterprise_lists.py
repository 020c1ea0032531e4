"""R-13, R-22.1: the key-enterprise list of each year.

The single year kept on the employer becomes one listing of that year (source: intake), then the column goes:
every reader asks the list of the year it needs (docs/decisions/0041-key-enterprises-and-amounts.md).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def listings_from_employer_years(apps, schema_editor):
    Employer = apps.get_model("housing", "Employer")
    Listing = apps.get_model("housing", "KeyEnterpriseListing")
    Listing.objects.bulk_create(
        [Listing(employer_id=pk, year=year, source="intake")
         for pk, year in Employer.objects.filter(key_enterprise_year__isnull=False)
         .values_list("pk", "key_enterprise_year")],
        ignore_conflicts=True)


def employer_years_from_listings(apps, schema_editor):
    Employer = apps.get_model("housing", "Employer")
    Listing = apps.get_model("housing", "KeyEnterpriseListing")
    for employer_id, year in Listing.objects.order_by("employer_id", "year").values_list("employer_id", "year"):
        Employer.objects.filter(pk=employer_id).update(key_enterprise_year=year)  # the latest year wins


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0019_joint_meeting_decisions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="KeyEnterpriseListing",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveIntegerField(verbose_name="year of the list")),
                ("source", models.CharField(choices=[("import", "List imported by the Economic Services Bureau"), ("intake", "Year stated at intake")], default="import", max_length=10, verbose_name="source")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
                ("employer", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="key_enterprise_listings", to="housing.employer", verbose_name="employer")),
                ("recorded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="recorded by")),
            ],
            options={
                "verbose_name": "key-enterprise listing",
                "verbose_name_plural": "key-enterprise listings",
                "ordering": ["-year", "employer__name"],
                "indexes": [models.Index(fields=["year"], name="key_listing_year")],
                "constraints": [models.UniqueConstraint(fields=("employer", "year"), name="one_listing_per_employer_and_year")],
            },
        ),
        migrations.RunPython(listings_from_employer_years, employer_years_from_listings),
        migrations.RemoveField(model_name="employer", name="key_enterprise_year"),
    ]
