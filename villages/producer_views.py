"""The public profile of every registered producer: its story, products and village."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from catalogue.register import Producer

from .provenance import provenance_of, story_pages_for

PRODUCTS_PER_PAGE = 24


class ProducerProfileView(DetailView):
    """A registered producer; lapsed or pending producers have no public profile."""

    template_name = "villages/producer_profile.html"
    context_object_name = "producer"

    def get_object(self, queryset=None) -> Producer:
        return get_object_or_404(
            Producer.objects.registered().select_related(
                "tambon__district__province__region"
            ),
            registration_number=self.kwargs["registration_number"],
        )

    def get_context_data(self, **kwargs):
        from catalogue.views import listed_products

        context = super().get_context_data(**kwargs)
        producer = self.object
        products = listed_products().filter(producer=producer)
        context["products"] = Paginator(products, PRODUCTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        context["provenance"] = provenance_of(producer)
        context["stories"] = list(story_pages_for(producer))
        return context
