"""The home page: featured products and villages, the five categories, the regions."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, Count, When
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from catalogue.models import Product
from places.models import Region

from ..restrictions import public
from ..slugs import ThaiSlugPageForm
from .languages import visitor_language
from .serving import ServedPage
from .villages import VillageIndexPage, VillagePage

FEATURED_PRODUCTS = 8
FEATURED_VILLAGES = 6


class HomePage(ServedPage, Page):
    """The site's front page: OTOP products, villages and regions."""

    intro = RichTextField(_("introduction"), blank=True)

    base_form_class = ThaiSlugPageForm
    content_panels = [
        *Page.content_panels,
        "intro",
        InlinePanel(
            "featured_products",
            heading=_("Featured products"),
            help_text=_(
                "Shown first while they are eligible; when none is chosen, the "
                "latest five-star products are shown."
            ),
        ),
        InlinePanel(
            "featured_villages",
            heading=_("Featured villages"),
            help_text=_("When none is chosen, the latest village pages are shown."),
        ),
    ]
    max_count_per_parent = 1
    subpage_types = [
        "villages.VillageIndexPage",
        "villages.KboIndexPage",
        "villages.StoryIndexPage",
        "villages.FairIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = self.featured_product_list()
        context["featured_villages"] = self.featured_village_list()
        context["regions"] = Region.objects.annotate(
            num_provinces=Count("provinces")
        ).order_by("sort_order")  # Meta.ordering is ignored once a query aggregates
        context["sections"] = self.get_children().live().in_menu()
        context["village_index"] = (
            VillageIndexPage.objects.child_of(self).live().first()
        )
        return context

    def featured_product_list(self):
        """The products the editors picked (else five-star ones), in their order: a
        queryset left for the template's `{% product_cards %}`, which loads only
        the products whose card the process has not rendered yet."""
        picked = [f.product_id for f in self.featured_products.all()]
        if not picked:
            return Product.objects.listed().filter(opc_stars=5)[:FEATURED_PRODUCTS]
        order = Case(*(When(pk=pk, then=i) for i, pk in enumerate(picked)))
        return (
            Product.objects.listed()
            .filter(pk__in=picked)
            .order_by(order)[:FEATURED_PRODUCTS]
        )

    def featured_village_list(self):
        """The villages the editors picked (else the newest), in the visitor's
        language: a queryset left for the template's `{% village_cards %}`."""
        villages = public(VillagePage.objects.live()).in_language(visitor_language())
        picked = [f.village_id for f in self.featured_villages.all()]
        if picked:
            order = Case(*(When(pk=pk, then=i) for i, pk in enumerate(picked)))
            villages = villages.filter(pk__in=picked).order_by(order)
        else:
            villages = villages.order_by("-first_published_at")
        return villages.for_listing()[:FEATURED_VILLAGES]


class HomeFeaturedProduct(Orderable):
    """A product the editors put on the home page."""

    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_products"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )

    panels = ["product"]


class HomeFeaturedVillage(Orderable):
    """A village the editors put on the home page."""

    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_villages"
    )
    village = models.ForeignKey(
        "villages.VillagePage",
        models.CASCADE,
        related_name="+",
        verbose_name=_("village"),
    )

    panels = ["village"]
