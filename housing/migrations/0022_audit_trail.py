"""R-6, R-38: an audit trail nothing escapes: sign-ins, reference-data history, the staff-action chain, personal-data reads.

The staff-action log becomes one hash chain (its rows so far are chained in order, in batches) and, on PostgreSQL,
a trigger refuses any UPDATE or DELETE of its rows, whoever sends it (docs/decisions/0042).
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

import housing.models.policy
from housing.models.office_log import staff_action_digest

BATCH = 2000


def chain_existing_actions(apps, schema_editor):
    """Each existing staff action, oldest first, linked to the one before it, as record_action links new ones."""
    OfficeAction = apps.get_model("housing", "OfficeAction")
    db = schema_editor.connection.alias
    seq, prev = 0, ""
    after = None  # (at, id) of the last row chained: keyset pagination, one batch in memory at a time
    while True:
        rows = OfficeAction.objects.using(db).order_by("at", "id")
        if after is not None:
            rows = rows.filter(models.Q(at__gt=after[0]) | models.Q(at=after[0], id__gt=after[1]))
        batch = list(rows[:BATCH])
        if not batch:
            return
        for row in batch:
            seq += 1
            row.seq, row.prev_hash = seq, prev
            row.hash = prev = staff_action_digest(row)
        OfficeAction.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash"])
        after = (batch[-1].at, batch[-1].id)


BASELINE_BATCH = 2000


def baseline_history(app_label, model_names):
    """R-38: the values each tracked record has today, as its first history entry, so that its first change shows
    what it was before (django-simple-history writes entries from now on only)."""

    def run(apps, schema_editor):
        db = schema_editor.connection.alias
        now = django.utils.timezone.now()
        for name in model_names:
            model = apps.get_model(app_label, name)
            historical = apps.get_model(app_label, f"Historical{name}")
            tracked = [f.attname for f in historical._meta.fields
                       if not f.name.startswith("history_") and f.name != "history_user"]
            for offset in range(0, model.objects.using(db).count(), BASELINE_BATCH):
                rows = model.objects.using(db).order_by("pk")[offset:offset + BASELINE_BATCH]
                historical.objects.using(db).bulk_create([
                    historical(**{f: getattr(row, f) for f in tracked}, history_date=now, history_type="+",
                               history_change_reason="baseline (decision 0042)") for row in rows])

    return run


APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION housing_officeaction_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'The staff-action log is append-only (R-X.1): ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER officeaction_append_only BEFORE UPDATE OR DELETE ON housing_officeaction
    FOR EACH ROW EXECUTE FUNCTION housing_officeaction_append_only();
"""
DROP_APPEND_ONLY_SQL = """
DROP TRIGGER IF EXISTS officeaction_append_only ON housing_officeaction;
DROP FUNCTION IF EXISTS housing_officeaction_append_only();
"""


def guard_on_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite (development, demos) keeps the model's guard only
        schema_editor.execute(APPEND_ONLY_SQL)


