"""Producer stories: the people behind the products, told by editors."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.search import index

from catalogue.models import Product

from ..restrictions import public
from ..slugs import ThaiSlugPageForm
from .serving import ServedPage
from .story import StoryPage

SHOWN_PRODUCTS = 8


class StoryIndexPage(ServedPage, Page):
    """The list of producer stories."""

    intro = models.TextField(_("introduction"), blank=True)

    base_form_class = ThaiSlugPageForm
    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["villages.HomePage"]
    subpage_types = ["villages.ProducerStoryPage"]
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = (
            public(ProducerStoryPage.objects.child_of(self).live())
            .select_related("producer__tambon__district__province", "hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-first_published_at")
        )
        return context


class ProducerStoryPage(StoryPage):
    """The story of one registered producer, linked to its profile and products."""

    producer = models.ForeignKey(
        "catalogue.Producer",
        models.PROTECT,
        related_name="story_pages",
        verbose_name=_("producer"),
    )

    content_panels = [
        *StoryPage.content_panels[:1],
        "producer",
        *StoryPage.content_panels[1:],
    ]
    parent_page_types = ["villages.StoryIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *StoryPage.search_fields,
        index.FilterField("producer"),
        index.RelatedFields(
            "producer", [index.SearchField("name_th"), index.SearchField("name_en")]
        ),
    ]

    serve_select_related = (
        "hero_image",
        "producer__tambon__district__province__region",
    )

    class Meta:
        verbose_name = _("producer story")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Joined when villages.routing loads the page (serve_select_related).
        context["producer"] = self.producer
        context["products"] = Product.objects.listed().filter(
            producer_id=self.producer_id
        )[:SHOWN_PRODUCTS]
        return context
