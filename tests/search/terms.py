"""What a document is found by, in each of its four fields, read from wherever the
backend keeps it: the document's row, or (PostgreSQL, where rows keep no texts) the
weights of its index entry's vectors."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from shop.search.models import SearchDocument

# The vector and weight each text is written to (shop.search.backend).
VECTORS = {
    "title_terms": ("title", "A"),
    "name_terms": ("body", "B"),
    "context_terms": ("body", "C"),
    "detail_terms": ("body", "D"),
}


def indexed_terms(document: SearchDocument, field: str = "title_terms") -> set[str]:
    text = getattr(document, field)
    if text or connection.vendor != "postgresql":
        return set(text.split())
    column, weight = VECTORS[field]
    content_type = ContentType.objects.get_for_model(SearchDocument).pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.lexeme FROM wagtailsearch_indexentry e, unnest(e.{column}) u "
            "WHERE e.content_type_id = %s AND e.object_id = %s AND %s = ANY(u.weights)",
            [content_type, str(document.pk), weight],
        )
        return {row[0] for row in cursor.fetchall()}
