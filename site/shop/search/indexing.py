"""Writes the documents of products, producers and pages, and hands them to the
search backend (`backend.add_bulk`).

Signal receivers (`receivers.py`) call `refresh()`, which does not index inside the
request: it enqueues `index_documents` (django-tasks: run at once by the
ImmediateBackend in tests and development, by a worker in production; README
"Search"). What the OTOP rule decides cannot wait for the worker: `relist()` sets the
documents' `listed` column in the request, one UPDATE, so a product that stops being
eligible is out of results and counts at once. Inside `batch()` (imports,
`load_demo`, the rebuild command) refreshes are collected and written once at the
end, in this process.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from django.db import connection, connections, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from django_tasks import task

from catalogue import content_version

from . import analysis, index_version, vocabulary
from .documents import Source, page_sources, producer_sources, product_sources
from .models import FILTER_COLUMNS, SearchDocument, stores_texts

BATCH_SIZE = 500
Analyser = Callable[[list[tuple]], dict[str, str]]

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
# The filter columns a source supplies (kind and object_id are the document's own).
_SOURCE_FACETS = [c for c in FILTER_COLUMNS if c not in ("kind", "object_id")]

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
    """Bring these documents up to date: through a task, or at the end of the
    current batch."""
    refresh_many({kind: ids})


def refresh_many(kinds: dict[str, Iterable[int]]) -> None:
    """`refresh` for several kinds at once: one task for all of them."""
    wanted = {
        str(k): sorted({i for i in ids if i is not None}) for k, ids in kinds.items()
    }
    wanted = {k: ids for k, ids in wanted.items() if ids}
    if not wanted:
        return
    pending = getattr(_pending, "keys", None)
    if pending is not None:
        for kind, ids in wanted.items():
            pending[kind] |= set(ids)
        return
    index_documents.enqueue(wanted)


def relist(*, product_ids: Iterable[int] = (), producer_id: int | None = None) -> None:
    """Set `listed` (and the registration end) of these products' documents from the
    OTOP rule now, in one UPDATE: the rest of each document follows with its task."""
    from catalogue.models import Producer, Product

    # Through the documents' product key (indexed), never a scan of the documents.
    docs = SearchDocument.objects.all()
    if producer_id is not None:
        docs = docs.filter(product__producer_id=producer_id)
    else:
        ids = [i for i in product_ids if i is not None]
        if not ids:
            return
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(_relist_statement(timezone.localdate()), [ids])
                if cursor.rowcount:
                    index_version.changed()
            return
        docs = docs.filter(product_id__in=ids)
    eligible = Product.objects.filter(pk=OuterRef("object_id")).eligible()
    changes = {"listed": Exists(eligible)}
    if producer_id is not None:
        until = Producer.objects.filter(pk=producer_id).values("expires_on")[:1]
        changes["listed_until"] = until
    if docs.update(**changes):
        # Not only rows whose answer changed (SQLite, a producer's products).
        index_version.changed()


@functools.lru_cache(maxsize=2)
def _relist_statement(today: date) -> str:
    """PostgreSQL's UPDATE for `relist(product_ids=...)`, built from `eligible()` once
    a day (the rule's only changing input is the date) with the product ids left as
    its one parameter: building and compiling the rule's queryset cost a product save
    ~4 ms, twice what running the statement does.

    Most saves leave the rule's answer as it was: then no row is written (no new row
    version, no index entries, nothing for VACUUM). The rule is evaluated once a
    document (an UPDATE ... FROM its own answer)."""
    from catalogue.models import Product

    eligible = Product.objects.filter(pk=OuterRef("object_id")).eligible()
    rule = SearchDocument.objects.annotate(now=Exists(eligible)).values("id", "now")
    sql, params = rule.query.sql_with_params()
    table = SearchDocument._meta.db_table
    # The rule's parameters written in as literals, so that the ids stay the one.
    inner = connection.ops.compose_sql(sql, params).replace("%", "%%")
    return (
        f"UPDATE {table} d SET listed = rule.now FROM ({inner} "
        f'WHERE "{table}"."product_id" = ANY(%s)) rule '
        "WHERE d.id = rule.id AND d.listed <> rule.now"
    )


def index(
    kind: str,
    ids: Iterable[int],
    analyser: Analyser | None = None,
    *,
    unchanged_too: bool = False,
) -> int:
    """(Re)write the documents of these objects; objects that are gone or not
    indexable lose theirs. A document that would hold what it holds already is
    left as it is, unless `unchanged_too`. Returns the number of documents
    written."""
    analyser = analyser or analysis.document_fields
    ids = list(ids)
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        written += _write(kind, chunk, _SOURCES[kind](chunk), analyser, unchanged_too)
    return written


def index_all(
    kind: str, analyser: Analyser | None = None, workers: int | None = None
) -> int:
    """Every object of a kind written anew (the rebuild command: a search server's
    index made anew needs them all); documents of objects that are gone are
    dropped. A large kind on PostgreSQL is written by `workers` processes
    at once (default: one a CPU, at most PARALLEL_WORKERS), each over its own range
    of ids: the analysis is Python, one core per process."""
    ids = _all_ids(kind)
    key_field, wanted = _KEY_FIELD[kind], set(ids)
    indexed = SearchDocument.objects.filter(kind=kind).values_list(key_field, "pk")
    gone = [pk for key, pk in indexed if key not in wanted]
    for start in range(0, len(gone), BATCH_SIZE):
        _delete(SearchDocument.objects.filter(pk__in=gone[start : start + BATCH_SIZE]))
    if gone:
        index_version.changed()
    if workers is None:
        workers = min(PARALLEL_WORKERS, os.cpu_count() or 1)
    if workers > 1 and _can_fork(len(ids)):
        written = _index_in_processes(kind, ids, workers, analyser)
        _compact()
        vocabulary.changed()
        return written
    return index(kind, ids, analyser, unchanged_too=True)


def _compact() -> None:
    """After a whole kind was rewritten (PostgreSQL, outside a transaction): every
    replaced row is left dead in both tables and their GIN indexes. At 100,000
    products that doubles the index (245 -> 443 MB, over the 300 MB target) and the
    planner, seeing twice the pages, scans the whole entries table for a broad word
    instead of reading its GIN index (ผ้า: 454 ms against 215 ms). VACUUM FULL
    writes both tables and their indexes anew (a GIN index built whole is also
    tighter than one grown by inserts) and ANALYZE gives the planner their new
    statistics; searches wait on its lock meanwhile (~3 s at 100,000 products).
    No ORM or modelsearch call runs VACUUM."""
    from wagtail.search.models import IndexEntry

    with connection.cursor() as cursor:
        for model in (SearchDocument, IndexEntry):
            cursor.execute(f"VACUUM (FULL, ANALYZE) {model._meta.db_table}")


# Parallel writing pays from this many objects; up to this many processes.
PARALLEL_FROM = 5_000
PARALLEL_WORKERS = 4


def _can_fork(count: int) -> bool:
    """Processes see only committed rows and SQLite takes one writer at a time: in
    parallel only on PostgreSQL, outside any transaction, for a large kind."""
    return (
        count >= PARALLEL_FROM
        and connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and not getattr(_pending, "keys", None)
        and hasattr(os, "fork")
    )


def _index_in_processes(
    kind: str, ids: list[int], workers: int, analyser: Analyser | None
) -> int:
    """`index()` over contiguous id ranges, one forked process each (a fork
    inherits the loaded dictionaries and the analyser; each opens its own
    database connection, the parent's is closed first so none is shared)."""
    import multiprocessing

    ids = sorted(ids)
    size = -(-len(ids) // workers)
    ranges = [ids[start : start + size] for start in range(0, len(ids), size)]
    context = multiprocessing.get_context("fork")
    results = context.SimpleQueue()

    def work(chunk: list[int]) -> None:
        results.put(index(kind, chunk, analyser, unchanged_too=True))
        connections.close_all()

    connections.close_all()
    processes = [context.Process(target=work, args=(chunk,)) for chunk in ranges]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    failed = [p.exitcode for p in processes if p.exitcode]
    if failed:
        raise RuntimeError(f"{len(failed)} indexing process(es) failed: {failed}")
    return sum(results.get() for _ in processes)


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


def _backends():
    from wagtail.search.backends import get_search_backends

    return list(get_search_backends(with_auto_update=True))


def _delete(documents) -> None:
    """Documents and their entries in every backend."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.search.models import IndexEntry

    pks = [str(pk) for pk in documents.values_list("pk", flat=True)]
    if not pks:
        return
    content_type = ContentType.objects.get_for_model(SearchDocument)
    for backend in _backends():
        if backend.query_compiler_class.HANDLES_ORDER_BY_EXPRESSIONS:
            continue  # a database backend: its entries go just below
        for doc in SearchDocument.objects.filter(pk__in=pks):
            backend.delete(doc)
    IndexEntry.objects.filter(content_type=content_type, object_id__in=pks)._raw_delete(
        IndexEntry.objects.db
    )
    SearchDocument.objects.filter(pk__in=pks)._raw_delete(SearchDocument.objects.db)


@transaction.atomic
def _write(
    kind: str,
    ids: list[int],
    sources: Iterable[Source],
    analyser: Analyser,
    unchanged_too: bool = False,
) -> int:
    """Replace the documents of `ids` that changed (documents whose source is gone
    are dropped).

    Most refreshes change nothing a document holds: a sale moves a stock record,
    which queues its product's refresh. Such a document keeps its row and its
    index entry, so the documents' version (`index_version`), and with it the
    listings' counts and kept search answers, stays as it was, and the index
    gains no dead rows. A document is the same when its fingerprint (its words
    and facet values) and its `listed` and `listed_until` are: those two are
    compared as the row holds them now, since `relist` writes them in place."""
    key_field = _KEY_FIELD[kind]
    held = {
        key: (pk, fingerprint, listed, until)
        for key, pk, fingerprint, listed, until in SearchDocument.objects.filter(
            kind=kind, **{f"{key_field}__in": ids}
        ).values_list(key_field, "pk", "fingerprint", "listed", "listed_until")
    }
    documents, terms, unchanged = [], set(), set()
    for source in sources:
        texts = analyser(source.fields)
        facets = {name: source.facets.get(name) for name in _SOURCE_FACETS}
        facets["certificates"] = facets["certificates"] or ""
        facets["category_path"] = facets["category_path"] or ""
        facets["listed"] = bool(facets["listed"])
        doc = SearchDocument(
            kind=kind,
            object_id=source.key,
            title=source.title[:255],
            title_en=source.title_en[:255],
            **{key_field: source.key},
            **facets,
            **texts,
        )
        doc.fingerprint = fingerprint(doc)
        now = held.get(source.key)
        if not unchanged_too and now is not None:
            if now[1:] == (doc.fingerprint, doc.listed, doc.listed_until):
                unchanged.add(now[0])
                continue
        documents.append(doc)
        for text in texts.values():
            terms.update(text.split())
    replaced = [pk for pk, *_ in held.values() if pk not in unchanged]
    _delete(SearchDocument.objects.filter(pk__in=replaced))
    if not documents:
        if replaced:
            index_version.changed()
        return 0
    if not stores_texts():
        # The backend's vectors hold the terms: the rows keep none (at 100,000
        # products the texts are three quarters of the table, and every search
        # reads its rows). The objects keep them for add_bulk below.
        kept = [
            {name: getattr(doc, name) for name in analysis.FIELDS} for doc in documents
        ]
        for doc in documents:
            for name in analysis.FIELDS:
                setattr(doc, name, "")
        SearchDocument.objects.bulk_create(documents)
        for doc, texts in zip(documents, kept, strict=True):
            for name, text in texts.items():
                setattr(doc, name, text)
    else:
        SearchDocument.objects.bulk_create(documents)
    if any(doc.pk is None for doc in documents):
        # Databases that cannot return ids from a bulk insert: read them back.
        _reload_ids(kind, key_field, documents)
    for backend in _backends():
        backend.add_bulk(SearchDocument, documents)
    vocabulary.changed(terms)
    index_version.changed()
    return len(documents)


def fingerprint(doc: SearchDocument) -> str:
    """A digest of what a document holds but `listed` and `listed_until`."""
    held = [getattr(doc, name) for name in _FINGERPRINTED]
    return hashlib.blake2b(repr(held).encode(), digest_size=16).hexdigest()


_FINGERPRINTED = [
    "kind",
    "object_id",
    "title",
    "title_en",
    *(name for name in _SOURCE_FACETS if name not in ("listed", "listed_until")),
    *analysis.FIELDS,
]


def _reload_ids(kind: str, key_field: str, documents: list[SearchDocument]) -> None:
    by_key = dict(
        SearchDocument.objects.filter(
            kind=kind,
            **{f"{key_field}__in": [getattr(d, key_field) for d in documents]},
        ).values_list(key_field, "pk")
    )
    for doc in documents:
        doc.pk = by_key[getattr(doc, key_field)]


@task()
def index_documents(kinds: dict[str, list[int]]) -> int:
    """(Re)write the documents of these products, producers or pages
    ({"product": [ids], "producer": [ids]}), off the request."""
    written = sum(index(kind, ids) for kind, ids in kinds.items())
    if written:
        # The save that queued this bumped the content version before the documents
        # were rewritten; search and listing pages cached since show the old text.
        content_version.bump_now_and_on_commit()
    return written
