"""R-14: verification requests to the agencies and their answers."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0015_employer_rosters")]

    operations = []
