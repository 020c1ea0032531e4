"""Labels in the words people use (decision 0048): a field's label cites the article as people cite it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("housing", "0025_counter_intake")]
    operations = [
        migrations.AlterField(
            model_name="rankingentry",
            name="honours",
            field=models.BooleanField(default=False, verbose_name="holds an honour (Art. 24)"),
        ),
    ]
