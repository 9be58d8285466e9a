"""The version of what searches and the listings' counts are answered from: the
search documents (their words, their facet values and whether the OTOP rule lists
them).

It is finer than the content version (`catalogue.content_version`), which retires
every cached page on any change of the catalogue. Most changes leave every document
as it was: a sale or a stock movement, a photo, a village's story. The catalogue's
counts (`listing_counts`) and kept search answers (`engine.Search.results`) then
survive them; at 100,000 products recounting costs the next catalogue view ~180 ms
of database time, and a broad word's search as much again.

It changes when documents are written or deleted (`indexing`, which writes a
document only when what it holds has changed), when the OTOP rule relists them
(`indexing.relist`), and at midnight (a registration that lapses by date). The
newest document's id is part of it too, so that a rewrite is seen even if the bump
was lost (a cache that was down at that moment).
"""

from __future__ import annotations

from django.db.models import Max

from catalogue.content_version import UNCACHED, Version

from .models import SearchDocument

DOCUMENTS = Version("otop:search-documents-version")


def current() -> str | None:
    """The version to key answers by now; None when the cache is down."""
    version = DOCUMENTS.current()
    if version.startswith(UNCACHED):
        return None
    newest = SearchDocument.objects.aggregate(newest=Max("pk"))["newest"]
    return f"{version}:{newest}"


def changed() -> None:
    """The documents changed (in this transaction): answers kept so far are out of
    date."""
    DOCUMENTS.bump_now_and_on_commit()


def document_saved_or_deleted(sender, raw: bool = False, **kwargs) -> None:
    """Receiver: a document saved or deleted one by one (a product's deletion
    takes its document with it)."""
    if not raw:
        changed()
