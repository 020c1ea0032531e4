"""R-3.2: one household, one guarantee: persons and their guarantees, flagged sets of duplicates.

The register of persons starts from every household member already recorded: one person per normalised ID number,
one link per member, written in batches so that 200,000 applications migrate in bounded memory
(docs/decisions/0038-one-guarantee.md).
"""

import re

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BATCH = 5000


def normalise(value: str) -> str:
    # The same normalisation as housing.guarantees.register.normalise_id_number (a migration keeps its own copy).
    return re.sub(r"[\s\-]", "", value or "").upper()[:18]


def link_existing_members(apps, schema_editor):
    HouseholdMember = apps.get_model("housing", "HouseholdMember")
    Person = apps.get_model("housing", "Person")
    PersonLink = apps.get_model("housing", "PersonLink")
    last = 0
    while True:
        rows = list(HouseholdMember.objects.filter(pk__gt=last).order_by("pk")
                    .values_list("pk", "application_id", "id_number", "name")[:BATCH])
        if not rows:
            return
        last = rows[-1][0]
        names = {}
        for _pk, _app, number, name in rows:
            names.setdefault(normalise(number), name)
        Person.objects.bulk_create([Person(id_number=n, name=name) for n, name in names.items() if n],
                                   ignore_conflicts=True, batch_size=BATCH)
        person_of = dict(Person.objects.filter(id_number__in=list(names)).values_list("id_number", "pk"))
        PersonLink.objects.bulk_create(
            [PersonLink(member_id=pk, application_id=app, person_id=person_of[normalise(number)])
             for pk, app, number, _name in rows if normalise(number) in person_of],
            ignore_conflicts=True, batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0017_export_jobs"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Person",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("id_number", models.CharField(max_length=18, unique=True, verbose_name="resident ID number")),
                ("name", models.CharField(blank=True, max_length=100, verbose_name="name")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="first named at")),
            ],
            options={
                "verbose_name": "person",
                "verbose_name_plural": "persons",
                "ordering": ["id_number"],
            },
        ),
        migrations.CreateModel(
            name="FlaggedSet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("signature", models.CharField(max_length=400)),
                ("found_on", models.DateField(verbose_name="found on")),
                ("status", models.CharField(choices=[("open", "Awaiting a decision"), ("resolved", "Resolved")],
                                            default="open", max_length=10, verbose_name="status")),
                ("outcome", models.CharField(blank=True, choices=[("keep_one", "One kept, the others withdrawn"),
                                                                  ("both_stand", "All stand, for the reason recorded")],
                                             max_length=12, verbose_name="decision")),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("resolved_at", models.DateTimeField(blank=True, null=True, verbose_name="resolved at")),
                ("applications", models.ManyToManyField(related_name="flagged_sets", to="housing.application")),
                ("kept", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                           related_name="+", to="housing.application",
                                           verbose_name="application kept")),
                ("resolved_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                                  related_name="+", to=settings.AUTH_USER_MODEL)),
                ("person", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="flagged_sets",
                                             to="housing.person", verbose_name="person")),
            ],
            options={
                "verbose_name": "flagged set",
                "verbose_name_plural": "flagged sets",
                "ordering": ["-found_on", "-id"],
                "indexes": [models.Index(fields=["status", "-found_on"], name="flaggedset_status_found")],
                "constraints": [models.UniqueConstraint(fields=("person", "signature"),
                                                        name="flaggedset_once_per_claims")],
            },
        ),
        migrations.CreateModel(
            name="PersonLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("application", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                                  related_name="person_links", to="housing.application")),
                ("member", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                                related_name="person_link", to="housing.householdmember")),
                ("person", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                             related_name="links", to="housing.person")),
            ],
            options={
                "indexes": [models.Index(fields=["person", "application"], name="personlink_person_app"),
                            models.Index(fields=["application"], name="personlink_app")],
            },
        ),
        migrations.RunPython(link_existing_members, migrations.RunPython.noop, elidable=True),
    ]
