"""Product views by anonymous visitors, counted in the cache and written in batches.

An anonymous GET must write nothing to the database: the storefront's pages are
cacheable, and on SQLite every write queues behind checkout. The cache counts instead
(atomic INCR in Redis; CACHE_URL must point to a shared cache in production for the
counts of every worker to meet), and `record()` moves the counts into Oscar's
ProductRecord: for every product by `manage.py record_product_views` (cron), and for
the products of a basket addition or an order right after it commits, which writes
anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Model

from . import counters

# Long enough to survive between two runs of the command, short enough that the
# counts of deleted products go away by themselves.
KEEP_SECONDS = 30 * 24 * 3600
CHUNK = 1000


def key(product_id: int) -> str:
    return f"analytics:product-views:{product_id}"


def count(product_id: int) -> None:
    """One more view of the product, in the cache only."""
    cache.add(key(product_id), 0, timeout=KEEP_SECONDS)
    try:
        cache.incr(key(product_id))
    except ValueError:  # evicted between add and incr
        cache.set(key(product_id), 1, timeout=KEEP_SECONDS)


def pending(product_ids: Iterable[int]) -> dict[int, int]:
    values = cache.get_many([key(pid) for pid in product_ids])
    return {
        int(k.rsplit(":", 1)[1]): int(v) for k, v in values.items() if int(v or 0) > 0
    }


def record(product_model: type[Model], product_ids: Iterable[int] | None = None) -> int:
    """Add the counted views to ProductRecord.num_views; return how many were moved."""
    from .models import ProductRecord

    if product_ids is None:
        ids = product_model._default_manager.values_list("pk", flat=True).iterator(
            chunk_size=CHUNK
        )
    else:
        ids = iter(sorted(set(product_ids)))
    moved = 0
    while chunk := [pid for _, pid in zip(range(CHUNK), ids, strict=False)]:
        views = pending(chunk)
        existing = set(
            product_model._default_manager.filter(pk__in=views).values_list(
                "pk", flat=True
            )
        )
        rows = {}
        for product_id, n in views.items():
            # Take the counted views out first: views counted meanwhile stay for the
            # next run, and a crash loses some views rather than counting them twice.
            cache.decr(key(product_id), n)
            if product_id in existing:
                rows[product_id] = {"num_views": n}
        counters.add(ProductRecord, "product", rows)
        moved += sum(r["num_views"] for r in rows.values())
    return moved
