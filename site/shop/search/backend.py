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

from collections.abc import Sequence
from functools import cache

from django.db import connection
from django.db.models import F, FloatField, Func, Q

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
    from django.contrib.postgres.search import SearchRank
    from django.db.models import Value

    from modelsearch.backends.database.postgres import postgres
    from modelsearch.query import And, Or, Phrase, PlainText
    from modelsearch.utils import MUL

    class Index(postgres.PostgresIndex):
        def add_items(self, model, objs):
            if _is_document_model(model):
                self._add_documents(list(objs))
                return
            super().add_items(model, objs)

        def _add_documents(self, docs) -> None:
            """The documents' entries in one statement whatever their number: the
            texts go as five arrays and the server builds the vectors
            (`setweight(to_tsvector(...))`, what modelsearch's SearchVector
            compiles to), where Wagtail's add_items sends one VALUES row of
            expressions per object (a statement of ~4,000 parameters for 500
            documents). Documents carry no plain texts (Wagtail's fuzzy search
            only) and no autocomplete vector, and need no title_norm (our rank
            does not read it)."""
            if not docs:
                return
            content_type_pk = postgres.get_content_type_pk(docs[0].__class__)
            config = self.backend.config
            vector = "setweight(to_tsvector(%s::regconfig, u.{0}), '{1}')"
            body = " || ".join(
                vector.format(column, weight)
                for column, weight in (("n", "B"), ("c", "C"), ("d", "D"))
            )
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {postgres.IndexEntry._meta.db_table} "
                    "(content_type_id, object_id, title, autocomplete, body, "
                    "title_norm, title_text, body_text) "
                    f"SELECT %s, u.id::text, {vector.format('t', 'A')}, "
                    f"''::tsvector, {body}, 1.0, '', '' "
                    "FROM unnest(%s::int[], %s::text[], %s::text[], %s::text[], "
                    "%s::text[]) AS u (id, t, n, c, d) "
                    "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                    "title = EXCLUDED.title, body = EXCLUDED.body, "
                    "autocomplete = EXCLUDED.autocomplete, title_norm = 1.0, "
                    "title_text = '', body_text = ''",
                    [
                        content_type_pk,
                        config,
                        config,
                        config,
                        config,
                        [doc.pk for doc in docs],
                        [doc.title_terms for doc in docs],
                        [doc.name_terms for doc in docs],
                        [doc.context_terms for doc in docs],
                        [doc.detail_terms for doc in docs],
                    ],
                )

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
        # The documents' terms live in the entries' vectors only (models.stores_texts).
        holds_document_terms = True

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


# --- PostgreSQL: a results page and its counts in one statement --------------------


