"""Wagtail page types: the home page (village, KBO and story pages build on it)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField
from wagtail.models import Page

from .geography import Region

FEATURED_PRODUCTS = 8


class HomePage(Page):
    """The site's front page: OTOP products, villages and regions."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Imported here: catalogue.views imports Oscar's views, which need the app
        # registry that is still loading when this module is imported.
        from catalogue.views import listed_products

        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = listed_products().filter(opc_stars=5)[
            :FEATURED_PRODUCTS
        ]
        context["regions"] = Region.objects.annotate(
            num_provinces=Count("provinces")
        ).order_by("sort_order")  # Meta.ordering is ignored once a query aggregates
        return context
