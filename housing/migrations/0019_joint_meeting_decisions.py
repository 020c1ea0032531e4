"""R-17: the Joint Meeting's own decisions, with minutes number and date."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0018_person_register")]

    operations = []
