"""Oscar's analytics, moved out of the way of checkout.

Oscar updates analytics_productrecord inside the request: under ATOMIC_REQUESTS the
basket addition holds that row while it waits for the stock row, and order placement
holds the stock rows while it updates the same analytics row (deadlocks), and a unique
violation on a first view breaks the transaction. Here every counter is written after
the request's transaction commits, as one atomic upsert (counters.py), and anonymous
product views only touch the cache (product_views.py).
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver

from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.order.signals import order_placed
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

from . import counters, product_views

Product = get_model("catalogue", "Product")
ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")
UserSearch = get_model("analytics", "UserSearch")


def after_commit(function) -> None:
    # robust: a failed counter is logged by Django and never turns the visitor's
    # already committed request into an error page.
    transaction.on_commit(function, robust=True)


def signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


@receiver(product_viewed)
def receive_product_view(sender, product, user, **kwargs) -> None:
    if kwargs.get("raw", False):
        return
    if not signed_in(user):
        product_views.count(product.pk)
        return
    product_id, user_id = product.pk, user.pk

    def write() -> None:
        view = UserProductView(product_id=product_id, user_id=user_id)
        counters.run_together(
            [
                counters.upsert(
                    ProductRecord, "product", {product_id: {"num_views": 1}}
                ),
                counters.upsert(
                    UserRecord, "user", {user_id: {"num_product_views": 1}}
                ),
                counters.insert(view),
            ]
        )

    after_commit(write)


@receiver(user_search)
def receive_product_search(sender, query, user, **kwargs) -> None:
    if signed_in(user) and not kwargs.get("raw", False):
        user_id = user.pk
        after_commit(lambda: UserSearch.objects.create(user_id=user_id, query=query))


@receiver(basket_addition)
def receive_basket_addition(sender, product, user, **kwargs) -> None:
    if kwargs.get("raw", False):
        return
    product_id = product.pk
    user_id = user.pk if signed_in(user) else None

    def write() -> None:
        counters.add(
            ProductRecord, "product", {product_id: {"num_basket_additions": 1}}
        )
        if user_id:
            counters.add(UserRecord, "user", {user_id: {"num_basket_additions": 1}})
        product_views.record(Product, [product_id])

    after_commit(write)


@receiver(order_placed)
def receive_order_placed(sender, order, user, **kwargs) -> None:
    if kwargs.get("raw", False):
        return
    purchases: dict[int, dict[str, int]] = {}
    for line in order.lines.all():
        if line.product_id:
            row = purchases.setdefault(line.product_id, {"num_purchases": 0})
            row["num_purchases"] += line.quantity
    user_id = user.pk if signed_in(user) else None
    totals = {
        "num_orders": 1,
        "num_order_lines": order.num_lines,
        "num_order_items": order.num_items,
        "total_spent": order.total_incl_tax,
        "date_last_order": order.date_placed,
    }

    def write() -> None:
        counters.add(ProductRecord, "product", purchases)
        if user_id:
            counters.add(
                UserRecord, "user", {user_id: totals}, replace=("date_last_order",)
            )
        product_views.record(Product, purchases)

    after_commit(write)
