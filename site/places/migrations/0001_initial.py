"""Region, Province, District and Tambon move here from `villages`, tables untouched.

The tables were created by villages' 0001 and keep their names (`villages_region` …,
see the models' Meta.db_table): this migration only adds the models to this app's
state, and villages' 0004 removes them from that app's state. Their content types
(and so any permissions on them) are relabelled, not recreated.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["region", "province", "district", "tambon"]


def relabel_content_types(apps, schema_editor, old="villages", new="places"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    # A database migrated before this app existed has no "places" rows yet; one where
    # contenttypes already created them keeps those and drops the stale ones.
    existing = set(
        ContentType.objects.using(db)
        .filter(app_label=new, model__in=MODELS)
        .values_list("model", flat=True)
    )
    stale = ContentType.objects.using(db).filter(app_label=old, model__in=MODELS)
    stale.filter(model__in=existing).delete()
    stale.update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="places", new="villages")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("villages", "0003_village_kbo_story_fair_pages"),
    ]

    state_operations = [
        migrations.CreateModel(
            name="Region",
            fields=[
                ("name_th", models.CharField(max_length=120, verbose_name="name (Thai)")),
                ("name_en", models.CharField(max_length=120, verbose_name="name (English)")),
                ("code", models.SlugField(max_length=16, primary_key=True, serialize=False)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "verbose_name": "region",
                "db_table": "villages_region",
                "ordering": ["sort_order"],
            },
        ),
        migrations.CreateModel(
            name="Province",
            fields=[
                ("name_th", models.CharField(max_length=120, verbose_name="name (Thai)")),
                ("name_en", models.CharField(max_length=120, verbose_name="name (English)")),
                ("code", models.CharField(max_length=2, primary_key=True, serialize=False)),
                ("region", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="provinces", to="places.region")),
            ],
            options={
                "verbose_name": "province",
                "db_table": "villages_province",
                "ordering": ["name_en"],
            },
        ),
        migrations.CreateModel(
            name="District",
            fields=[
                ("name_th", models.CharField(max_length=120, verbose_name="name (Thai)")),
                ("name_en", models.CharField(max_length=120, verbose_name="name (English)")),
                ("code", models.CharField(max_length=4, primary_key=True, serialize=False)),
                ("province", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="districts", to="places.province")),
            ],
            options={
                "verbose_name": "district",
                "db_table": "villages_district",
                "ordering": ["name_en"],
            },
        ),
        migrations.CreateModel(
            name="Tambon",
            fields=[
                ("name_th", models.CharField(max_length=120, verbose_name="name (Thai)")),
                ("name_en", models.CharField(max_length=120, verbose_name="name (English)")),
                ("code", models.CharField(max_length=6, primary_key=True, serialize=False)),
                ("postcodes", models.JSONField(default=list)),
                ("district", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="tambons", to="places.district")),
            ],
            options={
                "verbose_name": "tambon",
                "db_table": "villages_tambon",
                "ordering": ["name_en"],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(relabel_content_types, relabel_back),
    ]
