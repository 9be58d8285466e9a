"""Runs a parsed query against the index: the total, the facet counts and one page of
results come back from a single SQL statement.

Matching ("hits") comes from one of three places, all with the same columns:

- the token index (default): the `Posting` table, one index range per term; each
  posting carries its document's facet and listing columns, so nothing is joined;
- a Wagtail search backend (``SEARCH_INDEX=wagtail``: Wagtail's database backend, or
  Elasticsearch/OpenSearch for a large deployment), given the same analysed terms;
  its best `WAGTAIL_CANDIDATES` documents are then counted and ordered here;
- the documents themselves when there are no words (browsing by facet).

Every product query keeps only documents the OTOP rule lists (`listed`, written from
`Product.objects.eligible()`, and `listed_until` compared with today), and the products
shown are loaded through `Product.objects.listed()`, which applies the rule once more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .facets import FACETS, FACETS_BY_NAME
from .models import Posting, SearchDocument
from .query import ParsedQuery

WAGTAIL_CANDIDATES = 1000

# The columns a hit carries, whatever it comes from.
HIT_COLUMNS = [
    "object_id",
    "category_id",
    "stars",
    "selection_year",
    "region_id",
    "province_id",
    "price_band",
    "price",
    "listed_at",
]
SORTS = {
    "relevance": "score DESC, COALESCE(stars, 0) DESC, listed_at DESC, document_id DESC",
    "price": "CASE WHEN price IS NULL THEN 1 ELSE 0 END, price ASC, document_id DESC",
    "-price": "CASE WHEN price IS NULL THEN 1 ELSE 0 END, price DESC, document_id DESC",
    "stars": "COALESCE(stars, 0) DESC, score DESC, listed_at DESC, document_id DESC",
    "newest": "listed_at DESC, document_id DESC",
}
# Without words there is no relevance: the best-rated, newest products first.
BROWSE_ORDER = SORTS["stars"]


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _materialized() -> str:
    """Compute the hits once, however often the facet counts read them."""
    if connection.vendor == "postgresql":
        return "MATERIALIZED "
    if connection.vendor == "sqlite":
        import sqlite3

        return "MATERIALIZED " if sqlite3.sqlite_version_info >= (3, 35) else ""
    return ""


@dataclass
class Scope:
    """What may be found (WHERE over the shared facet columns, no table prefix)."""

    sql: str
    params: tuple

    @classmethod
    def of(cls, kind: str, filters: dict) -> Scope:
        conditions = [
            "kind = %s",
            "listed",
            "(listed_until IS NULL OR listed_until >= %s)",
        ]
        params: list = [kind, timezone.localdate()]
        for name, value in filters.items():
            facet = FACETS_BY_NAME.get(name)
            if facet is not None:
                conditions.append(f"{facet.column} = %s")
                params.append(value)
        if filters.get("producer"):
            conditions.append("maker_id = %s")
            params.append(filters["producer"])
        if filters.get("language"):
            conditions.append("language = %s")
            params.append(filters["language"])
        return cls(" AND ".join(conditions), tuple(params))


def _groups_matched(query: ParsedQuery, column: str, required: int) -> tuple[str, list]:
    """HAVING: the document carries terms of at least `required` word groups."""
    cases, params = [], []
    for number, group in enumerate(query.groups):
        cases.append(f"WHEN {column} IN ({_marks(group.terms)}) THEN {number}")
        params += group.terms
    return f"COUNT(DISTINCT CASE {' '.join(cases)} END) >= %s", [*params, required]


@dataclass
class Matching:
    """SQL yielding (document_id, score, *HIT_COLUMNS) for the documents in scope."""

    sql: str
    params: tuple

    @classmethod
    def everything(cls, scope: Scope) -> Matching:
        columns = ", ".join(HIT_COLUMNS)
        return cls(
            f"SELECT id AS document_id, 0 AS score, {columns} "
            f"FROM {_table(SearchDocument)} WHERE {scope.sql}",
            scope.params,
        )

    @classmethod
    def tokens(cls, query: ParsedQuery, scope: Scope, required: int) -> Matching:
        terms = query.all_terms
        table = _table(Posting)
        if len(terms) == 1:
            # One term: a document has one posting for it, so no grouping is needed.
            columns = ", ".join(HIT_COLUMNS)
            return cls(
                f"SELECT document_id, weight AS score, {columns} FROM {table} "
                f"WHERE term = %s AND {scope.sql}",
                (terms[0], *scope.params),
            )
        if 1 < len(query.groups) == required:
            return cls._from_rarest(query, scope, table)
        columns = ", ".join(f"MIN({c}) AS {c}" for c in HIT_COLUMNS)
        sql = (
            f"SELECT document_id, SUM(weight) AS score, {columns} FROM {table} "
            f"WHERE term IN ({_marks(terms)}) AND {scope.sql} GROUP BY document_id"
        )
        params: list = [*terms, *scope.params]
        if len(query.groups) > 1:
            having, having_params = _groups_matched(query, "term", required)
            sql += f" HAVING {having}"
            params += having_params
        return cls(sql, tuple(params))

    @classmethod
    def _from_rarest(cls, query: ParsedQuery, scope: Scope, table: str) -> Matching:
        """Every word must match: start from the documents of the rarest word group
        and look up the other words of those documents only ("ของฝาก เชียงใหม่" reads
        the few Chiang Mai documents, not every food and household product)."""
        frequency = query.frequency
        rarest = min(
            query.groups, key=lambda g: sum(frequency.get(t, 0) for t in g.terms)
        )
        terms = query.all_terms
        columns = ", ".join(HIT_COLUMNS)
        having, having_params = _groups_matched(query, "p.term", len(query.groups))
        minimums = ", ".join(f"MIN(c.{c}) AS {c}" for c in HIT_COLUMNS)
        sql = (
            f"SELECT c.document_id, SUM(p.weight) AS score, {minimums} "
            f"FROM (SELECT DISTINCT document_id, {columns} FROM {table} "
            f"WHERE term IN ({_marks(rarest.terms)}) AND {scope.sql}) c "
            f"JOIN {table} p ON p.document_id = c.document_id "
            f"AND p.term IN ({_marks(terms)}) "
            f"GROUP BY c.document_id HAVING {having}"
        )
        return cls(sql, (*rarest.terms, *scope.params, *terms, *having_params))

    @classmethod
    def wagtail(
        cls, query: ParsedQuery, kind: str, scope: Scope, required: int
    ) -> Matching:
        from wagtail.search.backends import get_search_backend
        from wagtail.search.query import And, Or, PlainText

        groups = [Or([PlainText(t) for t in g.terms]) for g in query.groups]
        if required < len(groups):
            # Wagtail's query language has no "n of m": any group, then.
            expression = Or(groups)
        else:
            expression = And(groups) if len(groups) > 1 else groups[0]
        docs = SearchDocument.objects.filter(kind=kind)
        found = get_search_backend().search(expression, docs).annotate_score("_score")
        rows = [(doc.pk, float(doc._score or 0)) for doc in found[:WAGTAIL_CANDIDATES]]
        if not rows:
            rows = [(0, 0.0)]  # matches no document
        values = ", ".join(["(%s, %s)"] * len(rows))
        if connection.vendor == "postgresql":
            candidates = f"(VALUES {values}) AS v (candidate, score)"
        else:
            candidates = f"(SELECT column1 AS candidate, column2 AS score FROM (VALUES {values})) AS v"
        columns = ", ".join(f"d.{c}" for c in HIT_COLUMNS)
        return cls(
            f"SELECT d.id AS document_id, v.score, {columns} FROM {candidates} "
            f"JOIN {_table(SearchDocument)} d ON d.id = v.candidate WHERE {scope.sql}",
            (*(value for row in rows for value in row), *scope.params),
        )


@dataclass
class Results:
    total: int
    counts: dict[str, dict[str, int]]
    ids: list[int]  # the object ids of the page asked for, in order
    offset: int = 0


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

    @property
    def relaxed(self) -> bool:
        return self.required is not None and self.required < len(self.query.groups)

    def _matching(self) -> Matching:
        scope = Scope.of(self.kind, self.filters)
        if not self.query:
            return Matching.everything(scope)
        required = len(self.query.groups) if self.required is None else self.required
        if getattr(settings, "SEARCH_INDEX", "tokens") == "wagtail":
            return Matching.wagtail(self.query, self.kind, scope, required)
        return Matching.tokens(self.query, scope, required)

    def _order(self) -> str:
        if not self.query:
            return BROWSE_ORDER
        if self.kind != SearchDocument.Kind.PRODUCT:
            return SORTS["relevance"]
        return SORTS.get(self.sort, SORTS["relevance"])

    def results(self, offset: int = 0, limit: int = 24, facets: bool = True) -> Results:
        """Total, facet counts and a page of object ids; a query nothing matches
        with every word is tried again with all words but one."""
        found = self._run(offset, limit, facets)
        groups = len(self.query.groups)
        if found.total == 0 and groups > 1:
            self.required = groups - 1
            found = self._run(offset, limit, facets)
            if found.total == 0:
                self.required = None
        return found

    def page(self, offset: int, limit: int) -> list[int]:
        return self._run(offset, limit, facets=False).ids

    def _run(self, offset: int, limit: int, facets: bool) -> Results:
        matching = self._matching()
        parts = ["SELECT 'total', NULL, COUNT(*) FROM hits"]
        if facets and self.kind == SearchDocument.Kind.PRODUCT:
            parts += [
                f"SELECT '{f.name}', CAST({f.column} AS TEXT), COUNT(*) FROM hits "
                f"WHERE {f.column} IS NOT NULL GROUP BY {f.column}"
                for f in FACETS
            ]
        params = list(matching.params)
        if limit:
            # Row numbers keep the page's order through the UNION.
            parts.append(
                "SELECT 'page', CAST(object_id AS TEXT), ROW_NUMBER() OVER () FROM "
                f"(SELECT object_id FROM hits ORDER BY {self._order()} "
                "LIMIT %s OFFSET %s) AS page"
            )
            params += [limit, offset]
        sql = f"WITH hits AS {_materialized()}({matching.sql}) " + " UNION ALL ".join(
            parts
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total, counts, page = 0, {f.name: {} for f in FACETS}, []
        for name, value, number in rows:
            if name == "total":
                total = number
            elif name == "page":
                page.append((number, int(value)))
            else:
                counts[name][value] = number
        return Results(total, counts, [i for _n, i in sorted(page)], offset)


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
