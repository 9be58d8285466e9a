"""Writes documents, postings and terms for products, producers and pages.

Signal receivers (`receivers.py`) call `refresh()`; inside `batch()` (imports,
`load_demo`, the rebuild command) refreshes are collected and written once at the end,
so a product saved four times during an import is analysed once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.conf import settings
from django.db import connection, models, transaction

from . import analysis, spelling
from .documents import Source, page_sources, producer_sources, product_sources
from .models import FACET_COLUMNS, Posting, SearchDocument, Term

BATCH_SIZE = 500
Analyser = Callable[[list[tuple]], dict[str, int]]

_SOURCES = {
    SearchDocument.Kind.PRODUCT: product_sources,
    SearchDocument.Kind.PRODUCER: producer_sources,
    SearchDocument.Kind.PAGE: page_sources,
}
_KEY_FIELD = {
    SearchDocument.Kind.PRODUCT: "product_id",
    SearchDocument.Kind.PRODUCER: "producer_id",
    SearchDocument.Kind.PAGE: "page_id",
}
# Facet columns a source provides (kind and object_id are the indexer's).
_SOURCE_FACETS = [c for c in FACET_COLUMNS if c not in ("kind", "object_id")]

_pending = threading.local()


@contextmanager
def batch() -> Iterator[None]:
    """Collect refreshes and write them once on leaving (nested batches join the
    outermost one)."""
    if getattr(_pending, "keys", None) is not None:
        yield
        return
    _pending.keys = {kind: set() for kind in _SOURCES}
    try:
        yield
    finally:
        # Rows committed before an error are indexed too (imports commit per row).
        keys, _pending.keys = _pending.keys, None
        if not connection.needs_rollback:
            for kind, ids in keys.items():
                if ids:
                    index(kind, ids)


def refresh(kind: str, ids: Iterable[int]) -> None:
    """Bring these documents up to date now, or at the end of the current batch."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return
    pending = getattr(_pending, "keys", None)
    if pending is not None:
        pending[kind] |= ids
    else:
        index(kind, ids)


def index(kind: str, ids: Iterable[int], analyser: Analyser | None = None) -> int:
    """(Re)write the documents of these objects; objects that are gone or not
    indexable lose theirs. Returns the number of documents written."""
    analyser = analyser or analysis.document_terms
    ids = list(ids)
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        written += _write(kind, chunk, _SOURCES[kind](chunk), analyser)
    return written


def index_all(kind: str, analyser: Analyser | None = None) -> int:
    """Every object of a kind (the rebuild command); documents of objects that are
    gone are dropped."""
    ids = _all_ids(kind)
    key_field, wanted = _KEY_FIELD[kind], set(ids)
    indexed = SearchDocument.objects.filter(kind=kind).values_list(key_field, "pk")
    gone = [pk for key, pk in indexed if key not in wanted]
    for start in range(0, len(gone), BATCH_SIZE):
        SearchDocument.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).delete()
    return index(kind, ids, analyser)


def count_terms() -> int:
    """Count each term's documents and drop the terms no document carries any more
    (after a rebuild). Returns how many were dropped."""
    postings = Posting.objects.filter(term=models.OuterRef("term"))
    deleted, _ = Term.objects.exclude(models.Exists(postings)).delete()
    counted = (
        postings.order_by().values("term").annotate(n=models.Count("*")).values("n")
    )
    Term.objects.update(documents=models.Subquery(counted))
    spelling.forget()
    return deleted


def _all_ids(kind: str) -> list[int]:
    from wagtail.models import Page

    from catalogue.models import Producer, Product

    if kind == SearchDocument.Kind.PRODUCT:
        return list(
            Product.objects.filter(parent__isnull=True).values_list("pk", flat=True)
        )
    if kind == SearchDocument.Kind.PRODUCER:
        return list(Producer.objects.values_list("pk", flat=True))
    return list(Page.objects.filter(depth__gt=1).live().values_list("pk", flat=True))


@transaction.atomic
def _write(
    kind: str, ids: list[int], sources: Iterable[Source], analyser: Analyser
) -> int:
    """Replace the documents of `ids` (documents whose source is gone are dropped)."""
    key_field = _KEY_FIELD[kind]
    stale = SearchDocument.objects.filter(kind=kind, **{f"{key_field}__in": ids})
    removed = list(stale) if _wagtail_index() else []
    # Rewriting beats updating: Django's bulk_update is slow, and postings go anyway.
    stale.delete()
    documents, terms_of = [], []
    for source in sources:
        terms = analyser(source.fields)
        facets = {name: source.facets.get(name) for name in _SOURCE_FACETS}
        doc = SearchDocument(
            kind=kind,
            object_id=source.key,
            title=source.title[:255],
            title_en=source.title_en[:255],
            **{key_field: source.key},
            **facets,
        )
        doc._terms = " ".join(sorted(terms))
        documents.append(doc)
        terms_of.append(terms)
    SearchDocument.objects.bulk_create(documents)
    if any(doc.pk is None for doc in documents):
        # Databases that cannot return ids from a bulk insert: read them back.
        _reload_ids(kind, key_field, documents)
    _insert_postings(
        (
            doc.pk,
            term,
            min(weight, 32_000),
            *(getattr(doc, column) for column in FACET_COLUMNS),
        )
        for doc, terms in zip(documents, terms_of, strict=True)
        for term, weight in terms.items()
    )
    _add_terms({t for terms in terms_of for t in terms})
    if _wagtail_index():
        _push_to_wagtail(documents, removed)
    return len(documents)


def _insert_postings(rows: Iterator[tuple[int, str, int]]) -> None:
    """Plain rows, no model instances: a product has some 80 postings, and Django's
    bulk_create spends more time preparing them than the database does storing them."""
    table = connection.ops.quote_name(Posting._meta.db_table)
    names = ["document_id", "term", "weight", *FACET_COLUMNS]
    columns = f"({', '.join(names)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(names))
        sql = f"INSERT INTO {table} {columns} VALUES ({marks})"
        while chunk := list(islice(rows, 5_000)):
            cursor.executemany(sql, chunk)


def _reload_ids(kind: str, key_field: str, documents: list[SearchDocument]) -> None:
    by_key = dict(
        SearchDocument.objects.filter(
            kind=kind,
            **{f"{key_field}__in": [getattr(d, key_field) for d in documents]},
        ).values_list(key_field, "pk")
    )
    for doc in documents:
        doc.pk = by_key[getattr(doc, key_field)]


def _wagtail_index() -> bool:
    return getattr(settings, "SEARCH_INDEX", "tokens") == "wagtail"


def _add_terms(terms: set[str]) -> None:
    if not terms:
        return
    known = set()
    listed = list(terms)
    for start in range(0, len(listed), 900):
        known |= set(
            Term.objects.filter(term__in=listed[start : start + 900]).values_list(
                "term", flat=True
            )
        )
    new = [Term(term=t, latin=t.isascii()) for t in terms - known]
    if new:
        Term.objects.bulk_create(new, ignore_conflicts=True, batch_size=2_000)
        spelling.forget()


def _push_to_wagtail(documents, removed) -> None:
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        if documents:
            backend.add_bulk(SearchDocument, documents)
        for doc in removed:
            backend.delete(doc)
