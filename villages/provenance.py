"""Where things come from: which village, KBO network and stories belong to a producer,
and which producers belong to a place. Each lookup is one query, whatever the data."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, Q

from catalogue import content_version
from catalogue.register import Producer

from .models import KboNetworkPage, ProducerStoryPage, VillagePage
from .models.languages import visitor_language

# The visitor's language ("th", "en"), as the village models read it.
current_language = visitor_language


def village_page_for(producer: Producer, language: str | None = None):
    """The live village page, in the visitor's language (or in Thai, while nobody has
    translated it), that the producer belongs to: its moo's page first, then its
    tambon's, then one that lists it by hand."""
    belongs = Q(tambon_id=producer.tambon_id) & (
        Q(moo__isnull=True) | Q(moo=producer.moo)
    )
    return (
        VillagePage.objects.live()
        .public()
        .in_language(language or current_language())
        .filter(belongs | Q(extra_producers__producer_id=producer.pk))
        .select_related("locale")
        .order_by(F("moo").asc(nulls_last=True), "path")
        .first()
    )


def kbo_page_for(province_id: str, language: str | None = None):
    """The province's live KBO network page in the visitor's language (or in Thai,
    while nobody has translated it), if any."""
    return (
        KboNetworkPage.objects.live()
        .public()
        .in_language(language or current_language())
        .filter(province_id=province_id)
        .select_related("locale")
        .first()
    )


def story_pages_for(producer: Producer, language: str | None = None):
    return (
        ProducerStoryPage.objects.live()
        .public()
        .filter(locale__language_code=language or current_language())
        .filter(producer_id=producer.pk)
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .order_by("-first_published_at")
    )


@dataclass
class Provenance:
    """Everything a product or producer page links back to."""

    producer: Producer
    village_page: object | None
    kbo_page: object | None

    @property
    def tambon(self):
        return self.producer.tambon

    @property
    def district(self):
        return self.producer.tambon.district

    @property
    def province(self):
        return self.producer.tambon.district.province

    @property
    def region(self):
        return self.producer.tambon.district.province.region


def provenance_of(producer: Producer) -> Provenance:
    """The chain for a producer whose tambon → district → province → region is joined.

    Its two pages are kept in the cache under the content version (which any page
    publication or producer change replaces): four queries saved on every product and
    producer page."""
    language = current_language()
    key = f"otop:provenance:{content_version.current()}:{producer.pk}:{language}"
    try:
        pages = cache.get(key)
    except Exception:  # a cache that is down: look them up
        pages = None
    if pages is None:
        pages = (
            village_page_for(producer, language),
            kbo_page_for(producer.tambon.district.province_id, language),
        )
        try:
            cache.set(key, pages, 3600)
        except Exception:
            pass
    return Provenance(producer=producer, village_page=pages[0], kbo_page=pages[1])
