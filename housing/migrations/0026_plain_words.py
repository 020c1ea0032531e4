"""Labels in the words people use (decision 0048): a field's label cites the article as people cite it, and
every kind of record the staff-action log names has a name people read."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("housing", "0025_counter_intake")]
    operations = [
        migrations.AlterField(
            model_name="rankingentry",
            name="honours",
            field=models.BooleanField(default=False, verbose_name="holds an honour (Art. 24)"),
        ),
        migrations.AlterField(model_name="householdmember", name="name",
                              field=models.CharField(max_length=100, verbose_name="full name")),
        migrations.AlterField(model_name="person", name="name",
                              field=models.CharField(blank=True, max_length=100, verbose_name="full name")),
        migrations.AlterModelOptions(name="contract", options={"verbose_name": "lease or sale contract"}),
        migrations.AlterModelOptions(name="selection", options={"verbose_name": "selection of a home"}),
        migrations.AlterModelOptions(name="subsidy", options={"verbose_name": "housing subsidy"}),
    ]
