"""Wagtail's database search backend (modelsearch), with the storefront's documents
indexed and ranked by field.

`WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "shop.search.backend"` picks the
backend of the database in use, as ``wagtail.search.backends.database`` does. Other
indexed models (Wagtail's pages, for the admin search) are indexed exactly as Wagtail
indexes them; a `SearchDocument` has its four texts of analysed terms placed so that
each engine weighs them:

- PostgreSQL: the title terms make the `title` tsvector (weight A), the names (B),
  context (C) and details (D) the `body` tsvector; a search reads both tsvectors'
  GIN indexes (Wagtail's own query matches `title || body`, which no index serves),
  and ranks with `ts_rank` weights 1.0 / 0.4 / 0.2 / 0.1, the body normalised by
  its length.
- SQLite FTS5: title terms in the `title` column, names in `autocomplete`, context and
  details in `body`; ranked by `bm25()` with a weight per column (Wagtail's own rank
  weighs every column alike), which also normalises by each column's length.

Elasticsearch/OpenSearch need nothing of this: they map each `SearchField` with its
own boost (settings: SEARCH_URL, README "Search").
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import F, FloatField, Func, Q
from django.db.models.sql.subqueries import InsertQuery

# Weights of SQLite's FTS5 columns in their table order (autocomplete, body, title).
SQLITE_COLUMN_WEIGHTS = (4.0, 1.0, 10.0)
# ts_rank's weights for D, C, B, A: details, context, names, title.
POSTGRES_WEIGHTS = "{0.1,0.2,0.4,1.0}"
# ts_rank normalisation 1: divide by 1 + log(document length).
POSTGRES_NORMALISATION = 1


def _is_document(obj) -> bool:
    from .models import SearchDocument

    return isinstance(obj, SearchDocument)


def _is_document_model(model) -> bool:
    from .models import SearchDocument

    return issubclass(model, SearchDocument)


# --- SQLite ------------------------------------------------------------------------


@cache
def _sqlite_backend():
    from modelsearch.backends.database.sqlite import sqlite

    class ObjectIndexer(sqlite.ObjectIndexer):
        @property
        def _document(self):
            return self.obj if _is_document(self.obj) else None

        @sqlite.cached_property
        def title(self):
            doc = self._document
            return doc.title_terms if doc else super().title

        @sqlite.cached_property
        def autocomplete(self):
            doc = self._document
            return doc.name_terms if doc else super().autocomplete

        @sqlite.cached_property
        def body(self):
            doc = self._document
            if doc is None:
                return super().body
            return f"{doc.context_terms} {doc.detail_terms}".strip()

    class Index(sqlite.SQLiteIndex):
        def add_items(self, model, objs):
            # Wagtail's add_items with this module's ObjectIndexer.
            if not model.get_search_fields():
                return
            indexers = [ObjectIndexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = sqlite.get_content_type_pk(model)
            data = {i.id: (i.title, i.autocomplete, i.body) for i in indexers}
            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed = set(
                entries.filter(object_id__in=data).values_list("object_id", flat=True)
            )
            for object_id in indexed:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(
                    title=title, autocomplete=autocomplete, body=body
                )
            self.entries.bulk_create(
                [
                    sqlite.IndexEntry(
                        content_type_id=content_type_pk,
                        object_id=object_id,
                        title=title,
                        autocomplete=autocomplete,
                        body=body,
                    )
                    for object_id, (title, autocomplete, body) in data.items()
                    if object_id not in indexed
                ]
            )
            if not _is_document_model(model):
                self._refresh_title_norms()

    class WeightedBM25(Func):
        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            table = sqlite.SQLiteFTSIndexEntry._meta.db_table
            weights = ", ".join(str(w) for w in SQLITE_COLUMN_WEIGHTS)
            return f"bm25({table}, {weights})", []

    class QueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if _is_document_model(self.queryset.model):
                self.FTS_TABLE_FIELDS = ["title", "body", "autocomplete"]

        def _build_rank_expression(self, vectors, config):
            if _is_document_model(self.queryset.model):
                return WeightedBM25()
            return super()._build_rank_expression(vectors, config)

    class Backend(sqlite.SQLiteSearchBackend):
        index_class = Index
        query_compiler_class = QueryCompiler

    return Backend


# --- PostgreSQL --------------------------------------------------------------------


@cache
def _postgres_backend():
    from django.contrib.postgres.search import SearchRank, SearchVector
    from django.db.models import TextField, Value

    from modelsearch.backends.database.postgres import postgres
    from modelsearch.query import And, Or, Phrase, PlainText
    from modelsearch.utils import ADD, MUL

    class ObjectIndexer(postgres.ObjectIndexer):
        def _vector(self, texts):
            texts = [(text, weight) for text, weight in texts if text]
            if not texts:
                return postgres.EMPTY_VECTOR
            return ADD(
                SearchVector(
                    Value(text, output_field=TextField()),
                    weight=weight,
                    config=self.config,
                )
                for text, weight in texts
            )

        @postgres.cached_property
        def title(self):
            if not _is_document(self.obj):
                return super().title
            return self._vector([(self.obj.title_terms, "A")])

        @postgres.cached_property
        def body(self):
            if not _is_document(self.obj):
                return super().body
            doc = self.obj
            return self._vector(
                [
                    (doc.name_terms, "B"),
                    (doc.context_terms, "C"),
                    (doc.detail_terms, "D"),
                ]
            )

        @postgres.cached_property
        def autocomplete(self):
            if not _is_document(self.obj):
                return super().autocomplete
            return postgres.EMPTY_VECTOR

        # Plain copies of the texts serve Wagtail's fuzzy search only, which the
        # storefront does not use: not stored for documents.
        @postgres.cached_property
        def title_text(self):
            return "" if _is_document(self.obj) else super().title_text

        @postgres.cached_property
        def body_text(self):
            return "" if _is_document(self.obj) else super().body_text

    class Index(postgres.PostgresIndex):
        def add_items(self, model, objs):
            # Wagtail's add_items with this module's ObjectIndexer.
            if not model.get_search_fields():
                return
            indexers = [ObjectIndexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = postgres.get_content_type_pk(model)
            IndexEntry = postgres.IndexEntry
            compiler = InsertQuery(IndexEntry).get_compiler(
                connection=self.write_connection
            )
            rows, params = [], []
            for indexer in indexers:
                params.extend((content_type_pk, indexer.id))
                vectors = []
                for name in ("title", "autocomplete", "body"):
                    value = compiler.prepare_value(
                        IndexEntry._meta.get_field(name), getattr(indexer, name)
                    )
                    sql, value_params = value.as_sql(compiler, self.write_connection)
                    vectors.append(sql)
                    params.extend(value_params)
                params.extend((indexer.title_text, indexer.body_text))
                rows.append(f"(%s, %s, {', '.join(vectors)}, 1.0, %s, %s)")
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, "
                    "object_id, title, autocomplete, body, title_norm, title_text, "
                    f"body_text) VALUES {', '.join(rows)} "
                    "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                    "title = EXCLUDED.title, title_norm = 1.0, "
                    "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                    "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                    params,
                )
            if not _is_document_model(model):
                self._refresh_title_norms()

    class QueryCompiler(postgres.PostgresSearchQueryCompiler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.document = _is_document_model(self.queryset.model)
            if self.document:
                self.sql_weights = POSTGRES_WEIGHTS

        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if not self.document:
                return super().build_tsrank(vector, query, config, boost)
            if isinstance(query, Phrase | PlainText):
                return SearchRank(
                    vector,
                    self.build_tsquery(query, config=config),
                    weights=self.sql_weights,
                    normalization=Value(POSTGRES_NORMALISATION),
                )
            if isinstance(query, And):
                return (
                    MUL(
                        1 + self.build_tsrank(vector, q, config)
                        for q in query.subqueries
                    )
                    - 1
                )
            if isinstance(query, Or):
                # The best alternative counts (a word and its synonyms are one idea).
                ranks = [self.build_tsrank(vector, q, config) for q in query.subqueries]
                if len(ranks) == 1:
                    return ranks[0]
                from django.db.models.functions import Greatest

                return Greatest(*ranks, output_field=FloatField())
            return super().build_tsrank(vector, query, config, boost)

        def get_index_vectors(self, search_query):
            if not self.document:
                return super().get_index_vectors(search_query)
            return [
                (F("index_entries__title"), 1.0),
                (F("index_entries__body"), 1.0),
            ]

        def search(self, config, start, stop, score_field=None, backend=None):
            if not self.document or self.fields is not None:
                return super().search(config, start, stop, score_field, backend)
            if isinstance(self.query, postgres.MatchAll):
                return self.queryset[start:stop]
            search_query = self.build_tsquery(self.query, config=config)
            vectors = self.get_search_vectors(search_query)
            rank = self._build_rank_expression(vectors, config)
            # Each tsvector on its own, so that both GIN indexes serve the match.
            queryset = self.queryset.annotate(
                _title_=F("index_entries__title"), _body_=F("index_entries__body")
            ).filter(Q(_title_=search_query) | Q(_body_=search_query))
            return self._apply_ordering_and_scoring(
                queryset, rank, start, stop, score_field
            )

    class Backend(postgres.PostgresSearchBackend):
        index_class = Index
        query_compiler_class = QueryCompiler

        def __init__(self, params):
            params = {"SEARCH_CONFIG": "simple", **params}
            super().__init__(params)

    return Backend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for)
    """The backend for the database in use (as wagtail.search.backends.database)."""
    if connection.vendor == "postgresql":
        return _postgres_backend()(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends import database

        fallback = database.SearchBackend(params)
        if fallback.__class__.__name__ == "SQLiteSearchBackend":
            return _sqlite_backend()(params)
        return fallback
    from modelsearch.backends.database import SearchBackend as database_backend

    return database_backend(params)


def current():
    """The search backend in use (WAGTAILSEARCH_BACKENDS["default"])."""
    from wagtail.search.backends import get_search_backend

    return get_search_backend()


def is_database(engine) -> bool:
    """Database backends order by expressions (NULLs last); search servers by names."""
    return engine.query_compiler_class.HANDLES_ORDER_BY_EXPRESSIONS
