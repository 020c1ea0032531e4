"""R-13, R-22.1: the key-enterprise list of each year."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0019_joint_meeting_decisions")]

    operations = []
