"""R-14: verification requests to the agencies and their answers."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("departments", "0003_drop_account_lock"),
        ("housing", "0015_employer_rosters"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # R-14, R-X.6: a request past its deadline is a reminder to the CCB and to the agency.
        migrations.AlterField(
            model_name="reminder",
            name="kind",
            field=models.CharField(choices=[
                ("renewal", "Lease ends in 3 months: renewal (Art. 31)"),
                ("lease_end", "Lease ended without renewal: take the home back (Art. 31)"),
                ("move_out", "Move-out deadline passed (Art. 34)"),
                ("arrears", "Rent arrears (Art. 33(2))"),
                ("subsidy_batch", "Subsidy batch of the month to review (Art. 8)"),
                ("notice_ended", "Public notice period ended: announce (Art. 16(7))"),
                ("demand_report", "Demand report due by 31 October (Art. 15)"),
                ("verify_overdue", "Verification request past its deadline (Art. 14)"),
            ], max_length=16, verbose_name="kind"),
        ),
        migrations.CreateModel(
            name="VerificationRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("items", models.JSONField(default=list, verbose_name="facts to verify")),
                ("due_on", models.DateField(verbose_name="answer due by")),
                ("deadline_days", models.PositiveSmallIntegerField(verbose_name="days to answer")),
                ("opened_at", models.DateTimeField(verbose_name="requested at")),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="fully answered at")),
                ("agency", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                             to="departments.unit", verbose_name="verifying agency")),
                ("application", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                  related_name="verification_requests", to="housing.application")),
                ("opened_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "verification request",
                "verbose_name_plural": "verification requests",
                "ordering": ["due_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="VerificationAnswer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("item", models.CharField(max_length=30, verbose_name="fact verified")),
                ("confirmed", models.BooleanField(verbose_name="confirmed as declared")),
                ("reference", models.CharField(max_length=60, verbose_name="reference number")),
                ("remarks", models.TextField(blank=True, verbose_name="remarks")),
                ("stands_by", models.BooleanField(verbose_name="the agency stands by this answer")),
                ("answered_at", models.DateTimeField(verbose_name="answered at")),
                ("source", models.CharField(choices=[("page", "answered on the page"),
                                                     ("file", "imported from the answers file")],
                                            default="page", max_length=8, verbose_name="source")),
                ("correction_reason", models.TextField(blank=True, verbose_name="reason for the correction")),
                ("answered_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                  to=settings.AUTH_USER_MODEL)),
                ("supersedes", models.OneToOneField(blank=True, null=True,
                                                    on_delete=django.db.models.deletion.PROTECT,
                                                    related_name="correction", to="housing.verificationanswer")),
                ("request", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="answers",
                                              to="housing.verificationrequest")),
            ],
            options={
                "verbose_name": "verification answer",
                "verbose_name_plural": "verification answers",
                "ordering": ["request_id", "item", "answered_at", "id"],
            },
        ),
        migrations.AddIndex(
            model_name="verificationrequest",
            index=models.Index(fields=["agency", "answered_at", "due_on"], name="verification_queue"),
        ),
        migrations.AddConstraint(
            model_name="verificationrequest",
            constraint=models.UniqueConstraint(fields=("application", "agency"), name="uniq_verification_request"),
        ),
        migrations.AddConstraint(
            model_name="verificationanswer",
            constraint=models.UniqueConstraint(condition=models.Q(("supersedes__isnull", True)),
                                               fields=("request", "item"), name="uniq_first_verification_answer"),
        ),
        migrations.AddConstraint(
            model_name="verificationanswer",
            constraint=models.CheckConstraint(condition=models.Q(("stands_by", True)),
                                              name="verification_answer_stood_by"),
        ),
    ]
