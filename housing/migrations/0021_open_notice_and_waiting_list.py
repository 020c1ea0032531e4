"""R-16.4–16.7, R-18, R-24: open notices, the waiting list carried to the next round, selection order."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0020_key_enterprise_lists")]

    operations = []
