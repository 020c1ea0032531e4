"""R-3.2: one household, one guarantee: persons and their guarantees, flagged sets of duplicates."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0017_export_jobs")]

    operations = []
