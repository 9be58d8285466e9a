"""Browse by place: region → province → district → tambon, for villages and products.

District and tambon pages exist only where there is something to show (a village page,
a registered producer or an eligible product); every query here is one per list, never
one per item.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from catalogue import content_version
from catalogue.models import Product
from catalogue.pagination import VersionedCountPaginator
from catalogue.register import Producer
from places.models import District, Province, Region, Tambon

from .models import VillagePage
from .provenance import current_language, kbo_page_for

PRODUCTS_PER_PAGE = 24
REGION_PRODUCTS = 8


def local_villages():
    """Live village pages in the visitor's language, ready for cards."""
    return (
        VillagePage.objects.live()
        .public()
        .in_language(current_language())
        .for_listing()
        .order_by("title")
    )


def _counts(queryset, key: str) -> dict:
    return dict(
        queryset.order_by().values(key).annotate(n=Count("pk")).values_list(key, "n")
    )


class PlaceView(TemplateView):
    """A place with its villages, producers and eligible products."""

    template_name = "villages/place.html"
    level = ""  # "region", "province", "district" or "tambon"
    products_filter = ""  # the place's key seen from a product
    villages_filter = ""  # the place's key seen from a village page

    def get_place(self):
        raise NotImplementedError

    def has_producers(self, place) -> bool:
        key = self.villages_filter  # producers and village pages both have a tambon
        return Producer.objects.registered().filter(**{key: place.pk}).exists()

    def get_parts(self) -> list[dict]:
        """The next level down, with counts: what to browse to from here."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.place = place = self.get_place()
        products = Product.objects.listed().filter(**{self.products_filter: place.pk})
        villages = list(local_villages().filter(**{self.villages_filter: place.pk}))
        # The count is kept under the content version, as on the catalogue's pages.
        page = VersionedCountPaginator(
            products,
            PRODUCTS_PER_PAGE,
            count_key=f"place:{self.level}:{place.pk}",
        ).get_page(self.request.GET.get("page"))
        if self.level in ("district", "tambon") and not (
            villages or page.paginator.count or self.has_producers(place)
        ):
            raise Http404(_("Nothing from this place yet."))
        context.update(
            level=self.level,
            place=place,
            trail=self.trail(place),
            villages=villages,
            products=page,
            parts=self.cached_parts(),
        )
        return context

    def cached_parts(self) -> list[dict]:
        """get_parts() (a count over the place's products, villages and producers),
        kept under the content version: it changes only when the content does."""
        key = (
            f"otop:place-parts:{content_version.current()}:{self.level}:"
            f"{self.place.pk}:{current_language()}"
        )
        try:
            parts = cache.get(key)
        except Exception:  # a cache that is down: count
            parts = None
        if parts is None:
            parts = self.get_parts()
            try:
                cache.set(key, parts, 3600)
            except Exception:
                pass
        return parts

    @staticmethod
    def trail(place) -> list:
        """The places above this one, widest first."""
        chain = []
        while parent := _PARENT_OF.get(type(place)):
            place = getattr(place, parent)
            chain.append(place)
        return chain[::-1]


_PARENT_OF = {Tambon: "district", District: "province", Province: "region"}


class PlacesIndexView(TemplateView):
    """The six regions, with their numbers of villages and products."""

    template_name = "villages/places_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        products = _counts(
            Product.objects.listed(), "producer__tambon__district__province__region"
        )
        villages = _counts(local_villages(), "tambon__district__province__region")
        regions = list(
            Region.objects.annotate(num_provinces=Count("provinces")).order_by(
                "sort_order"
            )
        )
        for region in regions:
            region.num_products = products.get(region.pk, 0)
            region.num_villages = villages.get(region.pk, 0)
        context["regions"] = regions
        return context


class RegionView(PlaceView):
    level = "region"
    products_filter = "producer__tambon__district__province__region"
    villages_filter = "tambon__district__province__region"

    def get_place(self):
        return get_object_or_404(Region, pk=self.kwargs["code"])

    def get_parts(self) -> list[dict]:
        products = _counts(
            Product.objects.listed().filter(
                producer__tambon__district__province__region=self.place
            ),
            "producer__tambon__district__province",
        )
        villages = _counts(
            local_villages().filter(tambon__district__province__region=self.place),
            "tambon__district__province",
        )
        return [
            {
                "place": province,
                "num_products": products.get(province.pk, 0),
                "num_villages": villages.get(province.pk, 0),
            }
            for province in self.place.provinces.order_by("name_th")
        ]


class ProvinceView(PlaceView):
    level = "province"
    products_filter = "producer__tambon__district__province"
    villages_filter = "tambon__district__province"

    def get_place(self):
        return get_object_or_404(
            Province.objects.select_related("region"), pk=self.kwargs["code"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kbo_page"] = kbo_page_for(self.place.pk)
        return context

    def get_parts(self) -> list[dict]:
        return _parts_with_content(
            District.objects.filter(province=self.place),
            "producer__tambon__district",
            "tambon__district",
            Q(tambon__district__province=self.place),
            "tambon__district",
        )


class DistrictView(PlaceView):
    level = "district"
    products_filter = "producer__tambon__district"
    villages_filter = "tambon__district"

    def get_place(self):
        return get_object_or_404(
            District.objects.select_related("province__region"),
            pk=self.kwargs["code"],
        )

    def get_parts(self) -> list[dict]:
        return _parts_with_content(
            Tambon.objects.filter(district=self.place),
            "producer__tambon",
            "tambon",
            Q(tambon__district=self.place),
            "tambon",
        )


class TambonView(PlaceView):
    level = "tambon"
    products_filter = "producer__tambon"
    villages_filter = "tambon"

    def get_place(self):
        return get_object_or_404(
            Tambon.objects.select_related("district__province__region"),
            pk=self.kwargs["code"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["producers"] = Producer.objects.filter(tambon=self.place).for_listing()
        return context


def _parts_with_content(
    places, product_key: str, village_key: str, producers_in: Q, producer_key: str
) -> list[dict]:
    """The smaller places that have villages, products or registered producers."""
    products = _counts(
        Product.objects.listed().filter(**{f"{product_key}__in": places}), product_key
    )
    villages = _counts(
        local_villages().filter(**{f"{village_key}__in": places}), village_key
    )
    producers = _counts(
        Producer.objects.registered().filter(producers_in), producer_key
    )
    keys = set(products) | set(villages) | set(producers)
    return [
        {
            "place": place,
            "num_products": products.get(place.pk, 0),
            "num_villages": villages.get(place.pk, 0),
            "num_producers": producers.get(place.pk, 0),
        }
        for place in places.filter(pk__in=keys).order_by("name_th")
    ]
