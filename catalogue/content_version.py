"""The storefront's content version: one token that changes whenever something a page
shows may have changed, so that cached pages (shop.pagecache) are keyed by it and a
change shows on the very next request.

It changes on every save or delete of catalogue content (products, prices and stock
records, OPC ratings, producers, categories, photos, geography, Wagtail pages, and
their translations), on Wagtail's publish and unpublish, and at the end of a bulk
change (`catalogue.bulk`, whose updates send no signals). It also includes today's date
in Bangkok: a registration that lapses by its `expires_on` date, with no save at all,
changes every page at midnight.

The token lives in Django's default cache (Redis in production): every server process
sees the same one. It is random rather than a counter, so a cache that lost the key
(eviction, restart) can never bring back an older version's pages. A cache that is down
gives a version that caches nothing twice (pages still render).
"""

from __future__ import annotations

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


class Version:
    """A token in the default cache, with today's date in Bangkok: `current()` is
    what to key by now, `bump()` retires everything keyed so far."""

    def __init__(self, key: str) -> None:
        self.key = key

    def current(self) -> str:
        today = timezone.localdate().isoformat()
        try:
            token = cache.get(self.key)
            if token is None:
                # add(): two processes racing to create it agree on one token.
                cache.add(self.key, uuid.uuid4().hex, timeout=None)
                token = cache.get(self.key)
        except Exception:  # a cache that is down must not break a page
            logger.warning("%s: cache unavailable", self.key, exc_info=True)
            token = None
        if token is None:
            return f"{UNCACHED}{uuid.uuid4().hex}"
        return f"{token}-{today}"

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


def content_changed(sender, **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed (any sender)."""
    if kwargs.get("raw"):  # loaddata
        return
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
