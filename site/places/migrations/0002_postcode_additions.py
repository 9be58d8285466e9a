"""Accept the postcodes that two independent datasets give for 47 subdistricts and
geothai lacks (places/data/postcode_additions.csv; the loader adds them too)."""

from django.db import migrations


def add_postcodes(apps, schema_editor):
    from places.loader import postcode_additions, with_additions

    Tambon = apps.get_model("places", "Tambon")
    additions = postcode_additions()
    changed = []
    for tambon in Tambon.objects.filter(code__in=list(additions)):
        postcodes = with_additions(tambon.code, tambon.postcodes, additions)
        if postcodes != tambon.postcodes:
            tambon.postcodes = postcodes
            changed.append(tambon)
    Tambon.objects.bulk_update(changed, ["postcodes"])


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(add_postcodes, migrations.RunPython.noop)]
