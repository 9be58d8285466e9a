"""Facets on the catalogue and its category pages, counted over the search index's
documents of eligible products: while no facet is chosen, from one tally of all
those pages kept per content version (`listing_counts`), which also gives the
paginator its total (no count of the catalogue's joins); once one is chosen, by the
search engine that gives the search page its facets (`engine.Search` with no words).

These views extend the catalogue's own (`catalogue.views`) and take their addresses
in the URLconf; without a facet chosen the product list is the catalogue's own
queryset, unchanged. Once a facet is chosen the page of products comes from the same
statement as the counts, and is loaded through `Product.objects.listed()` as search
results are, so the list and the counts always agree.
"""

from __future__ import annotations

from catalogue.views import CatalogueView, ProductCategoryView

from .engine import ResultPage, Search
from .forms import SearchForm
from .listing_counts import browse_results
from .models import SearchDocument
from .query import parse
from .views import FacetLinks, load_products


class FacetedListing(FacetLinks):
    paginate_by = 24

    # Facets a page fixes (a category page fixes its category) and does not offer.
    def fixed_filters(self) -> dict:
        return {}

    def setup_facets(self) -> None:
        form = SearchForm(self.request.GET)
        self.chosen = {
            name: value for name, value in form.filters().items() if name != "producer"
        }
        self.filters = {**self.chosen, **self.fixed_filters()}
        self.problems = form.problems()
        self.search = Search(parse(""), SearchDocument.Kind.PRODUCT, self.filters)
        if not self.chosen:
            fixed = self.fixed_filters()
            self.found = browse_results(
                path=fixed.get("category_path", ""), category_id=fixed.get("category")
            )
            return
        number = self.request.GET.get("page", "1")
        page = int(number) if number.isdigit() and int(number) > 0 else 1
        self.found = self.search.results(
            (page - 1) * self.paginate_by, self.paginate_by, facets=True
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        # The catalogue's own list: its total is the tally's (the same documents).
        if not self.chosen:
            kwargs["total"] = self.found.total
        return super().get_paginator(queryset, per_page, **kwargs)

    def faceted_queryset(self, queryset):
        if not self.chosen:
            return queryset
        return ResultPage(self.search, self.found, load_products)

    def facet_context(self) -> dict:
        fixed = self.fixed_filters()
        if "category_path" in fixed:
            fixed = {**fixed, "category": None}  # within one category already
        counts = {k: v for k, v in self.found.counts.items() if k not in fixed}
        return {
            "facets": self._facets(counts, self.filters),
            "active_filters": self._active_filters(self.chosen),
            "problems": self.problems,
        }


class FacetedCatalogueView(FacetedListing, CatalogueView):
    def get(self, request, *args, **kwargs):
        self.setup_facets()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.faceted_queryset(super().get_queryset())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.facet_context()}


class FacetedCategoryView(FacetedListing, ProductCategoryView):
    """Every category page gets facets: a top-level category (one of the five OTOP
    categories) fixes the category facet, a subcategory its tree path (its products
    and those of its subcategories)."""

    def fixed_filters(self) -> dict:
        if self.category.depth == 1:
            return {"category": self.category.pk}
        return {"category_path": self.category.path}

    def get_queryset(self):
        queryset = super().get_queryset()
        self.setup_facets()
        return self.faceted_queryset(queryset)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.facet_context()}