def postgres_page_and_counts(
    found,
    *,
    order: tuple[str, ...] | None,
    offset: int,
    limit: int,
    columns: list[str],
    companions: Sequence = (),
) -> tuple[list[int], int, dict[str, dict], list[int]]:
    """One page of object ids, the total and {value: count} of each facet column,
    for `found` (a search of the documents through this backend, unsliced), in one
    statement: the ids of the page ordered by rank (`order` None) or by the named
    document columns ("-price": descending; NULLs last either way).

    Below modelsearch here, on purpose. Its query starts from the documents (all
    ~100,000 are listed), joins each to its index entry on `id::varchar =
    object_id` and filters the vectors there, because the planner cannot tell how
    few entries a tsquery matches: a scan of the whole index per search. Its
    `count()` and `facet()` each run the match again. Here the entries are matched
    first, through their GIN indexes (`title @@ q OR body @@ q`, a BitmapOr), and
    joined to the documents on the documents' integer key, with the OTOP rule and
    the chosen facets (the backend's own filtered queryset); a match is ranked
    only once it is known to be one of those documents. The joined rows are
    MATERIALIZED, so that the page (ORDER BY rank LIMIT) and the counts (GROUPING
    SETS, one set per facet and () for the total) read the same rows once.

    `companions`, document querysets of other searches of the same words (a
    results page's other tabs), get their totals from the same match: the
    words are matched once a page, not once a tab (a broad word's match reads
    some 10,000 pages of the entries' heap for each)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import IntegerField
    from django.db.models.functions import Cast

    from wagtail.search.models import IndexEntry

    from modelsearch.query import MatchAll

    compiler = found.query_compiler
    query = compiler.query
    docs = compiler.queryset.order_by()
    sort_columns = [name.lstrip("-") for name in order or ()]
    wanted = list(dict.fromkeys(["id", "object_id", *columns, *sort_columns]))
    docs_sql, docs_params = docs.values_list(*wanted).query.sql_with_params()
    params: list = []
    ranked = False
    if isinstance(query, MatchAll):
        matched = f"f AS MATERIALIZED ({docs_sql})"
        params += docs_params
    else:
        config = compiler.get_config(found.backend)
        tsquery = compiler.build_tsquery(query, config=config)
        entries = IndexEntry.objects.filter(
            content_type_id=ContentType.objects.get_for_model(docs.model).pk
        ).filter(Q(title=tsquery) | Q(body=tsquery))
        entries = entries.annotate(doc=Cast("object_id", IntegerField()))
        fields = ["doc"]
        # A count alone (the other tabs' totals: limit 0) ranks nothing: ts_rank
        # over every match was most of such a statement.
        ranked = order is None and limit > 0
        if ranked:
            rank = compiler.build_tsrank(
                F("title"), query, config
            ) + compiler.build_tsrank(F("body"), query, config)
            entries = entries.annotate(r=rank)
            fields.append("r")
        entries_sql, entries_params = entries.values_list(
            *fields
        ).query.sql_with_params()
        # The entries' subquery is inlined into the join, so that the rank (the
        # CASE evaluates it lazily) is computed only for matches that are this
        # search's documents: a broad word's matches include other kinds' and
        # unlisted products' entries (ผ้า: 29,452 matches, 21,274 listed
        # products), and ranking was most of the statement. With companions
        # every match is kept (LEFT JOIN, `matched`), so that their totals come
        # from the same single read of the entries.
        join = "LEFT JOIN" if companions else "JOIN"
        rank_column = ", CASE WHEN s.id IS NOT NULL THEN m.r END AS r" if ranked else ""
        matched = (
            f"f AS MATERIALIZED (SELECT s.*, m.doc AS matched{rank_column} "
            f"FROM ({entries_sql}) m {join} ({docs_sql}) s ON s.id = m.doc)"
        )
        params += [*entries_params, *docs_params]
        for number, companion in enumerate(companions):
            companion_sql, companion_params = (
                companion.order_by().values_list("id").query.sql_with_params()
            )
            matched += (
                f", c{number} AS (SELECT 1 FROM ({companion_sql}) s "
                "JOIN f ON f.matched = s.id)"
            )
            params += companion_params
    if order is None:
        order_sql = "r DESC, id DESC" if ranked else "id DESC"
    else:
        order_sql = ", ".join(
            f"{name[1:]} DESC NULLS LAST"
            if name.startswith("-")
            else f"{name} ASC NULLS LAST"
            for name in order
        )
    names = ", ".join(columns)
    flags = ", ".join(f"GROUPING({c})" for c in columns)
    nulls = ", ".join("NULL" for _ in columns)
    sets = ", ".join([*(f"({c})" for c in columns), "()"])
    # Without companions every row of f is one of this search's documents.
    mine = (
        " WHERE id IS NOT NULL"
        if companions and not isinstance(query, MatchAll)
        else ""
    )
    page = (
        f"(SELECT 0, object_id, {', '.join(['1'] * len(columns))}{', ' if columns else ''}"
        f"{nulls}{', ' if columns else ''}NULL::bigint FROM f{mine} "
        f"ORDER BY {order_sql} LIMIT %s OFFSET %s)"
    )
    tally = (
        f"SELECT 1, NULL, {flags}{', ' if columns else ''}{names}{', ' if columns else ''}"
        f"COUNT(*) FROM f{mine} GROUP BY GROUPING SETS ({sets})"
    )
    others = "".join(
        f" UNION ALL SELECT {2 + number}, NULL, "
        f"{', '.join(['1'] * len(columns))}{', ' if columns else ''}"
        f"{nulls}{', ' if columns else ''}COUNT(*) FROM c{number}"
        for number in range(len(companions) if not isinstance(query, MatchAll) else 0)
    )
    sql = f"WITH {matched} {page} UNION ALL {tally}{others}"
    params += [limit, offset]
    ids: list[int] = []
    total = 0
    counts: dict[str, dict] = {column: {} for column in columns}
    width = len(columns)
    totals = [0] * len(companions)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            if row[0] == 0:
                ids.append(row[1])
                continue
            if row[0] > 1:
                totals[row[0] - 2] = row[-1]
                continue
            grouped, values, n = row[2 : 2 + width], row[2 + width : -1], row[-1]
            if all(grouped):
                total = n
                continue
            i = grouped.index(0)
            counts[columns[i]][values[i]] = n
    return ids, total, counts, totals
