"""Runs a parsed query against the index: matching documents, their relevance, facet
counts and one page of results, in a fixed number of SQL queries.

Matching ("hits": document id and score) comes from one of two places:

- the token index (default): the `Posting` table, one indexed lookup per term,
  identical on SQLite and PostgreSQL;
- a Wagtail search backend (``SEARCH_INDEX=wagtail``): Wagtail's database backend or
  Elasticsearch/OpenSearch, given the same analysed terms; the best
  `WAGTAIL_CANDIDATES` documents come back and the rest happens in the database.

Everything after matching is shared SQL over `SearchDocument`: the OTOP rule
(`Product.objects.eligible()`, evaluated at query time so an ineligible product is gone
at once), facet filters, facet counts and ordering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from oscar.core.loading import get_model

from catalogue.register import Producer

from .facets import FACETS, FACETS_BY_NAME
from .models import Posting, SearchDocument
from .query import ParsedQuery

Product = get_model("catalogue", "Product")

WAGTAIL_CANDIDATES = 1000

SORTS = {
    "relevance": "h.score DESC, COALESCE(d.stars, 0) DESC, d.listed_at DESC, d.id DESC",
    "price": "CASE WHEN d.price IS NULL THEN 1 ELSE 0 END, d.price ASC, d.id DESC",
    "-price": "CASE WHEN d.price IS NULL THEN 1 ELSE 0 END, d.price DESC, d.id DESC",
    "stars": "COALESCE(d.stars, 0) DESC, h.score DESC, d.listed_at DESC, d.id DESC",
    "newest": "d.listed_at DESC, d.id DESC",
}
# Without words there is no relevance: the best-rated, newest products first.
BROWSE_ORDER = SORTS["stars"]


def _sql(queryset) -> tuple[str, tuple]:
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _materialized() -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return "MATERIALIZED " if sqlite3.sqlite_version_info >= (3, 35) else ""
    return "MATERIALIZED " if connection.vendor == "postgresql" else ""


@dataclass
class Matching:
    """SQL that yields (document_id, score) rows for a query."""

    sql: str
    params: tuple

    @classmethod
    def everything(cls, kind: str) -> Matching:
        return cls(
            f"SELECT id AS document_id, 0 AS score FROM {_table(SearchDocument)} "
            "WHERE kind = %s",
            (kind,),
        )

    @classmethod
    def tokens(cls, query: ParsedQuery, required: int) -> Matching:
        terms = query.all_terms
        marks = ", ".join(["%s"] * len(terms))
        sql = (
            f"SELECT document_id, SUM(weight) AS score FROM {_table(Posting)} "
            f"WHERE term IN ({marks}) GROUP BY document_id"
        )
        params: list = list(terms)
        if len(query.groups) > 1:
            cases = []
            for number, group in enumerate(query.groups):
                cases.append(
                    f"WHEN term IN ({', '.join(['%s'] * len(group.terms))}) THEN {number}"
                )
                params += group.terms
            sql += f" HAVING COUNT(DISTINCT CASE {' '.join(cases)} END) >= %s"
            params.append(required)
        return cls(sql, tuple(params))

    @classmethod
    def wagtail(cls, query: ParsedQuery, kind: str, required: int) -> Matching:
        from wagtail.search.backends import get_search_backend
        from wagtail.search.query import And, Or, PlainText

        groups = [Or([PlainText(t) for t in g.terms]) for g in query.groups]
        if required < len(groups):
            # Wagtail's query language has no "n of m": any group then.
            expression = Or(groups)
        else:
            expression = And(groups) if len(groups) > 1 else groups[0]
        docs = SearchDocument.objects.filter(kind=kind)
        found = get_search_backend().search(expression, docs).annotate_score("_score")
        rows = [(doc.pk, float(doc._score or 0)) for doc in found[:WAGTAIL_CANDIDATES]]
        if not rows:
            return cls("SELECT 0 AS document_id, 0 AS score WHERE 1 = 0", ())
        values = ", ".join(["(%s, %s)"] * len(rows))
        params = tuple(v for row in rows for v in row)
        return cls(
            f"SELECT v.document_id, v.score FROM (VALUES {values}) AS v(document_id, score)"
            if connection.vendor == "postgresql"
            else f"SELECT column1 AS document_id, column2 AS score FROM (VALUES {values})",
            params,
        )


def matching(query: ParsedQuery, kind: str, required: int | None = None) -> Matching:
    if not query:
        return Matching.everything(kind)
    required = len(query.groups) if required is None else required
    if getattr(settings, "SEARCH_INDEX", "tokens") == "wagtail":
        return Matching.wagtail(query, kind, required)
    return Matching.tokens(query, required)


def _scope(kind: str, filters: dict) -> tuple[str, tuple]:
    """WHERE conditions on the document `d`: what may be shown, and the filters."""
    conditions, params = ["d.kind = %s"], [kind]
    if kind == SearchDocument.Kind.PRODUCT:
        sql, rule = _sql(Product.objects.eligible().order_by().values("pk"))
        conditions.append(f"d.product_id IN ({sql})")
        params += rule
        for name, value in filters.items():
            facet = FACETS_BY_NAME.get(name)
            if facet is not None:
                conditions.append(f"d.{facet.column} = %s")
                params.append(value)
        if filters.get("producer"):
            conditions.append("d.producer_id = %s")
            params.append(filters["producer"])
    elif kind == SearchDocument.Kind.PRODUCER:
        sql, rule = _sql(Producer.objects.registered().order_by().values("pk"))
        conditions.append(f"d.producer_id IN ({sql})")
        params += rule
    else:
        from wagtail.models import Page

        pages = Page.objects.live().public()
        if filters.get("language"):
            pages = pages.filter(locale__language_code=filters["language"])
        sql, rule = _sql(pages.order_by().values("pk"))
        conditions.append(f"d.page_id IN ({sql})")
        params += rule
    return " AND ".join(conditions), tuple(params)


@dataclass
class Search:
    """One search over one kind of document, with facet filters and a sort order."""

    query: ParsedQuery
    kind: str = SearchDocument.Kind.PRODUCT
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    # Filled by count(): how many groups a document had to match (fewer than all
    # when no document matched every word).
    required: int | None = None

    def _hits_sql(self) -> tuple[str, tuple]:
        match = matching(self.query, self.kind, self.required)
        where, params = _scope(self.kind, self.filters)
        columns = ", ".join(f"d.{f.column}" for f in FACETS)
        sql = (
            f"SELECT d.id, d.product_id, d.producer_id, d.page_id, h.score, "
            f"d.price, d.listed_at, {columns} "
            f"FROM ({match.sql}) h JOIN {_table(SearchDocument)} d ON d.id = h.document_id "
            f"WHERE {where}"
        )
        return sql, match.params + params

    def facet_counts(self) -> tuple[int, dict[str, dict[str, int]]]:
        """(total, {facet: {value: count}}) in one query; relaxes the query to all
        but one word when nothing matches every word."""
        total, counts = self._facet_counts()
        groups = len(self.query.groups)
        if total == 0 and groups > 1:
            self.required = groups - 1
            total, counts = self._facet_counts()
            if total == 0:
                self.required = None
        return total, counts

    @property
    def relaxed(self) -> bool:
        return self.required is not None and self.required < len(self.query.groups)

    def _facet_counts(self) -> tuple[int, dict[str, dict[str, int]]]:
        hits, params = self._hits_sql()
        parts = ["SELECT 'total', NULL, COUNT(*) FROM hits"]
        if self.kind == SearchDocument.Kind.PRODUCT:
            parts += [
                f"SELECT '{f.name}', CAST({f.column} AS TEXT), COUNT(*) FROM hits "
                f"WHERE {f.column} IS NOT NULL GROUP BY {f.column}"
                for f in FACETS
            ]
        sql = f"WITH hits AS {_materialized()}({hits}) " + " UNION ALL ".join(parts)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total, counts = 0, {f.name: {} for f in FACETS}
        for name, value, count in rows:
            if name == "total":
                total = count
            else:
                counts[name][value] = count
        return total, counts

    def page(self, offset: int, limit: int) -> list[tuple[int, float]]:
        """(object id, score) for one page, in order: product, producer or page ids."""
        hits, params = self._hits_sql()
        order = SORTS.get(self.sort, SORTS["relevance"]) if self.query else BROWSE_ORDER
        if self.kind != SearchDocument.Kind.PRODUCT:
            order = SORTS["relevance"]
        key = {"product": "product_id", "producer": "producer_id", "page": "page_id"}[
            self.kind
        ]
        sql = f"SELECT h.{key}, h.score FROM ({hits}) h ORDER BY {order.replace('d.', 'h.')} LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, limit, offset))
            return [(row[0], row[1]) for row in cursor.fetchall()]


class ResultPage(Sequence):
    """A lazily sliced search for Django's Paginator: `count()` is the total from
    the facet query; a slice runs one page query and loads those objects."""

    def __init__(self, search: Search, total: int, load) -> None:
        self.search, self.total, self.load = search, total, load

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(self.total)
        hits = self.search.page(start, max(0, stop - start))
        return self.load([object_id for object_id, _score in hits])
