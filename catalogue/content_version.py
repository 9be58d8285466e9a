"""The storefront's content version: one token that changes whenever something a page
shows may have changed, so that cached pages (shop.pagecache) are keyed by it and a
change shows on the very next request.

It changes on every save or delete of catalogue content (products, prices and stock
records, OPC ratings, producers, categories, photos, geography, Wagtail pages, and
their translations), on Wagtail's publish and unpublish, and at the end of a bulk
change (`catalogue.bulk`, whose updates send no signals). A sale is the exception
(`catalogue.stock_movements`): stock moved with nothing else changed retires only the
product's own pages, through their page versions (below). It also includes today's date
in Bangkok: a registration that lapses by its `expires_on` date, with no save at all,
changes every page at midnight.

The token lives in Django's default cache (Redis in production): every server process
sees the same one. It is random rather than a counter, so a cache that lost the key
(eviction, restart) can never bring back an older version's pages. A cache that is down
gives a version that caches nothing twice (pages still render).
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

KEY = "otop:content-version"
UNCACHED = "uncached-"  # how a version begins when the cache is down

# Models whose rows never appear on a storefront page, or that are written while a page
# renders (thumbnails and renditions drawn on a first view, Oscar's view counters):
# bumping on them would empty the cache on every miss.
IGNORED = {
    "wagtailimages.rendition",
    "analytics.productrecord",
    "analytics.userproductview",
    "analytics.userrecord",
    "analytics.usersearch",
    "search.searchdocument",
    "search.posting",
    "search.term",
}
STOCK_RECORD = "partner.stockrecord"
# App labels whose models are storefront content.
CONTENT_APPS = {
    "catalogue",
    "partner",
    "producers",
    "places",
    "villages",
    "wagtailcore",
    "wagtailimages",
    "reviews",
}


def tokens_of(timeouts: dict[str, int | None]) -> dict[str, str] | None:
    """The random tokens under these cache keys (one round trip), each made where the
    cache has none, to live its timeout; None while the cache is down. A made token
    is random, so a token the cache lost never brings back what was keyed by it."""
    keys = list(timeouts)
    try:
        found = cache.get_many(keys)
        missing = [key for key in keys if found.get(key) is None]
        for key in missing:
            # add(): two processes racing to create it agree on one token.
            cache.add(key, uuid.uuid4().hex, timeout=timeouts[key])
        if missing:
            found.update(cache.get_many(missing))
    except Exception:  # a cache that is down must not break a page
        logger.warning("%s: cache unavailable", ", ".join(keys), exc_info=True)
        return None
    if any(found.get(key) is None for key in keys):
        return None
    return found


class Version:
    """A token in the default cache, with today's date in Bangkok: `current()` is
    what to key by now, `bump()` retires everything keyed so far."""

    def __init__(self, key: str) -> None:
        self.key = key

    def current(self) -> str:
        tokens = tokens_of({self.key: None})
        if tokens is None:
            return f"{UNCACHED}{uuid.uuid4().hex}"
        return f"{tokens[self.key]}-{timezone.localdate().isoformat()}"

    def bump(self) -> None:
        try:
            cache.set(self.key, uuid.uuid4().hex, timeout=None)
        except Exception:
            logger.warning("%s: cache unavailable", self.key, exc_info=True)

    def bump_now_and_on_commit(self) -> None:
        """Bump at once (later reads in this transaction, tests) and again after
        commit: a page rendered meanwhile from the data before the commit is cached
        under the intermediate version, which the second bump retires."""
        self.bump()
        transaction.on_commit(self.bump, robust=True)


CONTENT = Version(KEY)


def current() -> str:
    """The version pages are cached under now: the token and today's date."""
    return CONTENT.current()


def bump() -> None:
    """Everything cached so far is out of date."""
    CONTENT.bump()


def bump_now_and_on_commit() -> None:
    CONTENT.bump_now_and_on_commit()


def is_content(model) -> bool:
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED


# --- The versions of single pages ---
# A token per page path (language prefix included, query string and host not), which
# the page cache keys a page by beside the content version: bumping it retires that
# page alone (a product's page after a sale). A token is made on the first look, as the
# content version's is (`tokens_of`); it lives as long as a cached page does, which
# keeps the cache from filling with the tokens of paths nobody asks for again.
PAGE_KEY = "otop:page-version:"


def _page_key(path: str) -> str:
    return PAGE_KEY + hashlib.sha256(path.encode()).hexdigest()[:32]


def current_with_page(path: str, timeout: int) -> tuple[str, str]:
    """(the content version, the version of the page at `path`), in one round trip
    to the cache (two more on a path's first look)."""
    page = _page_key(path)
    tokens = tokens_of({KEY: None, page: timeout})
    if tokens is None:
        return f"{UNCACHED}{uuid.uuid4().hex}", ""
    return f"{tokens[KEY]}-{timezone.localdate().isoformat()}", tokens[page]


def bump_pages(paths) -> None:
    """Retire the cached pages at these paths (now, and again after the commit)."""
    keys = [_page_key(path) for path in paths]

    def bump() -> None:
        try:
            cache.delete_many(keys)
        except Exception:
            logger.warning("%s: cache unavailable", PAGE_KEY, exc_info=True)

    bump()
    transaction.on_commit(bump, robust=True)


def content_changed(sender, **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed (any sender)."""
    if kwargs.get("raw"):  # loaddata
        return
    if sender._meta.label_lower == STOCK_RECORD and kwargs.get("created") is False:
        return  # catalogue.stock_movements decides (connected in CatalogueConfig)
    if is_content(sender):
        bump_now_and_on_commit()


def page_published_or_unpublished(sender, **kwargs) -> None:
    bump_now_and_on_commit()


def connect() -> None:
    """Connect the receivers (CatalogueConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from wagtail.signals import page_published, page_unpublished

    from .bulk import on_bulk_change

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"otop-content-version-{signal}")
    for signal in (page_published, page_unpublished):
        signal.connect(
            page_published_or_unpublished,
            dispatch_uid=f"otop-content-version-{signal}",
        )
    on_bulk_change(_bump_after_bulk_change)


class _bump_after_bulk_change:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc) -> None:
        bump_now_and_on_commit()
