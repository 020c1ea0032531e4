"""Reserved in the chain so work on separate branches can add operations here without renumbering."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("departments", "0004_audit_trail")]
    operations = []
