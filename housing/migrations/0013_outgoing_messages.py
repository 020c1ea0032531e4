"""R-16.d: messages to applicants and residents, with their delivery state (SMS / e-mail)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("housing", "0012_application_lookup_code")]

    operations = [
        migrations.AddField(
            model_name="application",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="contact e-mail"),
        ),
        migrations.CreateModel(
            name="OutgoingMessage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="message key")),
                ("channel", models.CharField(choices=[("sms", "SMS"), ("email", "E-mail")], max_length=10,
                                             verbose_name="channel")),
                ("recipient", models.CharField(blank=True, max_length=254, verbose_name="recipient")),
                ("text", models.TextField(verbose_name="text")),
                ("purpose", models.CharField(max_length=60, verbose_name="purpose")),
                ("state", models.CharField(choices=[("queued", "Queued"), ("sent", "Sent"),
                                                    ("failed", "Not delivered")],
                                           default="queued", max_length=10, verbose_name="delivery state")),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                ("failure", models.CharField(blank=True, choices=[
                    ("no_recipient", "No contact on file"),
                    ("not_mobile", "The contact phone is not a mobile number"),
                    ("rejected", "Refused by the gateway"),
                    ("unreachable", "Gateway unreachable after every retry"),
                    ("invalid_address", "The e-mail address is not valid"),
                    ("id_number", "Held back: the text contained an ID number"),
                ], max_length=20, verbose_name="reason")),
                ("last_error", models.CharField(blank=True, max_length=300, verbose_name="last error")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="queued at")),
                ("last_attempt_at", models.DateTimeField(blank=True, null=True, verbose_name="last attempt at")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent at")),
                ("gateway_reference", models.CharField(blank=True, max_length=100, verbose_name="gateway reference")),
                ("application", models.ForeignKey(blank=True, null=True,
                                                  on_delete=django.db.models.deletion.CASCADE,
                                                  related_name="outgoing_messages", to="housing.application",
                                                  verbose_name="application")),
                ("notice", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                             related_name="deliveries", to="housing.applicantnotice",
                                             verbose_name="notice to the applicant")),
            ],
            options={
                "verbose_name": "outgoing message",
                "verbose_name_plural": "outgoing messages",
                "ordering": ["id"],
                "indexes": [models.Index(fields=["state", "created_at"], name="message_state_created")],
                "constraints": [models.UniqueConstraint(condition=models.Q(("notice__isnull", False)),
                                                        fields=("notice", "channel"),
                                                        name="message_once_per_notice_and_channel")],
            },
        ),
    ]
