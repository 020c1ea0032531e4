"""R-16.d, R-16.3: written notices (return for supplement, refusal, removal) archived with the case."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0013_outgoing_messages")]

    operations = []
