"""The search index: one document per product, producer and page, the terms each is
found by (postings), and the vocabulary of all terms.

A document holds what a search needs without touching the catalogue: the analysed
terms and the facet values (category, stars, year, region, province, price band). It
does not decide eligibility: every product query is joined with
`Product.objects.eligible()` at query time, so a product that stops being eligible
leaves the results at once, whatever changed it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class SearchDocument(index.Indexed, models.Model):
    """What the search finds: a product, a producer or a page, with its facet values."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("product")
        PRODUCER = "producer", _("producer")
        PAGE = "page", _("page")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    product = models.OneToOneField(
        "catalogue.Product",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="search_document",
    )
    # The product's maker, or the producer the document is about.
    producer = models.ForeignKey(
        "catalogue.Producer", models.CASCADE, null=True, blank=True, related_name="+"
    )
    page = models.OneToOneField(
        "wagtailcore.Page",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="search_document",
    )
    title = models.CharField(max_length=255)
    title_en = models.CharField(max_length=255, blank=True)
    # The analysed terms, space-separated: what Wagtail's backends index.
    terms = models.TextField(blank=True)

    category = models.ForeignKey(
        "catalogue.Category", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stars = models.PositiveSmallIntegerField(null=True, blank=True)
    selection_year = models.PositiveSmallIntegerField(null=True, blank=True)
    region = models.ForeignKey(
        "villages.Region", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    province = models.ForeignKey(
        "villages.Province", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    price_band = models.PositiveSmallIntegerField(null=True, blank=True)
    listed_at = models.DateTimeField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    # Used only when the index lives in a Wagtail backend (SEARCH_INDEX=wagtail);
    # oscar_apps.search.indexing pushes documents there itself.
    search_fields = [index.SearchField("terms"), index.FilterField("kind")]
    search_auto_update = False

    class Meta:
        verbose_name = _("search document")
        constraints = [
            models.UniqueConstraint(
                fields=["producer"],
                condition=models.Q(kind="producer"),
                name="one_search_document_per_producer",
            ),
        ]
        indexes = [models.Index(fields=["kind", "producer"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    @classmethod
    def get_indexed_objects(cls):
        if getattr(settings, "SEARCH_INDEX", "tokens") != "wagtail":
            return cls.objects.none()
        return cls.objects.all()


class Posting(models.Model):
    """A term a document is found by, and how strongly (a title beats a description)."""

    document = models.ForeignKey(
        SearchDocument, models.CASCADE, related_name="postings"
    )
    term = models.CharField(max_length=64)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        # (term, document, weight) answers a query from the index alone.
        indexes = [models.Index(fields=["term", "document", "weight"])]

    def __str__(self) -> str:
        return f"{self.term} -> {self.document_id} ({self.weight})"


class Term(models.Model):
    """A term some document carries: for spelling correction, substring and prefix
    matching against a small table instead of every posting."""

    term = models.CharField(max_length=64, primary_key=True)
    latin = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["latin", "term"])]

    def __str__(self) -> str:
        return self.term
