"""Producer.tambon points at places.Tambon: the same table, so only the state changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0035_product_producer_required"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="producer",
                    name="tambon",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="producers", to="places.tambon", verbose_name="tambon"),
                ),
            ]
        ),
    ]
