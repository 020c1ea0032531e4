"""R-6, R-38: exports of staff lists built in the background, with their progress and who asked."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0016_agency_verification")]

    operations = []
