"""Arts. 35–38: monthly counters the statistics read, kept by each step in its own transaction."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0023_retention")]

    operations = []