def unguard_on_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_APPEND_ONLY_SQL)


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0021_open_notice_and_waiting_list"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ChainAlarm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=100, unique=True)),
                ('chain', models.CharField(choices=[('history', 'Case histories'), ('staff_actions', 'Staff actions')], max_length=16, verbose_name='chain')),
                ('broken', models.JSONField(default=dict, verbose_name='broken entries')),
                ('raised_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='raised at')),
                ('cleared_at', models.DateTimeField(blank=True, null=True, verbose_name='cleared at')),
            ],
            options={
                'verbose_name': 'broken chain',
                'verbose_name_plural': 'broken chains',
                'ordering': ['-raised_at', '-id'],
            },
        ),
        migrations.AddField(
            model_name='officeaction',
            name='hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='officeaction',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='officeaction',
            name='seq',
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='officeaction',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='at'),
        ),
        migrations.CreateModel(
            name='ChainCheck',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('chain', models.CharField(choices=[('history', 'Case histories'), ('staff_actions', 'Staff actions')], max_length=16, verbose_name='chain')),
                ('checked_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='checked at')),
                ('broken', models.JSONField(blank=True, default=dict, verbose_name='broken entries')),
            ],
            options={
                'verbose_name': 'chain check',
                'verbose_name_plural': 'chain checks',
                'ordering': ['-checked_at', '-id'],
                'indexes': [models.Index(fields=['chain', '-checked_at'], name='chain_check_latest')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalEmployer',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('credit_code', models.CharField(db_index=True, max_length=18, verbose_name='unified social credit code')),
                ('kind', models.CharField(choices=[('agency', 'Government agency'), ('public_institution', 'Public institution'), ('ecw_institution', 'Education, culture or health institution'), ('enterprise', 'Enterprise')], max_length=30, verbose_name='kind')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical employer',
                'verbose_name_plural': 'historical employers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalKeyEnterpriseListing',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('year', models.PositiveIntegerField(verbose_name='year of the list')),
                ('source', models.CharField(choices=[('import', 'List imported by the Economic Services Bureau'), ('intake', 'Year stated at intake')], default='import', max_length=10, verbose_name='source')),
                ('recorded_at', models.DateTimeField(blank=True, editable=False, verbose_name='recorded at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('employer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='housing.employer', verbose_name='employer')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'verbose_name': 'historical key-enterprise listing',
                'verbose_name_plural': 'historical key-enterprise listings',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalLowIncomeLine',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per-capita yearly income line (yuan)')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('policy', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='housing.policyversion', verbose_name='policy version')),
            ],
            options={
                'verbose_name': 'historical low-income line',
                'verbose_name_plural': 'historical low-income lines',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPolicyVersion',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.CharField(db_index=True, max_length=40, verbose_name='version')),
                ('effective_from', models.DateField(db_index=True, verbose_name='effective from')),
                ('effective_to', models.DateField(blank=True, help_text='Empty: until further notice.', null=True, verbose_name='effective to')),
                ('notice_days', models.PositiveSmallIntegerField(default=7, verbose_name='public notice period (days)')),
                ('announcement_days', models.PositiveSmallIntegerField(default=7, verbose_name='announcement period before selection (days)')),
                ('transfer_lookback_years', models.PositiveSmallIntegerField(default=5, verbose_name='look-back for housing transfers (years)')),
                ('asset_limit', models.DecimalField(blank=True, decimal_places=2, help_text='Art. 18: the official figure; empty until entered.', max_digits=14, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='household asset limit (yuan)')),
                ('c2_subsidy_standard', models.DecimalField(blank=True, decimal_places=2, help_text='Art. 26: the approved standard; empty until entered.', max_digits=14, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='monthly subsidy of minimum-allowance households (yuan)')),
                ('subsidy_full_senior', models.DecimalField(decimal_places=2, default=Decimal('2500.00'), max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='monthly subsidy, full-senior title (yuan)')),
                ('subsidy_deputy_senior', models.DecimalField(decimal_places=2, default=Decimal('2000.00'), max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='monthly subsidy, deputy-senior title (yuan)')),
                ('subsidy_doctorate', models.DecimalField(decimal_places=2, default=Decimal('1500.00'), max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='monthly subsidy, doctorate (yuan)')),
                ('subsidy_master', models.DecimalField(decimal_places=2, default=Decimal('1000.00'), max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='monthly subsidy, master (yuan)')),
                ('subsidy_bachelor', models.DecimalField(decimal_places=2, default=Decimal('500.00'), max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='monthly subsidy, bachelor (yuan)')),
                ('employer_quota_cap', models.PositiveSmallIntegerField(default=50, verbose_name='units per allocation to one employer')),
                ('give_up_limit', models.PositiveSmallIntegerField(default=3, verbose_name='give-ups before further rounds are refused')),
                ('unit_types_by_household_size', models.JSONField(default=housing.models.policy.default_unit_types_by_household_size, help_text='Household size → the unit types it may choose; the largest size also covers larger households.', verbose_name='unit types by household size')),
                ('sign_within_days', models.PositiveSmallIntegerField(default=7, help_text='A choice not signed within these days is a give-up (弃签).', verbose_name='days to sign the contract after selecting')),
                ('buy_back_depreciation_rate', models.DecimalField(decimal_places=4, default=Decimal('0.0200'), max_digits=6, verbose_name='buy-back depreciation per year')),
                ('mask_id_head', models.PositiveSmallIntegerField(default=6, validators=[django.core.validators.MaxValueValidator(8)], verbose_name='ID number: leading characters shown')),
                ('mask_id_tail', models.PositiveSmallIntegerField(default=4, validators=[django.core.validators.MaxValueValidator(4)], verbose_name='ID number: trailing characters shown')),
                ('mask_name_keeps_last', models.BooleanField(default=True, verbose_name='names of three or more characters keep their last character')),
                ('note', models.TextField(blank=True, help_text='The document that sets these figures.', verbose_name='basis')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical policy version',
                'verbose_name_plural': 'historical policy versions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PersonalDataRead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('dossier', 'Dossier downloaded'), ('document', 'Material downloaded'), ('evidence', 'Objection evidence downloaded'), ('id_search', 'Search by ID number')], max_length=12, verbose_name='what')),
                ('actor_name', models.CharField(max_length=150, verbose_name='by')),
                ('actor_unit', models.CharField(blank=True, max_length=40, verbose_name='unit')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='at')),
                ('application_number', models.CharField(blank=True, db_index=True, max_length=40, verbose_name='application')),
                ('detail', models.CharField(blank=True, max_length=200, verbose_name='details')),
                ('address', models.CharField(blank=True, max_length=45, verbose_name='address')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'read of personal data',
                'verbose_name_plural': 'reads of personal data',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.RunPython(chain_existing_actions, migrations.RunPython.noop),
        migrations.RunPython(baseline_history("housing", ["PolicyVersion", "LowIncomeLine", "Employer",
                                                          "KeyEnterpriseListing"]), migrations.RunPython.noop),
        migrations.RunPython(guard_on_postgresql, unguard_on_postgresql),
    ]
