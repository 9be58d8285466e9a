"""ProducerApplication.tambon points at places.Tambon: the same table, state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("producers", "0001_initial"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="producerapplication",
                    name="tambon",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="places.tambon", verbose_name="tambon"),
                ),
            ]
        ),
    ]
