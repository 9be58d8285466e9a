"""The search index: one document per product, producer and page, the terms each is
found by (postings), and the vocabulary of all terms.

A document holds what a search needs without touching the catalogue: facet values
(category, stars, year, region, province, price band) and whether the OTOP rule lets
it be listed. `listed` is `Product.objects.eligible()` evaluated when the document was
written (every save of a product, its producer, rating, category or stock record
rewrites it), and `listed_until` the producer's registration end, compared with today
at query time, so a product also drops out the day its producer's registration lapses.

Each posting repeats its document's facet and listing columns: a search then reads one
index range per term and never joins, which is what keeps facet counts over tens of
thousands of matches fast (see README, "Search").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class Facets(models.Model):
    """The columns a document and each of its postings share."""

    kind = models.CharField(max_length=10)
    # The product's, producer's or page's id.
    object_id = models.PositiveIntegerField()
    listed = models.BooleanField(default=False)
    listed_until = models.DateField(null=True, blank=True)
    # The product's maker (or the producer itself).
    maker_id = models.PositiveIntegerField(null=True, blank=True)
    category_id = models.PositiveIntegerField(null=True, blank=True)
    stars = models.PositiveSmallIntegerField(null=True, blank=True)
    selection_year = models.PositiveSmallIntegerField(null=True, blank=True)
    region_id = models.CharField(max_length=16, blank=True, null=True)
    province_id = models.CharField(max_length=2, blank=True, null=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    price_band = models.PositiveSmallIntegerField(null=True, blank=True)
    listed_at = models.DateTimeField(null=True, blank=True)
    # A page's language (Wagtail keeps one page per locale).
    language = models.CharField(max_length=8, blank=True, null=True)

    class Meta:
        abstract = True


FACET_COLUMNS = [f.attname for f in Facets._meta.local_fields]


class SearchDocument(index.Indexed, Facets):
    """What the search finds: a product, a producer or a page."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("product")
        PRODUCER = "producer", _("producer")
        PAGE = "page", _("page")

    # The object itself; its deletion takes the document and postings with it.
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

    # Used only when the index lives in a Wagtail backend (SEARCH_INDEX=wagtail);
    # shop.search.indexing pushes documents there itself.
    search_fields = [index.SearchField("terms"), index.FilterField("kind")]
    search_auto_update = False

    class Meta:
        verbose_name = _("search document")
        indexes = [models.Index(fields=["kind", "listed"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    @property
    def terms(self) -> str:
        """The analysed terms, space-separated: what a Wagtail backend indexes."""
        if "_terms" not in self.__dict__:
            self._terms = " ".join(self.postings.values_list("term", flat=True))
        return self._terms

    @classmethod
    def get_indexed_objects(cls):
        if getattr(settings, "SEARCH_INDEX", "tokens") != "wagtail":
            return cls.objects.none()
        return cls.objects.all()


class Posting(Facets):
    """A term a document is found by, how strongly (a title beats a description), and
    a copy of the document's facet and listing columns."""

    # Indexed by migration 0002: (term, kind) covering the facet columns on
    # PostgreSQL, and (document, term, weight), which also serves cascade deletes.
    document = models.ForeignKey(
        SearchDocument, models.CASCADE, related_name="postings", db_index=False
    )
    term = models.CharField(max_length=64)
    weight = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"{self.term} -> {self.document_id} ({self.weight})"


class Term(models.Model):
    """A term some document carries: for spelling correction, substring and prefix
    matching against a small table instead of every posting."""

    term = models.CharField(max_length=64, primary_key=True)
    latin = models.BooleanField(default=False)
    # How many documents carry it, as of the last rebuild (1 for a term added since):
    # enough to start a many-word search from its rarest word.
    documents = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["latin", "term"])]

    def __str__(self) -> str:
        return self.term
