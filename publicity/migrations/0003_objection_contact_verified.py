"""R-16.6: an objection filed online records that its contact was proved with a one-time code (decision 0035)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("publicity", "0002_online_objections_inquiries_register")]

    operations = [
        migrations.AddField(
            model_name="objection",
            name="contact_verified",
            field=models.BooleanField(default=False, verbose_name="contact confirmed with a code"),
        ),
    ]
