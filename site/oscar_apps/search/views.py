"""The storefront search box: eligible products whose Thai or English text, producer or
place contains every word of the query.

Oscar's haystack search over the "simple" backend ignores the OTOP rule and only honours
the last word of a query; this replaces it with an ORM search over `browsable()`.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.views import ProductListView, listed_products

SEARCHED_FIELDS = (
    "title",
    "title_en",
    "description",
    "description_en",
    "producer__name_th",
    "producer__name_en",
    "producer__tambon__name_th",
    "producer__tambon__name_en",
    "producer__tambon__district__province__name_th",
    "producer__tambon__district__province__name_en",
)


def matching(words: list[str]) -> Q:
    query = Q()
    for word in words:
        query &= Q(
            *[Q(**{f"{field}__icontains": word}) for field in SEARCHED_FIELDS],
            _connector=Q.OR,
        )
    return query


class FacetedSearchView(ProductListView):
    template_name = "oscar/search/results.html"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:200]
        words = self.query.split()
        if not words:
            return listed_products().none()
        return listed_products().filter(matching(words))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.query
        ctx["summary"] = _("Search results")
        return ctx
