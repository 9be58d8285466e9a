"""The search index's documents: one per product, producer and page.

A document holds what a search needs without touching the catalogue: four texts of
analysed terms (written by `analysis.document_fields`, space-separated, so that the
engine's own tokenizer only has to split on spaces) and the facet values (category,
stars, year, region, province, price band, certificate types) and whether the OTOP
rule lets it be listed. `listed` is `Product.objects.eligible()` evaluated when the
document was written (and set again inside the request whenever the rule may have
changed, see `indexing.relist`), and `listed_until` the producer's registration end,
compared with today at query time, so a product also drops out the day its
producer's registration lapses.

The documents are `Indexed` models of Wagtail's search (modelsearch): the database
backend (PostgreSQL tsvector + GIN, SQLite FTS5) or Elasticsearch/OpenSearch stores
and matches the texts, filters on the `FilterField`s and counts facets.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

# Field boosts: a title match above a category or producer name, above the place,
# above the description (README, "Search").
TEXT_FIELDS = {
    "title_terms": 10.0,
    "name_terms": 4.0,
    "context_terms": 2.0,
    "detail_terms": 1.0,
}
FILTER_COLUMNS = (
    "kind",
    "object_id",
    "listed",
    "listed_until",
    "maker_id",
    "category_id",
    "category_path",
    "stars",
    "selection_year",
    "region_id",
    "province_id",
    "price",
    "price_band",
    "certificates",
    "listed_at",
    "language",
)

# The facet columns the listings count: facets.FACETS less category_id (a test
# checks that the index below covers them all).
FACET_COLUMNS = [
    "stars",
    "selection_year",
    "region_id",
    "province_id",
    "price_band",
    "certificates",
]


class SearchDocument(index.Indexed, models.Model):
    """What the search finds: a product, a producer or a page."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("product")
        PRODUCER = "producer", _("producer")
        PAGE = "page", _("page")

    kind = models.CharField(max_length=10)
    # The product's, producer's or page's id.
    object_id = models.PositiveIntegerField()
    listed = models.BooleanField(default=False)
    listed_until = models.DateField(null=True, blank=True)
    # The product's maker (or the producer itself).
    maker_id = models.PositiveIntegerField(null=True, blank=True)
    category_id = models.PositiveIntegerField(null=True, blank=True)
    # The tree path of the product's most specific category: a subcategory page
    # filters on its own path as a prefix.
    category_path = models.CharField(max_length=255, blank=True, default="")
    stars = models.PositiveSmallIntegerField(null=True, blank=True)
    selection_year = models.PositiveSmallIntegerField(null=True, blank=True)
    region_id = models.CharField(max_length=16, blank=True, null=True)
    province_id = models.CharField(max_length=2, blank=True, null=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    price_band = models.PositiveSmallIntegerField(null=True, blank=True)
    # The certificate types (catalogue.certificates) the product holds valid and
    # verified, as " type type " (facet counts: see engine.CertificateFacet).
    certificates = models.CharField(max_length=255, blank=True, default="")
    listed_at = models.DateTimeField(null=True, blank=True)
    # A page's language (Wagtail keeps one page per locale).
    language = models.CharField(max_length=8, blank=True, null=True)

    # The object itself; its deletion takes the document with it.
    product = models.OneToOneField(
        "catalogue.Product", models.CASCADE, null=True, related_name="search_document"
    )
    producer = models.OneToOneField(
        "catalogue.Producer", models.CASCADE, null=True, related_name="search_document"
    )
    page = models.OneToOneField(
        "wagtailcore.Page", models.CASCADE, null=True, related_name="search_document"
    )
    title = models.CharField(max_length=255)
    title_en = models.CharField(max_length=255, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)
    # A digest of the words and facet values written (indexing.fingerprint): a
    # refresh that would write the same leaves the row as it is.
    fingerprint = models.CharField(max_length=32, blank=True, default="")

    # Analysed terms, space-separated; each term once, in the strongest field it
    # occurs in, so repeating a word in a description adds nothing. Stored empty on
    # PostgreSQL, whose index entries' vectors hold them (models.stores_texts).
    title_terms = models.TextField(blank=True, default="")
    name_terms = models.TextField(blank=True, default="")
    context_terms = models.TextField(blank=True, default="")
    detail_terms = models.TextField(blank=True, default="")

    search_fields = [
        *(index.SearchField(name, boost=boost) for name, boost in TEXT_FIELDS.items()),
        *(index.FilterField(name) for name in FILTER_COLUMNS),
    ]
    # Written by shop.search.indexing (through tasks), not by Wagtail's own signals.
    search_auto_update = False

    class Meta:
        verbose_name = _("search document")
        indexes = [
            models.Index(fields=["kind", "listed"]),
            # The catalogue's and its category pages' counts (listing_counts): the
            # listed product documents' facet columns, read by an index-only scan.
            # A product search's documents too (backend.postgres_page_and_counts:
            # their ids, keys, facets and sort columns): at 100,000 products that
            # reads ~1,200 index pages instead of the table's ~4,900 (89 -> 21 ms
            # of a broad word's statement with a cold cache).
            models.Index(
                fields=["category_id", "category_path"],
                include=[
                    "listed_until",
                    *FACET_COLUMNS,
                    "id",
                    "object_id",
                    "price",
                    "listed_at",
                ],
                condition=models.Q(kind="product", listed=True),
                name="search_doc_listed_facets",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    @classmethod
    def get_indexed_objects(cls):
        # Documents are written by shop.search.indexing (rebuild_search_index), not
        # by Wagtail's update_index; where their rows keep no texts (PostgreSQL)
        # update_index would index them empty, so it is given none.
        return super().get_indexed_objects() if stores_texts() else cls.objects.none()

    @property
    def terms(self) -> list[str]:
        return " ".join(getattr(self, name) for name in TEXT_FIELDS).split()


def stores_texts() -> bool:
    """Whether documents keep their analysed texts in their rows: not when every
    backend holds the terms itself (PostgreSQL's vectors, `holds_document_terms`);
    SQLite FTS5 and search servers are read back from the rows (tests, a search
    server's vocabulary, Wagtail's update_index)."""
    from wagtail.search.backends import get_search_backends

    backends = get_search_backends(with_auto_update=True)
    return not all(getattr(b, "holds_document_terms", False) for b in backends)
