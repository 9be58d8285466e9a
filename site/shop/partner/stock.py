"""Stock held for orders: locked and re-checked inside the order's own transaction.

Oscar's `StockRecord.allocate()` never checks the stock on hand, and its availability
check runs before the order transaction, so two buyers can both pass it for the last
unit. Every change of allocations goes through here instead: the stock rows are locked
(`SELECT … FOR UPDATE`, always in primary-key order, so that orders sharing products
queue behind each other instead of deadlocking) and checked again under the lock. The
database constraint `stock_allocated_within_stock` backs this up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


@dataclass(frozen=True)
class Shortage:
    title: str
    wanted: int
    available: int


class OutOfStock(Exception):
    """Some lines of an order cannot be served from the stock on hand."""

    def __init__(self, shortages: list[Shortage]) -> None:
        self.shortages = shortages
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("Sorry, not enough stock left of: %(titles)s.") % {
            "titles": ", ".join(
                _("%(title)s (%(available)d left)")
                % {"title": s.title, "available": max(s.available, 0)}
                for s in self.shortages
            )
        }


def lock(stockrecord_ids: Iterable[int]) -> dict[int, StockRecord]:
    """Lock these stock records until the end of the transaction, in key order."""
    ids = sorted(set(stockrecord_ids))
    if not ids:
        return {}
    query = StockRecord.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {record.pk: record for record in query}


def _tracked(line) -> bool:
    return (
        line.stockrecord_id is not None and line.product.get_product_class().track_stock
    )


def reserve(basket_lines: Iterable) -> None:
    """Lock the stock records of these basket lines and check that all of them can be
    served; raise OutOfStock otherwise. Call inside the transaction that allocates."""
    assert transaction.get_connection().in_atomic_block, "reserve() needs a transaction"
    wanted: dict[int, int] = defaultdict(int)
    titles: dict[int, str] = {}
    for line in basket_lines:
        if _tracked(line):
            wanted[line.stockrecord_id] += line.quantity
            titles[line.stockrecord_id] = line.product.get_title()
    records = lock(wanted)
    shortages = []
    for pk, quantity in wanted.items():
        available = records[pk].net_stock_level if pk in records else 0
        if quantity > available:
            shortages.append(Shortage(titles[pk], quantity, available))
    if shortages:
        raise OutOfStock(shortages)


@transaction.atomic
def release(order_lines: Iterable) -> int:
    """Give back what these order lines still hold; return the number of units.

    Safe to repeat: a line whose allocation is already released holds nothing."""
    lines = [line for line in order_lines if line.num_allocated]
    lock(line.stockrecord_id for line in lines if line.stockrecord_id)
    released = 0
    for line in lines:
        held = line.num_allocated
        line.cancel_allocation(held)
        released += held
    return released


@transaction.atomic
def consume(order_lines: Iterable) -> None:
    """Turn these lines' allocations into stock that has left the shelf (dispatch)."""
    lines = [line for line in order_lines if line.num_allocated]
    lock(line.stockrecord_id for line in lines if line.stockrecord_id)
    for line in lines:
        line.consume_allocation(line.num_allocated)
