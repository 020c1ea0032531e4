"""R-9–11, R-16.8: employer accounts and the rosters they submit."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0014_written_notices")]

    operations = []
