"""Oscar's catalogue with each product tied to its OTOP producer and star ratings.

Custom models are declared above Oscar's import so that Oscar skips its own versions.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    MissingProductImage,
)

from .certificates import Certificate  # noqa: F401  (a model of this app)
from .eligibility import ProductManager
from .register import OpcRating, Producer
from .reviewed import has_reviewed
from .slugs import validate_thai_slug
from .urls_cache import cached_reverse


def _english() -> bool:
    return (get_language() or "th").startswith("en")


class Category(AbstractCategory):
    """A catalogue category; `name` is Thai, with English alongside."""

    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta(AbstractCategory.Meta):
        pass

    @property
    def display_name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name

    # Oscar's templates, forms and dashboard show str(category) and the meta title:
    # in the visitor's language too.
    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " > ".join(c.display_name for c in self.get_ancestors_and_self())

    def get_meta_title(self) -> str:
        return self.meta_title or self.display_name


class MissingImage(MissingProductImage):
    """Oscar's placeholder for a product without a photo, whose first use links the
    placeholder file into MEDIA_ROOT. Two requests doing that at once (the first
    cards without photos, rendered in parallel on a fresh install) left one with
    FileExistsError, which Oscar turns into ImproperlyConfigured: a 500, found by
    benchmarks/soak.py. The link the other request made is as good as ours."""

    def symlink_missing_image(self, media_file_path):
        try:
            super().symlink_missing_image(media_file_path)
        except ImproperlyConfigured:
            if not os.path.lexists(media_file_path):
                raise


class Product(AbstractProduct):
    """An OTOP product; `title` and `description` are Thai, with English alongside."""

    slug = models.CharField(
        _("slug"), max_length=255, db_index=True, validators=[validate_thai_slug]
    )
    producer = models.ForeignKey(
        Producer, models.PROTECT, related_name="products", verbose_name=_("producer")
    )
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    # Shown on English pages, beside the Thai title, while there is no English one.
    title_rtgs = models.CharField(
        _("title in Latin letters (RTGS)"),
        max_length=255,
        blank=True,
        help_text=_("Filled in from the Thai title when left blank."),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    weight_grams = models.PositiveIntegerField(
        _("weight (grams)"), null=True, blank=True
    )

    objects = ProductManager()

    class Meta(AbstractProduct.Meta):
        indexes = [
            # Every listing's order (ProductQuerySet.listed), over the products a
            # listing can show: PostgreSQL reads a page of 24 in order from it
            # instead of sorting every eligible product.
            models.Index(
                models.F("priority").desc(),
                models.F("date_created").desc(),
                models.F("id").desc(),
                name="catalogue_product_listing",
                condition=models.Q(parent__isnull=True, is_public=True),
            )
        ]

    def get_missing_image(self):
        return MissingImage()

    def save(self, *args, **kwargs) -> None:
        if self.parent_id and not self.producer_id:
            self.producer_id = self.parent.producer_id
        if self.title and not self.title_rtgs:
            from .romanization import romanize

            self.title_rtgs = romanize(self.title)[:255]
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.get_title() or super().__str__()

    def get_absolute_url(self) -> str:
        # Remembered (catalogue/urls_cache.py): a listing asks for it twice per card.
        return cached_reverse("catalogue:detail", product_slug=self.slug, pk=self.pk)

    # What get_title() and get_absolute_url() read: enough for a list of names and
    # links (`Product.objects.only(*Product.NAME_FIELDS)`).
    NAME_FIELDS = (
        "pk",
        "slug",
        "structure",
        "parent",
        "title",
        "title_en",
        "title_rtgs",
    )

    def get_title(self) -> str:
        """The title in the visitor's language: on English pages the English title,
        or the Thai one in Latin letters (RTGS) while there is none."""
        if _english():
            if self.title_en:
                return self.title_en
            if self.is_child and not self.title:
                return (
                    self.parent.title_en or self.parent.title_rtgs or self.parent.title
                )
            if self.title_rtgs:
                return self.title_rtgs
        return super().get_title()

    @property
    def has_english_title(self) -> bool:
        rated = self.parent if self.is_child and not self.title else self
        return bool(rated.title_en)

    @property
    def localized_description(self) -> str:
        if _english() and self.description_en:
            return self.description_en
        return self.description

    @cached_property
    def is_eligible(self) -> bool:
        """Whether the OTOP rule lets this product be seen and sold now."""
        if getattr(self, "registry_eligible", False):
            return True
        if self.pk is None:
            return False
        return type(self).objects.eligible().filter(pk=self.pk).exists()

    @cached_property
    def primary_category(self):
        """The first of its browsable categories (by tree order): one query, or none
        when they were prefetched (`prefetch_browsable_categories`)."""
        categories = self.get_categories()
        if isinstance(categories, list):
            return min(categories, key=lambda c: c.path, default=None)
        return categories.first()

    @cached_property
    def current_rating(self) -> OpcRating | None:
        """The latest OPC rating (the parent's, for a variant)."""
        stars, year = getattr(self, "opc_stars", None), getattr(self, "opc_year", None)
        if stars is not None:
            return OpcRating(product=self, stars=stars, year=year)
        rated = self.parent if self.is_child else self
        return rated.opc_ratings.order_by("-year").first()

    def has_review_by(self, user) -> bool:
        # Oscar's, as a prepared statement (reviewed.py); same answer.
        if user.is_anonymous:
            return False
        return has_reviewed(self.pk, user.pk)

    @cached_property
    def has_attribute_values(self) -> bool:
        """Whether it has attribute values to list (its own or its parent's); the
        product page annotates it (ProductDetailView._panel_flags)."""
        return self.get_attribute_values().exists()


from oscar.apps.catalogue.models import *  # noqa: E402,F403
