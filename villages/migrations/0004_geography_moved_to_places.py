"""Region, Province, District and Tambon now belong to the places app (its 0001): the
pages point at places' models and villages forgets its own. Tables are untouched."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("villages", "0003_village_kbo_story_fair_pages"),
        ("places", "0001_initial"),
        ("catalogue", "0036_producer_tambon_in_places"),
        ("producers", "0002_application_tambon_in_places"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="fairpage",
                    name="province",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="fair_pages", to="places.province", verbose_name="province"),
                ),
                migrations.AlterField(
                    model_name="kbonetworkpage",
                    name="province",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="kbo_pages", to="places.province", verbose_name="province"),
                ),
                migrations.AlterField(
                    model_name="villagepage",
                    name="tambon",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="village_pages", to="places.tambon", verbose_name="tambon"),
                ),
                migrations.DeleteModel(name="Tambon"),
                migrations.DeleteModel(name="District"),
                migrations.DeleteModel(name="Province"),
                migrations.DeleteModel(name="Region"),
            ]
        ),
    ]
