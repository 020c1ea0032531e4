"""R-39.4: the eligibility engine's pre-decision kept beside each reviewer decision.

engine_passed / engine_message: what the engine (SPEC §6) decided for the condition;
overridden: the reviewer's passed differs from the engine's non-null passed;
override_reason: the reviewer's written reason for the override (required when overridden);
policy_version: the policy version the engine applied (also in the history payload).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("housing", "0003_default_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="conditiondecision",
            name="engine_passed",
            field=models.BooleanField(null=True, verbose_name="engine decided"),
        ),
        migrations.AddField(
            model_name="conditiondecision",
            name="engine_message",
            field=models.TextField(blank=True, verbose_name="engine message"),
        ),
        migrations.AddField(
            model_name="conditiondecision",
            name="overridden",
            field=models.BooleanField(default=False, verbose_name="overridden by the reviewer"),
        ),
        migrations.AddField(
            model_name="conditiondecision",
            name="override_reason",
            field=models.TextField(blank=True, verbose_name="reason for the override"),
        ),
        migrations.AddField(
            model_name="conditiondecision",
            name="policy_version",
            field=models.CharField(blank=True, max_length=40, verbose_name="policy version"),
        ),
    ]
