"""R-16.d: messages to applicants and residents, with their delivery state (SMS / e-mail)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0012_application_lookup_code")]

    operations = []
