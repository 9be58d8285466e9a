"""Storefront catalogue views: every listing starts from `Product.objects.browsable()`,
which is narrowed to eligible products, and a product page 404s for anything else.

Oscar's own list views go through haystack's "simple" backend, which loads every
product row and ignores public/eligible filters, so these are plain ORM views.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from .certificates import Certificate

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class ProductListView(ListView):
    context_object_name = "products"
    paginate_by = 24
    page_kwarg = "page"


class CatalogueView(ProductListView):
    """All eligible products."""

    template_name = "oscar/catalogue/browse.html"

    def get_queryset(self):
        return Product.objects.listed()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = _("All products")
        ctx["categories"] = Category.objects.browsable().filter(depth=1)
        return ctx


class ProductCategoryView(ProductListView):
    """Eligible products in a category and its subcategories."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.browsable(), pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        categories = self.category.get_descendants_and_self()
        return Product.objects.listed().filter(categories__in=categories).distinct()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.name
        ctx["categories"] = Category.objects.browsable().filter(depth=1)
        return ctx


class ProductDetailView(OscarProductDetailView):
    """A product page; ineligible products do not exist here, for staff too (staff
    preview them in the dashboard)."""

    def get_queryset(self):
        return (
            Product.objects.eligible()
            .with_current_rating()
            .select_related("producer__tambon__district__province__region")
        )

    def is_viewable(self, product, request) -> bool:
        return True  # get_queryset() has already applied the OTOP rule

    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        try:
            return super().get_object(queryset)
        except Http404:
            raise Http404(_("No such OTOP product.")) from None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rating_history"] = self.object.opc_ratings.order_by("-year")
        ctx["certificates"] = (
            Certificate.objects.current().covering(self.object).order_by("kind", "pk")
        )
        return ctx
