"""The indexes searches read. Postings by term: on PostgreSQL it covers the facet and
listing columns (INCLUDE), so a search is an index-only range scan per term; other
databases get the plain index (Django's Meta.indexes cannot say INCLUDE portably).
Postings by document and term: a many-word search looks up the other words of the
documents its rarest word found."""

from django.db import migrations

COVERED = (
    "document_id, weight, object_id, listed, listed_until, maker_id, category_id, "
    "stars, selection_year, region_id, province_id, price, price_band, listed_at, language"
)


def create(apps, schema_editor):
    schema_editor.execute(
        "CREATE INDEX search_posting_document ON search_posting (document_id, term, weight)"
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_posting_term ON search_posting (term, kind) "
            f"INCLUDE ({COVERED})"
        )
    else:
        schema_editor.execute(
            "CREATE INDEX search_posting_term ON search_posting (term, kind, listed)"
        )


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX search_posting_term")
    schema_editor.execute("DROP INDEX search_posting_document")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
