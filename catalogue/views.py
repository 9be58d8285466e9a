"""Storefront catalogue views: every listing starts from `Product.objects.browsable()`,
which is narrowed to eligible products, and a product page 404s for anything else.

Oscar's own list views go through haystack's "simple" backend, which loads every
product row and ignores public/eligible filters, so these are plain ORM views.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from .certificates import Certificate
from .eligibility import built_today, made_today
from .pagination import VersionedCountPaginator
from .statements import Prepared

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductReview = get_model("reviews", "ProductReview")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")
OpcRating = get_model("catalogue", "OpcRating")


class ProductListView(ListView):
    context_object_name = "products"
    paginate_by = 24
    page_kwarg = "page"
    paginator_class = VersionedCountPaginator

    def get_paginator(self, queryset, per_page, **kwargs):
        # What this listing is, for its cached count: the view, its arguments and its
        # query string without the page number.
        query = sorted(
            (name, value)
            for name, values in self.request.GET.lists()
            if name != self.page_kwarg
            for value in values
        )
        key = repr((type(self).__qualname__, sorted(self.kwargs.items()), query))
        return super().get_paginator(queryset, per_page, count_key=key, **kwargs)


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
        # Exists, not a join + DISTINCT: DISTINCT sorts every matching row, where the
        # listing index (catalogue_product_listing) can serve the page in order.
        in_category = ProductCategory.objects.filter(
            product=OuterRef("pk"), category__in=categories
        )
        return Product.objects.listed().filter(Exists(in_category))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.name
        ctx["categories"] = Category.objects.browsable().filter(depth=1)
        return ctx


@dataclass(frozen=True)
class ProductPageStatements:
    product: Prepared
    categories: Prepared


class ProductDetailView(OscarProductDetailView):
    """A product page; ineligible products do not exist here, for staff too (staff
    preview them in the dashboard)."""

    def get_queryset(self):
        return built_today(
            "product page",
            lambda: self._build_queryset().prefetch_browsable_categories(),
        )

    def _build_queryset(self):
        # Photos, stock records and categories fetched once: the page asks for the
        # primary image, the purchase info and the first category several times.
        # Not Oscar's base_queryset(): it also prefetches children and options, which
        # only a parent (see ProductQuerySet._prefetch_related_objects) or a product
        # with options (has_options, then Oscar's form asks) reads. The parent and its
        # class are joined: a variant's page shows its parent's title and categories.
        approved = ProductReview.objects.filter(
            product=OuterRef("pk"), status=ProductReview.APPROVED
        )
        return (
            Product.objects.eligible()
            .select_related(
                "product_class",
                "parent__product_class",
                "producer__tambon__district__province__region",
            )
            .with_option_flags()
            .with_current_rating()
            .annotate(
                num_approved_reviews=Coalesce(
                    Subquery(
                        approved.order_by()
                        .values("product")
                        .annotate(n=Count("pk"))
                        .values("n")
                    ),
                    0,
                )
            )
            .annotate(**self._panel_flags())
            .prefetch_related("stockrecords", "images")
        )

    def _prepare(self) -> ProductPageStatements:
        return ProductPageStatements(
            product=Prepared(self._build_queryset(), "pk"),
            categories=Prepared(Category.objects.browsable(), "product"),
        )

    @staticmethod
    def _panel_flags() -> dict:
        """Whether the page's optional panels have anything to show, asked in the
        product's own statement: most products have no attributes, recommendations,
        certificates or rating history, and each panel's query (0.5-1 ms of Django a
        page) then runs for nothing."""
        own_ratings = (
            OpcRating.objects.filter(product=OuterRef("pk"))
            .order_by()
            .values("product")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return {
            "has_attribute_values": Exists(
                ProductAttributeValue.objects.filter(
                    Q(product=OuterRef("pk")) | Q(product=OuterRef("parent_id"))
                )
            ),
            "has_recommendations": Exists(
                ProductRecommendation.objects.filter(primary=OuterRef("pk"))
            ),
            "has_certificates": Exists(
                Certificate.objects.current().covering_ref(
                    Coalesce(OuterRef("parent_id"), OuterRef("pk"))
                )
            ),
            "own_rating_count": Coalesce(Subquery(own_ratings), 0),
        }

    def is_viewable(self, product, request) -> bool:
        return True  # get_queryset() has already applied the OTOP rule

    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        if queryset is not None:
            return super().get_object(queryset)
        # get_queryset() as prepared statements (catalogue.statements): the page's
        # product, its stock records and images, and its browsable categories.
        statements = made_today("product page statements", self._prepare)
        found = statements.product.fetch(pk=self.kwargs[self.pk_url_kwarg])
        if not found:
            raise Http404(_("No such OTOP product."))
        product = found[0]
        rated = product.parent if product.is_child else product
        # Where Oscar's prefetch_browsable_categories() leaves them (get_categories).
        rated._prefetched_browsable_categories = statements.categories.fetch(
            product=rated.pk
        )
        if product.is_child:
            # A variant without photos shows its parent's (Oscar's get_all_images).
            statements.product.attach_related(rated)
        if product.is_parent:
            # As ProductQuerySet._prefetch_related_objects does for a parent: its
            # variants' prices for the variant list.
            prefetch_related_objects([product], "children__stockrecords")
        return product

    def get_alert_status(self):
        # Asked only by an out-of-stock page: a query for every signed-in view otherwise.
        return SimpleLazyObject(super().get_alert_status)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        ctx["rating_history"] = (
            product.opc_ratings.order_by("-year")
            if product.own_rating_count > 1
            else ()
        )
        ctx["certificates"] = (
            Certificate.objects.current().covering(product).order_by("kind", "pk")
            if product.has_certificates
            else ()
        )
        return ctx
