"""Arts. 35–38: monthly counters the statistics read, kept by each step in its own transaction
(docs/decisions/0036). The data step fills them from the history already kept: on PostgreSQL in SQL, a batch of
applications at a time; elsewhere (the demo's SQLite) row by row."""

import math

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

GROUPS = [
    ("low_income_no_housing", "C1 Low-income households without housing"),
    ("minimum_allowance", "C2 Minimum-allowance households"),
    ("no_housing", "C3 Households without housing"),
    ("institution_talent", "C4 Talents of agencies and public institutions"),
    ("ecw_talent", "C5 Talents of education, culture and health institutions"),
    ("enterprise_talent", "C6 Talents of key enterprises"),
]
FORMS = [("economic_housing", "Economic housing"), ("public_rental", "Public rental housing"),
         ("subsidy", "Housing subsidy")]
STAGES = [
    ("submitted", "Awaiting formal review"), ("returned_for_supplement", "Returned for supplement"),
    ("substantive_review", "Awaiting substantive review"), ("eligible", "Eligible, awaiting the proposed list"),
    ("proposed", "Proposed, awaiting recheck"), ("rechecked", "Rechecked, awaiting public notice"),
    ("public_notice", "In public notice"), ("frozen_by_objection", "Frozen by an objection"),
    ("announced", "Announced"), ("selection", "Selection notice issued"), ("unit_selected", "Unit selected"),
    ("contracted", "Contract signed"), ("filed", "Contract filed"), ("subsidy_running", "Subsidy running"),
    ("refused", "Refused"), ("removed_at_recheck", "Removed at recheck"),
    ("removed_on_objection", "Removed on objection"), ("withdrawn", "Withdrawn"),
    ("gave_up", "Gave up selection or signing"),
]
# SPEC §13: the stages the policy gives a period.
STAGES_WITH_A_PERIOD = ("public_notice", "announced", "unit_selected")
BATCH = 20_000  # applications per statement

ENTRIES_SQL = """
INSERT INTO housing_stagemonthcount (round_id, "group", form, stage, month, entered)
SELECT a.round_id, a."group", a.form, h.to_stage, (date_trunc('month', h.at AT TIME ZONE %s))::date, COUNT(*)
FROM housing_applicationhistory h JOIN housing_application a ON a.id = h.application_id
WHERE h.to_stage <> '' AND h.to_stage <> h.from_stage AND h.application_id >= %s AND h.application_id < %s
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (round_id, "group", form, stage, month)
DO UPDATE SET entered = housing_stagemonthcount.entered + EXCLUDED.entered
"""
STAYS_SQL = """
INSERT INTO housing_stagestaycount (round_id, "group", form, stage, month_left, days_begun, stays, total_days,
                                    longest_days)
SELECT a.round_id, a."group", a.form, t.stage, (date_trunc('month', t.left_at AT TIME ZONE %s))::date,
       GREATEST(CEIL(t.days), 0)::int, COUNT(*), SUM(t.days), MAX(t.days)
FROM (
    SELECT h.application_id, h.to_stage AS stage, LEAD(h.at) OVER w AS left_at,
           LEAD(h.from_stage) OVER w AS next_from,
           (EXTRACT(EPOCH FROM (LEAD(h.at) OVER w - h.at)) / 86400.0)::float8 AS days
    FROM housing_applicationhistory h
    WHERE h.to_stage <> '' AND h.to_stage <> h.from_stage AND h.application_id >= %s AND h.application_id < %s
    WINDOW w AS (PARTITION BY h.application_id ORDER BY h.seq)
) t JOIN housing_application a ON a.id = t.application_id
WHERE t.stage = ANY(%s) AND t.next_from = t.stage
GROUP BY 1, 2, 3, 4, 5, 6
ON CONFLICT (round_id, "group", form, stage, month_left, days_begun)
DO UPDATE SET stays = housing_stagestaycount.stays + EXCLUDED.stays,
              total_days = housing_stagestaycount.total_days + EXCLUDED.total_days,
              longest_days = GREATEST(housing_stagestaycount.longest_days, EXCLUDED.longest_days)
"""


def fill_from_history(apps, schema_editor):
    connection = schema_editor.connection
    Application = apps.get_model("housing", "Application")
    if connection.vendor == "postgresql":
        ids = Application.objects.aggregate(lo=models.Min("id"), hi=models.Max("id"))
        if ids["lo"] is None:
            return
        with connection.cursor() as cursor:
            for lo in range(ids["lo"], ids["hi"] + 1, BATCH):
                cursor.execute(ENTRIES_SQL, [settings.TIME_ZONE, lo, lo + BATCH])
                cursor.execute(STAYS_SQL, [settings.TIME_ZONE, lo, lo + BATCH, list(STAGES_WITH_A_PERIOD)])
        return
    _fill_row_by_row(apps)


