"""The counts of the catalogue and its category pages while no facet is chosen: the
total and every facet's {value: count}, exact, over the product documents the OTOP
rule lists (the same documents and rule as `engine.Search`, with no words).

They are counted once for all those pages, not once per page view: one statement
groups the listed documents by their category path and by each facet column
(PostgreSQL: GROUPING SETS over one index-only scan of `search_doc_listed_facets`,
a narrow partial index of the listed product documents; elsewhere their facet columns
are read once and counted here), and a page adds up the paths it covers — the
catalogue every path, a category the paths under its own (a product counts under its
deepest category, as the search's subcategory filter has it).

That tally is kept in the cache under the documents' version (`index_version`: it
changes when a document is written, deleted or relisted, and at midnight, so a
registration that lapses overnight drops out), not the content version: a sale or a
photo leaves it as it was. Each page's sums are kept beside it, so a view reads one
small cache entry.

Cost at 100,000 products: README, "Speed".
"""

from __future__ import annotations

import hashlib
from collections import Counter

from django.core.cache import cache
from django.db import connection

from . import index_version
from .engine import Results, Search
from .facets import FACETS
from .models import SearchDocument
from .query import parse

COLUMNS = [facet.column for facet in FACETS]
TIMEOUT = 24 * 3600


def browse_results(path: str = "", category_id: int | None = None) -> Results:
    """The total and facet counts of the catalogue (no arguments), of a top-level
    category's page (`category_id`) or of a subcategory's (its tree `path`)."""
    version = index_version.current()
    if version is None:  # the cache is down: count, keep nothing
        counted = _add_up(_tally(), path, category_id)
    else:
        counted = _counted(
            hashlib.sha256(version.encode()).hexdigest(), path, category_id
        )
    total, columns = counted
    counts = {facet.name: facet.counts(columns[facet.column]) for facet in FACETS}
    return Results(total, counts, [])


def _counted(version: str, path: str, category_id: int | None) -> tuple[int, dict]:
    page_key = f"otop:browse-counts:{version}:{category_id}:{path}"
    counted = cache.get(page_key)
    if counted is None:
        tally = cache.get(f"otop:browse-tally:{version}")
        if tally is None:
            tally = _tally()
            cache.set(f"otop:browse-tally:{version}", tally, TIMEOUT)
        counted = _add_up(tally, path, category_id)
        cache.set(page_key, counted, TIMEOUT)
    return counted


def listed_documents():
    """The product documents the OTOP rule lists today (the engine's own filter)."""
    return Search(parse(""), SearchDocument.Kind.PRODUCT).documents()


def _tally() -> list[tuple]:
    """[(category_id, category_path, column or "", value, n)]: per category and
    category path of the listed product documents, their number (column "") and
    their number for every value of every facet column."""
    rows = (
        listed_documents()
        .order_by()
        .values_list("category_id", "category_path", *COLUMNS)
    )
    if connection.vendor != "postgresql":
        tally: Counter = Counter()
        for category, path, *values in rows:
            tally[(category, path, "", None)] += 1
            for column, value in zip(COLUMNS, values, strict=True):
                tally[(category, path, column, value)] += 1
        return [(*key, n) for key, n in tally.items()]
    inner, params = rows.query.sql_with_params()
    names = [f"c{i}" for i in range(len(COLUMNS))]
    sets = ", ".join(["(k, p)", *(f"(k, p, {n})" for n in names)])
    sql = (
        f"SELECT {', '.join(f'GROUPING({n})' for n in names)}, k, p, "
        f"{', '.join(names)}, COUNT(*) "
        f"FROM ({inner}) AS m (k, p, {', '.join(names)}) "
        f"GROUP BY GROUPING SETS ({sets})"
    )
    found = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            grouped, (category, path) = (
                row[: len(names)],
                row[len(names) : len(names) + 2],
            )
            values, n = row[len(names) + 2 : -1], row[-1]
            if all(grouped):
                found.append((category, path, "", None, n))
            else:
                i = grouped.index(0)
                found.append((category, path, COLUMNS[i], values[i], n))
    return found


def _add_up(tally, path: str, category_id: int | None) -> tuple[int, dict]:
    """(total, {column: {value: n}}) of the documents a page covers: as the engine
    filters them, a top-level category's by their category_id, a subcategory's by
    their path under its own."""
    total = 0
    columns: dict[str, Counter] = {column: Counter() for column in COLUMNS}
    for category, p, column, value, n in tally:
        if category_id is not None and category != category_id:
            continue
        if not p.startswith(path):
            continue
        if column == "":
            total += n
        else:
            columns[column][value] += n
    return total, {c: dict(columns[c].most_common()) for c in COLUMNS}
