"""The storefront's one search box: products (with facets), producers, and Wagtail
pages (villages, stories), all through the Thai-aware index (see `engine`).

Only eligible products ever appear: the engine counts and pages only documents the OTOP
rule lists, and the products shown are loaded through `Product.objects.listed()` as well.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from catalogue import cards
from catalogue.models import Product
from catalogue.register import Producer

from . import indexing
from .engine import ResultPage, Results, Search, index_version
from .facets import FACETS, value_labels
from .forms import SORT_CHOICES, TAB_CHOICES, SearchForm
from .models import SearchDocument
from .query import parse

PRODUCTS_PER_PAGE = 24
OTHERS_PER_PAGE = 20
SUGGESTIONS = 8
# No listing has this many pages; past it the page number is not taken at its word.
MAX_PAGE = 100_000


def _in_order(objects, ids: list[int]) -> list:
    by_id = {obj.pk: obj for obj in objects}
    return [by_id[i] for i in ids if i in by_id]


def load_products(ids: list[int]) -> list:
    """The products of a page of results, through the OTOP rule once more. One the
    rule now refuses was changed behind the index's back (a bulk update sends no
    signals): it is left out, and its document rewritten for the next search."""
    # Products whose card this process already holds are read bare, their names
    # and links only (the OTOP rule still decides which are shown); only the others
    # with what a card shows.
    shown_before = cards.known(ids)
    products = (
        [
            *Product.objects.browsable()
            .filter(pk__in=shown_before)
            .only(*Product.NAME_FIELDS),
            *Product.objects.listed().filter(
                pk__in=[i for i in ids if i not in shown_before]
            ),
        ]
        if shown_before
        else list(Product.objects.listed().filter(pk__in=ids))
    )
    products = _in_order(products, ids)
    if len(products) < len(ids):
        shown = {p.pk for p in products}
        indexing.refresh(
            SearchDocument.Kind.PRODUCT, [i for i in ids if i not in shown]
        )
    return products


def load_producers(ids: list[int]) -> list:
    producers = Producer.objects.filter(pk__in=ids).select_related(
        "tambon__district__province"
    )
    return _in_order(producers, ids)


def load_pages(ids: list[int]) -> list:
    from wagtail.models import Page

    return _in_order(Page.objects.filter(pk__in=ids).specific(), ids)


class FacetLinks:
    """Facet options, active filters and sort links as plain GET links for a page of
    product results (the search page, the catalogue and its category pages)."""

    def _url(self, **changes) -> str:
        """This search's URL with some parameters changed (None removes one); any
        change goes back to the first page."""
        params = {k: v for k, v in self.request.GET.items() if k != "page"}
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return f"?{urlencode(params)}" if params else "?"

    def _facets(self, counts: dict, filters: dict) -> list[dict]:
        labels = value_labels(counts)
        facets = []
        for facet in FACETS:
            values = counts.get(facet.name, {})
            if not values:
                continue
            selected = str(filters.get(facet.name, ""))
            options = [
                {
                    "value": value,
                    "label": labels[facet.name].get(value, value),
                    "count": count,
                    "selected": value == selected,
                    "url": self._url(
                        **{facet.name: None if value == selected else value}
                    ),
                }
                for value, count in values.items()
            ]
            options.sort(key=self._option_order(facet.name))
            facets.append(
                {"name": facet.name, "label": facet.label, "options": options}
            )
        return facets

    @staticmethod
    def _option_order(name: str):
        """Stars and years from the highest, price bands from the cheapest, the
        rest by how many products they hold."""
        if name in ("stars", "year"):
            return lambda option: -int(option["value"])
        if name == "price":
            return lambda option: int(option["value"])
        return lambda option: (-option["count"], str(option["label"]))

    def _active_filters(self, filters: dict) -> list[dict]:
        labels = value_labels({name: {str(v): 0} for name, v in filters.items()})
        active = []
        for name, value in filters.items():
            if name == "producer":
                producer = Producer.objects.filter(pk=value).first()
                label = producer.name if producer else str(value)
            else:
                label = labels.get(name, {}).get(str(value), str(value))
            active.append(
                {"name": name, "label": label, "url": self._url(**{name: None})}
            )
        return active

    def _sorts(self, current: str) -> list[dict]:
        return [
            {
                "value": value,
                "label": label,
                "current": value == current,
                "url": self._url(sort=None if value == "relevance" else value),
            }
            for value, label in SORT_CHOICES
        ]


class FacetedSearchView(FacetLinks, TemplateView):
    """Search results; keeps Oscar's name and URL (`search:search`)."""

    template_name = "oscar/search/results.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        values, filters = form.values(), form.filters()
        text = values.get("q", "")
        query = parse(text)
        tab = values.get("tab", "products")
        sort = values.get("sort", "relevance")

        per_page = PRODUCTS_PER_PAGE if tab == "products" else OTHERS_PER_PAGE
        offset = (self._page_number() - 1) * per_page
        searches = {
            "products": Search(query, SearchDocument.Kind.PRODUCT, filters, sort),
            # Producers and pages answer words only, not product facets.
            "producers": Search(query, SearchDocument.Kind.PRODUCER),
            "pages": Search(
                query, SearchDocument.Kind.PAGE, {"language": get_language() or "th"}
            ),
        }
        # Asked once for the page's searches, and only when results are kept.
        version = index_version() if settings.SEARCH_RESULTS_SECONDS else None
        for search in searches.values():
            search.version = version
        # Without words only the products tab has results; with words, the other
        # tabs' totals (PostgreSQL: from the shown tab's own statement).
        others = [k for k in searches if k != tab and (query or k == "products")]
        shown = searches[tab]
        found = {}
        if tab == "products" or query:
            found[tab], other_found = shown.with_totals_of(
                [searches[k] for k in others], offset, per_page
            )
            found.update(zip(others, other_found, strict=True))
        else:
            found["products"] = searches["products"].results(0, 0, facets=False)
        totals = {key: found[key].total if key in found else 0 for key in searches}
        loaders = {
            "products": load_products,
            "producers": load_producers,
            "pages": load_pages,
        }
        paginator = Paginator(
            ResultPage(searches[tab], found.get(tab, Results(0, {}, [])), loaders[tab]),
            per_page,
        )
        page_obj = paginator.get_page(self.request.GET.get("page"))
        counts = found["products"].counts
        products = searches["products"]

        ctx.update(
            form=form,
            query=text,
            problems=form.problems(),
            corrected=query.corrected,
            corrected_text=query.corrected_text,
            relaxed=products.relaxed,
            tab=tab,
            tabs=self._tabs(tab, totals),
            paginator=paginator,
            page_obj=page_obj,
            is_paginated=paginator.num_pages > 1,
            results=page_obj.object_list,
            products=page_obj.object_list if tab == "products" else [],
            facets=self._facets(counts, filters) if tab == "products" else [],
            active_filters=self._active_filters(filters),
            sort=sort,
            sorts=self._sorts(sort) if tab == "products" else [],
            summary=_("Search results"),
        )
        return ctx

    def _page_number(self) -> int:
        """The page asked for; 1 for anything else. Capped, so that the offset fits
        the database's integers (a 20-digit page overflowed SQLite: a 500)."""
        number = self.request.GET.get("page", "1")
        if not number.isdigit() or len(number) > 9 or int(number) < 1:
            return 1
        return min(int(number), MAX_PAGE)

    def _tabs(self, current: str, totals: dict) -> list[dict]:
        return [
            {
                "key": key,
                "label": label,
                "count": totals[key],
                "url": self._url(tab=None if key == "products" else key),
                "current": key == current,
            }
            for key, label in TAB_CHOICES
        ]


class SuggestView(View):
    """Autocomplete for the search box: product titles (and producer names) for what
    has been typed so far, as JSON for the search box's <datalist>."""

    def get(self, request):
        form = SearchForm(request.GET)
        text = form.values().get("q", "")
        suggestions: list[str] = []
        if len(text) >= 2:
            query = parse(text, completing=True)
            english = (get_language() or "th").startswith("en")
            for kind, limit in (
                (SearchDocument.Kind.PRODUCT, SUGGESTIONS),
                (SearchDocument.Kind.PRODUCER, 3),
            ):
                ids = Search(query, kind).page(0, limit)
                key = (
                    "product_id"
                    if kind == SearchDocument.Kind.PRODUCT
                    else "producer_id"
                )
                docs = SearchDocument.objects.filter(kind=kind, **{f"{key}__in": ids})
                titles = {
                    getattr(d, key): (d.title_en if english and d.title_en else d.title)
                    for d in docs
                }
                suggestions += [titles[i] for i in ids if i in titles]
        response = JsonResponse(
            {
                "query": text,
                "suggestions": list(dict.fromkeys(suggestions))[:SUGGESTIONS],
            }
        )
        response["Cache-Control"] = "max-age=60"
        return response
