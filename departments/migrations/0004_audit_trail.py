"""R-6, R-38: sign-in records, and the before/after values of every change to units and staff accounts
(docs/decisions/0042)."""

import django.contrib.auth.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

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


class Migration(migrations.Migration):

    dependencies = [
        ("departments", "0003_drop_account_lock"),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalStaffUser',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                ('username', models.CharField(db_index=True, error_messages={'unique': 'A user with that username already exists.'}, help_text='Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.', max_length=150, validators=[django.contrib.auth.validators.UnicodeUsernameValidator()], verbose_name='username')),
                ('first_name', models.CharField(blank=True, max_length=150, verbose_name='first name')),
                ('last_name', models.CharField(blank=True, max_length=150, verbose_name='last name')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                ('roles', models.JSONField(blank=True, default=list, verbose_name='roles')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='departments.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'historical staff account',
                'verbose_name_plural': 'historical staff accounts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalUnit',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.CharField(choices=[('ccb', 'City Construction Bureau'), ('org_personnel', 'Organisation & Personnel Bureau'), ('econ_services', 'Economic Services Bureau'), ('social_construction', 'Social Construction Bureau'), ('public_affairs', 'Public Affairs Bureau'), ('finance', 'Development & Finance Bureau'), ('discipline', 'Discipline Inspection & Supervision Bureau'), ('joint_meeting', 'Joint Meeting'), ('verify_planning_land', 'Planning & Land (verifier)'), ('verify_family_planning', 'Population & Family Planning (verifier)'), ('verify_social_security', 'Human Resources & Social Security (verifier)'), ('verify_public_security', 'Public Security (verifier)'), ('verify_civil_affairs', 'Civil Affairs (verifier)'), ('verify_subdistrict', 'Sub-district offices (verifier)')], db_index=True, max_length=40, verbose_name='code')),
                ('name_zh', models.CharField(max_length=100, verbose_name='name (Chinese)')),
                ('name_en', models.CharField(max_length=120, verbose_name='name (English)')),
                ('article', models.CharField(blank=True, max_length=40, verbose_name='article')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical unit',
                'verbose_name_plural': 'historical units',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SignInRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='at')),
                ('outcome', models.CharField(choices=[('signed_in', 'Signed in'), ('failed', 'Wrong user name or password'), ('throttled', 'Refused: too many failures'), ('refused', 'Refused: account not allowed here'), ('code_ok', 'Second-factor code accepted'), ('code_bad', 'Second-factor code refused'), ('signed_out', 'Signed out')], max_length=12, verbose_name='outcome')),
                ('username', models.CharField(db_index=True, max_length=150, verbose_name='user name')),
                ('address', models.CharField(blank=True, max_length=45, verbose_name='address')),
                ('user_agent', models.CharField(blank=True, max_length=300, verbose_name='browser')),
                ('account', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='account')),
            ],
            options={
                'verbose_name': 'sign-in record',
                'verbose_name_plural': 'sign-in records',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.RunPython(baseline_history("departments", ["Unit", "StaffUser"]), migrations.RunPython.noop),
    ]