def _fill_row_by_row(apps):
    import zoneinfo

    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    History = apps.get_model("housing", "ApplicationHistory")
    Application = apps.get_model("housing", "Application")
    keys = {a["id"]: (a["round_id"], a["group"], a["form"])
            for a in Application.objects.values("id", "round_id", "group", "form")}
    entries, stays = {}, {}
    current, entered = None, {}
    for application_id, from_stage, to_stage, at in (History.objects.order_by("application_id", "seq")
                                                     .values_list("application_id", "from_stage", "to_stage", "at")
                                                     .iterator(chunk_size=5000)):
        if application_id != current:
            current, entered = application_id, {}
        if not to_stage or to_stage == from_stage:
            continue
        month = at.astimezone(zone).date().replace(day=1)
        key = (*keys[application_id], to_stage, month)
        entries[key] = entries.get(key, 0) + 1
        if from_stage in entered:
            days = (at - entered[from_stage]).total_seconds() / 86400.0
            key = (*keys[application_id], from_stage, month, max(math.ceil(days), 0))
            n, total, longest = stays.get(key, (0, 0.0, 0.0))
            stays[key] = (n + 1, total + days, max(longest, days))
        entered = {to_stage: at} if to_stage in STAGES_WITH_A_PERIOD else {}
    apps.get_model("housing", "StageMonthCount").objects.bulk_create(
        [apps.get_model("housing", "StageMonthCount")(round_id=k[0], group=k[1], form=k[2], stage=k[3], month=k[4],
                                                      entered=n) for k, n in entries.items()], batch_size=2000)
    apps.get_model("housing", "StageStayCount").objects.bulk_create(
        [apps.get_model("housing", "StageStayCount")(round_id=k[0], group=k[1], form=k[2], stage=k[3],
                                                     month_left=k[4], days_begun=k[5], stays=n, total_days=t,
                                                     longest_days=m) for k, (n, t, m) in stays.items()],
        batch_size=2000)


# The two figures still read from their own tables, served by an index-only scan (PostgreSQL only: INCLUDE):
# the applications in a stage with a period now and since when; the subsidy payments of a year's months.
INDEXES = [
    ("stat_app_stage_changed", 'housing_application (stage, stage_changed_at) INCLUDE ("group", round_id)'),
    ("stat_payment_month", "housing_subsidypayment (month) INCLUDE (subsidy_id, amount)"),
]


PAYMENTS_SQL = """
INSERT INTO housing_subsidymonthcount (round_id, "group", month, payees, spend)
SELECT a.round_id, a."group", p.month, COUNT(*), SUM(p.amount)
FROM housing_subsidypayment p JOIN housing_subsidy s ON s.id = p.subsidy_id
JOIN housing_application a ON a.id = s.application_id
GROUP BY 1, 2, 3
"""


def fill_from_payments(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PAYMENTS_SQL)
        return
    Payment, Count = apps.get_model("housing", "SubsidyPayment"), apps.get_model("housing", "SubsidyMonthCount")
    rows = (Payment.objects.values_list("subsidy__application__round_id", "subsidy__application__group", "month")
            .order_by().annotate(n=models.Count("id"), spend=models.Sum("amount")))
    Count.objects.bulk_create([Count(round_id=r[0], group=r[1], month=r[2], payees=r[3], spend=r[4]) for r in rows])


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, on in INDEXES:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {on}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _on in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def _common_fields():
    return [
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("group", models.CharField(choices=GROUPS, max_length=30)),
        ("form", models.CharField(choices=FORMS, max_length=20)),
        ("stage", models.CharField(choices=STAGES, max_length=30)),
    ]


def _round():
    return ("round", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                       to="housing.allocationround"))


class Migration(migrations.Migration):

    dependencies = [("housing", "0023_retention")]

    operations = [
        migrations.CreateModel(
            name="StageMonthCount",
            fields=[*_common_fields(), ("month", models.DateField()), ("entered", models.IntegerField(default=0)),
                    _round()],
            options={
                "indexes": [models.Index(fields=["month", "stage"], name="stage_month_count_month")],
                "constraints": [models.UniqueConstraint(fields=("round", "group", "form", "stage", "month"),
                                                        name="uniq_stage_month_count")],
            },
        ),
        migrations.CreateModel(
            name="StageStayCount",
            fields=[*_common_fields(), ("month_left", models.DateField()), ("days_begun", models.IntegerField()),
                    ("stays", models.IntegerField(default=0)), ("total_days", models.FloatField(default=0)),
                    ("longest_days", models.FloatField(default=0)), _round()],
            options={
                "indexes": [models.Index(fields=["month_left", "stage"], name="stage_stay_count_month")],
                "constraints": [models.UniqueConstraint(
                    fields=("round", "group", "form", "stage", "month_left", "days_begun"),
                    name="uniq_stage_stay_count")],
            },
        ),
        migrations.CreateModel(
            name="SubsidyMonthCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("group", models.CharField(choices=GROUPS, max_length=30)),
                ("month", models.DateField()),
                ("payees", models.IntegerField(default=0)),
                ("spend", models.DecimalField(decimal_places=2, default=0, max_digits=14)),
                _round(),
            ],
            options={"constraints": [models.UniqueConstraint(fields=("round", "group", "month"),
                                                             name="uniq_subsidy_month_count")]},
        ),
        migrations.RunPython(fill_from_history, migrations.RunPython.noop),
        migrations.RunPython(fill_from_payments, migrations.RunPython.noop),
        migrations.RunPython(add_indexes, drop_indexes),
    ]
