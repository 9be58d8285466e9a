"""Runs a parsed query through Wagtail's search (modelsearch): the total, the facet
counts and one page of results, from whichever backend settings name (PostgreSQL
full text or SQLite FTS5 through `shop.search.backend`, or Elasticsearch/OpenSearch).

The query is the analysis's: a document matches a word group when it carries any of
the group's terms (`Or`), and the query when it matches every group (`And`). The OTOP
rule and every facet are filters on the documents' `FilterField`s (`listed`, and
`listed_until` compared with today, so a registration that lapses overnight drops
out with nothing rewritten); the total and facet counts come from one run of the
match (`_tally`; a search server's own `facet()`). The products
shown are loaded through `Product.objects.listed()`, which applies the rule once more
(views.load_products).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from modelsearch.query import MATCH_ALL, And, Or, PlainText

from .backend import current as backend
from .backend import is_database as _database
from .backend import postgres_page_and_counts
from .facets import FACETS, FACETS_BY_NAME
from .index_version import current as index_version
from .models import SearchDocument
from .query import ParsedQuery


def _order(names: tuple[str, ...], database: bool) -> list:
    if not database:
        # A search server sorts on filter fields only; the document's object id
        # breaks ties as its pk does on a database (unique within a kind).
        return [
            n.replace("id", "object_id") if n.lstrip("-") == "id" else n for n in names
        ]
    return [
        F(n.lstrip("-")).desc(nulls_last=True)
        if n.startswith("-")
        else F(n).asc(nulls_last=True)
        for n in names
    ]


SORTS = {
    "price": ("price", "-id"),
    "-price": ("-price", "-id"),
    "stars": ("-stars", "-listed_at", "-id"),
    "newest": ("-listed_at", "-id"),
}
# Without words there is no relevance: the best-rated, newest products first.
BROWSE_ORDER = SORTS["stars"]


@dataclass
class Results:
    total: int
    counts: dict[str, dict[str, int]]
    ids: list[int]  # the object ids of the page asked for, in order
    offset: int = 0


def _keep(key: str, answer) -> None:
    """An answer kept under its key (the index version is in it) for a while."""
    cache.set(key, answer, settings.SEARCH_RESULTS_SECONDS)


def _any(terms: list[str]):
    texts = [PlainText(t) for t in terms]
    return texts[0] if len(texts) == 1 else Or(texts)


def _group(group):
    """A word group: any of its terms, or (when it has parts) every part."""
    if not group.parts:
        return _any(group.terms)
    every = And([_any(part) for part in group.parts])
    return Or([*(PlainText(t) for t in group.terms), every])


@dataclass
class Search:
    """One search over one kind of document, with facet filters and a sort order."""

    query: ParsedQuery
    kind: str = SearchDocument.Kind.PRODUCT
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    # How many word groups a document must match: all, unless nothing matches all
    # of them (then all but one; see results()).
    required: int | None = None
    # The index's version, when the caller asked for it once for several searches
    # (a results page runs three).
    version: str | None = None

    @property
    def relaxed(self) -> bool:
        return self.required is not None and self.required < len(self.query.groups)

    def documents(self):
        """The documents that may be found: this kind, listed by the OTOP rule today,
        within the chosen facets."""
        docs = SearchDocument.objects.filter(kind=self.kind, listed=True).filter(
            Q(listed_until__isnull=True) | Q(listed_until__gte=timezone.localdate())
        )
        for name, value in self.filters.items():
            facet = FACETS_BY_NAME.get(name)
            if facet is not None:
                docs = facet.filter(docs, value)
        if self.filters.get("category_path"):
            # A subcategory page: its products and those of its subcategories.
            docs = docs.filter(category_path__startswith=self.filters["category_path"])
        if self.filters.get("producer"):
            docs = docs.filter(maker_id=self.filters["producer"])
        if self.filters.get("language"):
            docs = docs.filter(language=self.filters["language"])
        return docs.only("id", "object_id")

    def expression(self):
        groups = [_group(g) for g in self.query.groups]
        required = len(groups) if self.required is None else self.required
        if len(groups) == 1:
            return groups[0]
        if required >= len(groups):
            return And(groups)
        # All groups but one, whichever one.
        return Or(
            [
                And([g for j, g in enumerate(groups) if j != i])
                for i in range(len(groups))
            ]
        )

    def _found(self, ranked: bool = True):
        """The backend's results; unranked (for the total and the facet counts) the
        engine matches without computing a score for every match."""
        engine = backend()
        docs = self.documents()
        if not ranked and self.query:
            return engine.search(self.expression(), docs, order_by_relevance=False)
        if not self.query:
            docs = docs.order_by(*_order(BROWSE_ORDER, _database(engine)))
            return engine.search(MATCH_ALL, docs, order_by_relevance=False)
        if self.kind == SearchDocument.Kind.PRODUCT and self.sort in SORTS:
            docs = docs.order_by(*_order(SORTS[self.sort], _database(engine)))
            return engine.search(self.expression(), docs, order_by_relevance=False)
        return engine.search(self.expression(), docs)

    def results(self, offset: int = 0, limit: int = 24, facets: bool = True) -> Results:
        """Total, facet counts and a page of object ids; a query nothing matches
        with every word is tried again with all words but one. Kept in the cache
        under the index's version (`index_version`): the same search again, by any
        visitor, until the catalogue or the index changes, reads one cache entry
        instead of matching, ranking and counting every match again."""
        key = self._cache_key(offset, limit, facets)
        cached = cache.get(key) if key else None
        if cached is not None:
            found, self.required = cached
            return found
        found = self._run(offset, limit, facets)
        found = self._relaxed_if_none(found, offset, limit, facets)
        if key:
            _keep(key, (found, self.required))
        return found

    def _relaxed_if_none(
        self, found: Results, offset: int, limit: int, facets: bool
    ) -> Results:
        """A query nothing matches with every word, tried with all words but one."""
        groups = len(self.query.groups)
        if found.total == 0 and groups > 1:
            self.required = groups - 1
            found = self._run(offset, limit, facets)
            if found.total == 0:
                self.required = None
        return found

    def with_totals_of(
        self, others: Sequence[Search], offset: int, limit: int
    ) -> tuple[Results, list[Results]]:
        """This search's results (with facets) and the totals alone of other
        searches of the same words (a results page's other tabs). On PostgreSQL
        the ones not kept in the cache share this search's statement: the words
        are matched once, not once a tab."""
        key = self._cache_key(offset, limit, True)
        cached = cache.get(key) if key else None
        if cached is not None or not self._shares_statements(others):
            if cached is not None:
                found, self.required = cached
            else:
                found = self.results(offset, limit)
            return found, [other.results(0, 0, facets=False) for other in others]
        other_keys = [other._cache_key(0, 0, False) for other in others]
        kept = [cache.get(k) if k else None for k in other_keys]
        pending = [o for o, k in zip(others, kept, strict=True) if k is None]
        found, totals = self._run(offset, limit, True, companions=pending)
        found = self._relaxed_if_none(found, offset, limit, True)
        if key:
            _keep(key, (found, self.required))
        shared = dict(zip(map(id, pending), totals, strict=True))
        answers = []
        for other, other_key, other_kept in zip(others, other_keys, kept, strict=True):
            if other_kept is not None:
                answer, other.required = other_kept
            else:
                counts = {f.name: {} for f in FACETS}
                answer = Results(shared[id(other)], counts, [], 0)
                answer = other._relaxed_if_none(answer, 0, 0, False)
                if other_key:
                    _keep(other_key, (answer, other.required))
            answers.append(answer)
        return found, answers

    def _shares_statements(self, others: Sequence[Search]) -> bool:
        return (
            bool(others)
            and bool(self.query)
            and connection.vendor == "postgresql"
            and _database(backend())
            and all(
                o.query is self.query and o.required == self.required for o in others
            )
        )

    def _cache_key(self, offset: int, limit: int, facets: bool) -> str | None:
        """What decides the answer: the analysed query (its terms, expansions and
        corrections, which follow the vocabulary), the kind, filters, sort, page
        and the index's version; None when results are not kept."""
        if not settings.SEARCH_RESULTS_SECONDS:
            return None
        version = self.version or index_version()
        if version is None:
            return None
        what = repr(
            (
                self.query.groups,
                str(self.kind),
                sorted((str(k), repr(v)) for k, v in self.filters.items()),
                self.sort,
                self.required,
                offset,
                limit,
                facets,
                connection.vendor,
            )
        )
        digest = hashlib.sha256(f"{version}:{what}".encode()).hexdigest()
        return f"otop:search-results:{digest}"

    def page(self, offset: int, limit: int) -> list[int]:
        return [doc.object_id for doc in self._found()[offset : offset + limit]]

    def _order_names(self) -> tuple[str, ...] | None:
        """The columns the page is ordered by (None: by rank), as `_found` orders."""
        if not self.query:
            return BROWSE_ORDER
        if self.kind == SearchDocument.Kind.PRODUCT and self.sort in SORTS:
            return SORTS[self.sort]
        return None

    def _run(self, offset: int, limit: int, facets: bool, companions=None):
        """Results; with `companions` (searches of the same words, PostgreSQL
        only) also their totals, from the same statement."""
        found = self._found()
        if connection.vendor == "postgresql" and _database(found.backend):
            counted = facets and self.kind == SearchDocument.Kind.PRODUCT
            columns = [f.column for f in FACETS] if counted else []
            ids, total, tallied, totals = postgres_page_and_counts(
                found,
                order=self._order_names(),
                offset=offset,
                limit=limit,
                columns=columns,
                companions=[c.documents() for c in companions or ()],
            )
            counts = {f.name: {} for f in FACETS}
            if counted:
                for facet in FACETS:
                    counts[facet.name] = facet.counts(tallied[facet.column])
            results = Results(total, counts, ids, offset)
            return results if companions is None else (results, totals)
        ids = [doc.object_id for doc in found[offset : offset + limit]] if limit else []
        matched = self._found(ranked=False)
        counts: dict[str, dict[str, int]] = {f.name: {} for f in FACETS}
        if not (facets and self.kind == SearchDocument.Kind.PRODUCT):
            return Results(matched.count(), counts, ids, offset)
        tallied = _tally(matched)
        if tallied is None:
            # A search server: its own count and aggregations.
            total = matched.count()
            if total:
                for facet in FACETS:
                    counts[facet.name] = facet.counts(matched.facet(facet.column))
            return Results(total, counts, ids, offset)
        total, columns = tallied
        for facet in FACETS:
            counts[facet.name] = facet.counts(columns[facet.column])
        return Results(total, counts, ids, offset)


def _tally(matched) -> tuple[int, dict[str, dict]] | None:
    """The total and every facet's {value: count} from one run of the match, on a
    database backend other than PostgreSQL (which counts in the page's own
    statement, `backend.postgres_page_and_counts`); None on a search server.

    Below modelsearch here, on purpose: its `facet()` and `count()` each rebuild and
    re-run the whole full-text match. We take the backend's own matching queryset
    (unranked, with the OTOP rule and the chosen facets already applied, exactly
    what `facet()` groups), read the matches' facet columns once and count them
    here."""
    get_queryset = getattr(matched, "get_queryset", None)
    if get_queryset is None or not _database(matched.backend):
        return None
    columns = [facet.column for facet in FACETS]
    rows = get_queryset().order_by().values_list(*columns)
    tally: dict[str, Counter] = {column: Counter() for column in columns}
    total = 0
    for row in rows:
        total += 1
        for column, value in zip(columns, row, strict=True):
            tally[column][value] += 1
    return total, {c: dict(tally[c].most_common()) for c in columns}


class ResultPage(Sequence):
    """A search's results for Django's Paginator: `count()` is the total already
    counted; the page already fetched is served from memory, any other page runs a
    page query; objects are loaded by `load` (ids -> objects, in order)."""

    def __init__(self, search: Search, found: Results, load) -> None:
        self.search, self.found, self.load = search, found, load

    def count(self) -> int:
        return self.found.total

    def __len__(self) -> int:
        return self.found.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(self.found.total)
        if start == self.found.offset and stop - start <= len(self.found.ids):
            ids = self.found.ids[: stop - start]
        else:
            ids = self.search.page(start, max(0, stop - start))
        return self.load(ids)
