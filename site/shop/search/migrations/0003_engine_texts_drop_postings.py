"""The index moves to Wagtail's search backends: the documents get their four texts of
analysed terms and a certificate column, and the home-made postings and vocabulary
go. On SQLite, FTS5's table is made again with Thai vowel and tone marks as parts of
words (its default tokenizer splits words at them)."""

from django.db import migrations, models

FTS = "wagtailsearch_indexentry_fts"
# Thai combining marks: mai han-akat, the vowels above and below, the tone marks,
# the thanthakhat and the other signs (U+0E31, U+0E34-0E3A, U+0E47-0E4E).
THAI_MARKS = "\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3B))) + "".join(
    map(chr, range(0x0E47, 0x0E4F))
)


def fts_with_thai_marks(apps, schema_editor, marks=THAI_MARKS):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE name = %s AND type = 'table'", [FTS]
        )
        if cursor.fetchone() is None:
            return  # no FTS5: Wagtail falls back to plain matching
        tokenize = f"unicode61 remove_diacritics 0 tokenchars '{marks}'" if marks else "unicode61"
        cursor.execute(f"DROP TABLE {FTS}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title, "
            f"tokenize = \"{tokenize}\")"
        )
        cursor.execute(
            f"INSERT INTO {FTS} (rowid, autocomplete, body, title) "
            "SELECT id, autocomplete, body, title FROM wagtailsearch_indexentry"
        )


def fts_plain(apps, schema_editor):
    fts_with_thai_marks(apps, schema_editor, marks="")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_posting_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.DeleteModel(name="Posting"),
        migrations.DeleteModel(name="Term"),
        migrations.AddField(
            model_name="searchdocument",
            name="certificates",
            field=models.CharField(blank=True, default="", max_length=255),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="category_path",
            field=models.CharField(blank=True, default="", max_length=255),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="title_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="name_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="context_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="detail_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fts_with_thai_marks, fts_plain),
    ]
