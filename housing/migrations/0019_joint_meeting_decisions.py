"""R-17: the Joint Meeting's own decisions, with minutes number and date."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0018_person_register"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="JointMeetingDecision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("employer_quota", "Employer quota above the cap"), ("case_by_case", "Case-by-case provision for a high-level talent"), ("other", "Other major matter")], max_length=20, verbose_name="kind of decision")),
                ("minutes_number", models.CharField(max_length=120, verbose_name="minutes number")),
                ("meeting_date", models.DateField(verbose_name="date of the meeting")),
                ("year", models.PositiveIntegerField(blank=True, null=True, verbose_name="year of the plan")),
                ("homes", models.PositiveIntegerField(blank=True, null=True, verbose_name="homes decided")),
                ("subject", models.CharField(blank=True, max_length=200, verbose_name="subject")),
                ("text", models.TextField(verbose_name="text of the decision")),
                ("correction_reason", models.TextField(blank=True, verbose_name="reason for the correction")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="recorded at")),
                ("application", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="joint_meeting_decisions", to="housing.application", verbose_name="application")),
                ("employer", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="joint_meeting_decisions", to="housing.employer", verbose_name="employer")),
                ("recorded_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="recorded by")),
                ("supersedes", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="superseded_by", to="housing.jointmeetingdecision", verbose_name="supersedes")),
            ],
            options={
                "verbose_name": "Joint Meeting decision",
                "verbose_name_plural": "Joint Meeting decisions",
                "ordering": ["-meeting_date", "-id"],
            },
        ),
        migrations.AddField(
            model_name="employerquota",
            name="decision",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="employer_quotas", to="housing.jointmeetingdecision", verbose_name="Joint Meeting decision"),
        ),
        migrations.AddIndex(
            model_name="jointmeetingdecision",
            index=models.Index(fields=["employer", "year"], name="jm_decision_employer_year"),
        ),
        migrations.AddConstraint(
            model_name="jointmeetingdecision",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("kind", "employer_quota"), _negated=True), models.Q(("application__isnull", True), ("employer__isnull", False), ("homes__isnull", False), ("year__isnull", False)), _connector="OR"), name="jm_quota_subject"),
        ),
        migrations.AddConstraint(
            model_name="jointmeetingdecision",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("kind", "case_by_case"), _negated=True), models.Q(("application__isnull", False), ("employer__isnull", True), ("homes__isnull", True)), _connector="OR"), name="jm_case_subject"),
        ),
        migrations.AddConstraint(
            model_name="jointmeetingdecision",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("kind", "other"), _negated=True), models.Q(models.Q(("subject", ""), _negated=True), ("application__isnull", True), ("employer__isnull", True), ("homes__isnull", True)), _connector="OR"), name="jm_other_subject"),
        ),
        migrations.AddConstraint(
            model_name="jointmeetingdecision",
            constraint=models.CheckConstraint(condition=models.Q(("supersedes__isnull", True), models.Q(("correction_reason", ""), _negated=True), _connector="OR"), name="jm_correction_has_reason"),
        ),
    ]
