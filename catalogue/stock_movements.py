"""A sale moves stock; it does not change the shop's content.

Every save of a stock record used to change the content version
(`catalogue.content_version`): each order placed, paid or cancelled emptied the shared
page cache and every process's kept cards and fragments, for one product's count. Only
the product's own page shows that count ("In stock (N available)"); listing cards,
JSON-LD and a parent's list of variants show only whether it can be bought.

So a save of an existing stock record that changes nothing but its numbers in stock and
allocated, and leaves the product buyable (or not) as it was, retires only the
product's own pages, in every language (`content_version.bump_pages`). Any other
change (a price, a partner, stock running out or coming back, a new or deleted record)
changes the content version, as before. A slot's seats show on its village page too:
`shop.experiences.freshness` bumps the content version for those itself.

Oscar's allocate(), consume_allocation() and cancel_allocation() write with update()
and send pre_save and post_save themselves; pre_save is where the stored row is read
(one query), to compare with what was saved.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.urls import get_script_prefix
from django.utils import translation

from oscar.core.loading import get_model

from . import content_version

STOCK = ("num_in_stock", "num_allocated")
NOT_SHOWN = ("id", "date_created", "date_updated")


def _other_fields(model) -> list[str]:
    """Everything else a stock record holds (its product, partner, price...)."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in (*STOCK, *NOT_SHOWN)
    ]


def _buyable(values: dict, tracked: bool) -> bool:
    """Whether Oscar's StockRequired lets the product be bought (its net stock
    level, StockRecord.net_stock_level)."""
    if not tracked:
        return True
    in_stock, allocated = values["num_in_stock"], values["num_allocated"]
    if in_stock is None:
        return False
    return in_stock - (allocated or 0) > 0


def stock_record_read(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: keep the stored row on the instance, for stock_record_saved."""
    if raw or instance.pk is None:
        return
    instance._otop_stored = (
        sender.objects.filter(pk=instance.pk)
        .values(*STOCK, *_other_fields(sender))
        .first()
    )


def stock_record_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    """post_save: a stock movement retires the product's pages; anything else the
    content version."""
    if raw or created:
        return  # created: content_version.content_changed has bumped
    stored = instance.__dict__.pop("_otop_stored", None)
    if stored is None or not only_stock_moved(instance, stored):
        content_version.bump_now_and_on_commit()
        return
    content_version.bump_pages(product_paths(instance.product))


def only_stock_moved(record, stored: dict) -> bool:
    if any(
        getattr(record, name) != stored[name] for name in _other_fields(type(record))
    ):
        return False
    product_class = record.product.get_product_class()
    tracked = bool(product_class and product_class.track_stock)
    now = {name: getattr(record, name) for name in STOCK}
    return _buyable(now, tracked) == _buyable(stored, tracked)


def product_paths(product) -> list[str]:
    """The paths of the product's page in every language, as the page cache sees
    them (`request.path_info`: decoded, without the script prefix)."""
    prefix = len(get_script_prefix()) - 1
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(unquote(product.get_absolute_url()[prefix:]))
    return paths


def connect() -> None:
    from django.db.models.signals import post_save, pre_save

    StockRecord = get_model("partner", "StockRecord")
    pre_save.connect(
        stock_record_read, sender=StockRecord, dispatch_uid="otop-stock-record-read"
    )
    post_save.connect(
        stock_record_saved, sender=StockRecord, dispatch_uid="otop-stock-record-saved"
    )
