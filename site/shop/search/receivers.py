"""Keeps the index in step with the catalogue, the register and Wagtail's pages.

These receivers keep a document's words and facet values current (title,
categories, producer and place, OPC stars and year, price, certificates) through a
task (`indexing.refresh`), and what the OTOP rule decides (public, rated, registered)
at once, in the request (`indexing.relist`).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from oscar.core.loading import get_model

from catalogue.certificates import Certificate
from catalogue.register import OpcRating, Producer

from . import index_version, indexing
from .models import SearchDocument

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

PRODUCT, PRODUCER, PAGE = (
    SearchDocument.Kind.PRODUCT,
    SearchDocument.Kind.PRODUCER,
    SearchDocument.Kind.PAGE,
)


def _product_changed(product_id: int | None, producer_id: int | None = None) -> None:
    indexing.refresh_many({PRODUCT: [product_id], PRODUCER: [producer_id]})


def product_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    indexing.relist(product_ids=[instance.parent_id or instance.pk])
    _product_changed(instance.parent_id or instance.pk, instance.producer_id)


def product_deleted(sender, instance, **kwargs) -> None:
    # The document went with the product (cascade); a parent and the producer's
    # document still list its title.
    if instance.parent_id:
        indexing.refresh(PRODUCT, [instance.parent_id])
    indexing.refresh(PRODUCER, [instance.producer_id])


def _goes_with_its_product(instance, origin) -> bool:
    """A part deleted because its product is being deleted (Django's `origin` of
    the deletion): the product's document goes with it. Refreshing it then would
    write the product a new document the moment before the product's row goes
    (tasks run at once in development and tests), which its foreign key refuses
    at commit."""
    if isinstance(origin, Product):
        return origin.pk == getattr(instance, "product_id", None)
    return isinstance(origin, QuerySet) and origin.model is Product


def product_part_changed(sender, instance, raw=False, origin=None, **kwargs) -> None:
    """A rating, category link, stock record or certificate of a product."""
    if raw or _goes_with_its_product(instance, origin):
        return
    if isinstance(instance, Certificate) and instance.product_id is None:
        # Held by the producer for all of its products.
        products = Product.objects.filter(
            producer_id=instance.producer_id, parent__isnull=True
        )
        indexing.refresh(PRODUCT, products.values_list("pk", flat=True))
        return
    product = Product.objects.filter(pk=instance.product_id).values("parent_id").first()
    if product is not None:
        product_id = product["parent_id"] or instance.product_id
        if isinstance(instance, OpcRating):
            indexing.relist(product_ids=[product_id])
        _product_changed(product_id)


def categories_changed(sender, instance, action, pk_set=None, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Product):
        indexing.refresh(PRODUCT, [instance.pk])
    else:
        indexing.refresh(PRODUCT, pk_set or ())


def category_saved(sender, instance, raw=False, created=False, **kwargs) -> None:
    # An official (root) category is indexed by what it means, not by its name
    # (documents.CATEGORY_WORDS), so only a subcategory's new name needs rewriting.
    if raw or created or instance.depth == 1:
        return
    products = ProductCategory.objects.filter(category__path__startswith=instance.path)
    indexing.refresh(PRODUCT, products.values_list("product_id", flat=True))


def producer_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    indexing.relist(producer_id=instance.pk)
    indexing.refresh(PRODUCER, [instance.pk])
    products = Product.objects.filter(producer=instance, parent__isnull=True)
    indexing.refresh(PRODUCT, products.values_list("pk", flat=True))


def page_changed(sender, instance, **kwargs) -> None:
    indexing.refresh(PAGE, [instance.pk])


def restriction_changed(sender, instance, **kwargs) -> None:
    """A page's view restriction hides it and its subpages from anonymous buyers."""
    pages = instance.page.get_descendants(inclusive=True).live()
    indexing.refresh(PAGE, pages.values_list("pk", flat=True))


def connect() -> None:
    uid = "otop-search-index"
    post_save.connect(product_saved, sender=Product, dispatch_uid=f"{uid}-product")
    post_delete.connect(
        product_deleted, sender=Product, dispatch_uid=f"{uid}-product-del"
    )
    for model in (OpcRating, ProductCategory, StockRecord, Certificate):
        name = model._meta.label_lower
        post_save.connect(
            product_part_changed, sender=model, dispatch_uid=f"{uid}-{name}"
        )
        post_delete.connect(
            product_part_changed, sender=model, dispatch_uid=f"{uid}-{name}-del"
        )
    m2m_changed.connect(
        categories_changed, sender=Product.categories.through, dispatch_uid=f"{uid}-m2m"
    )
    post_save.connect(category_saved, sender=Category, dispatch_uid=f"{uid}-category")
    post_save.connect(producer_saved, sender=Producer, dispatch_uid=f"{uid}-producer")
    page_published.connect(page_changed, dispatch_uid=f"{uid}-published")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}-restriction-{signal is post_save}",
        )
    page_unpublished.connect(page_changed, dispatch_uid=f"{uid}-unpublished")
    for signal in (post_save, post_delete):
        signal.connect(
            index_version.document_saved_or_deleted,
            sender=SearchDocument,
            dispatch_uid=f"{uid}-document-{signal is post_save}",
        )
